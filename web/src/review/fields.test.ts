import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spanLabel, yearSpans } from './fields.ts';

const year = (tax_year: number, address: string, name = 'ANA LOPEZ') => ({
  name,
  dob: null,
  tin: null,
  address,
  city: 'AUSTIN',
  state: 'TX',
  zip: '78701',
  tax_year,
});

describe('yearSpans', () => {
  it('joins consecutive years filed from the same address, newest first', () => {
    const spans = yearSpans([
      year(2023, '1 MAIN ST'),
      year(2022, '1 MAIN ST'),
      year(2021, '9 OAK AVE'),
      year(2020, '1 MAIN ST'),
    ]);
    assert.deepEqual(spans.map(spanLabel), ['2022–2023', '2021', '2020']);
    assert.equal(spans[0]?.address, '1 MAIN ST, AUSTIN TX 78701');
  });

  it('starts a new span when the name on the return changes', () => {
    const spans = yearSpans([year(2023, '1 MAIN ST', 'ANA LOPEZ GARCIA'), year(2022, '1 MAIN ST')]);
    assert.deepEqual(spans.map(spanLabel), ['2023', '2022']);
  });
});
