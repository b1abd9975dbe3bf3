import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { standardizeAddress, type AddressInput } from './us-address.ts';

function at(line1: string, more: Partial<AddressInput> = {}): ReturnType<typeof standardizeAddress> {
  return standardizeAddress({
    address_line1: line1,
    address_line2: '',
    city: 'Austin',
    state: 'TX',
    zip: '78701',
    ...more,
  });
}

describe('standardizeAddress (USPS Publication 28)', () => {
  it('abbreviates suffixes and directionals and keeps the unit range', () => {
    const address = at('123 North Main Street Apartment 4');
    assert.deepEqual(
      [address.number, address.predir, address.street, address.suffix, address.unit, address.line],
      ['123', 'N', 'MAIN', 'ST', '4', '123 N MAIN ST APT 4'],
    );
  });

  it('reads "#5", "Apt 5" and "Unit 5" as the same unit', () => {
    const units = ['12 Elm St #5', '12 Elm St Apt 5', '12 Elm St Unit 5', '12 Elm St Apt. #5'].map(
      (line) => at(line).unit,
    );
    assert.deepEqual(units, ['5', '5', '5', '5']);
  });

  it('takes the unit from line 2', () => {
    assert.equal(at('12 Elm St', { address_line2: 'Suite 200' }).unit, '200');
    assert.equal(at('12 Elm St', { address_line2: 'Suite 200' }).line, '12 ELM ST STE 200');
  });

  it('puts a Spanish street type before the name: "Calle Sol" is street SOL of type CALLE', () => {
    const address = at('4500 Calle Sol', { city: 'San Juan', state: 'PR', zip: '00901' });
    assert.deepEqual(
      [address.number, address.suffix, address.street, address.line],
      ['4500', 'CALLE', 'SOL', '4500 CALLE SOL'],
    );
    assert.equal(at('12 Avenida de las Américas').line, '12 AVE DE LAS AMERICAS');
    assert.notEqual(at('1 Calle Sol').line, at('1 Calle Luna').line);
  });

  it('reads PO boxes in their usual spellings', () => {
    for (const line of ['PO Box 77', 'P.O. Box 77', 'Post Office Box 77', 'POB 77'])
      assert.deepEqual([at(line).pobox, at(line).line], ['77', 'PO BOX 77'], line);
  });

  it('keeps a lettered house number whole and does not take "St" in "St Marks Pl" for the suffix', () => {
    assert.equal(at('221B Baker St').number, '221B');
    assert.deepEqual([at('8 St Marks Pl').street, at('8 St Marks Pl').suffix], ['ST MARKS', 'PL']);
  });

  it('keeps a directional that is the whole street name as the name', () => {
    assert.deepEqual([at('100 North St').street, at('100 North St').predir], ['NORTH', null]);
  });

  it('maps state names to USPS codes and splits ZIP+4', () => {
    const address = at('1 Main St', { state: 'puerto rico', zip: '00901-1234' });
    assert.deepEqual([address.state, address.zip5, address.zip4], ['PR', '00901', '1234']);
  });

  it('splits a whole address written on line 1', () => {
    const address = at('123 Main St, Apt 4, Austin, Texas 78701', { city: '', state: '', zip: '' });
    assert.deepEqual(
      [address.line, address.city, address.state, address.zip5],
      ['123 MAIN ST APT 4', 'AUSTIN', 'TX', '78701'],
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string(),
        fc.string(),
        fc.string(),
        (l1, l2, city, state, zip) => {
          standardizeAddress({ address_line1: l1, address_line2: l2, city, state, zip });
        },
      ),
      { numRuns: 2000 },
    );
  });

  const word = fc.constantFrom(
    'N',
    'North',
    'Main',
    'Street',
    'St',
    'Calle',
    'Sol',
    'Ave',
    'Apt',
    '#',
    '5',
    'PO',
    'Box',
    '12B',
    'SW',
    'Camino',
    'Real',
    'Rear',
    'Highway',
    '61',
    'Fifth',
  );
  const line = fc.array(word, { minLength: 1, maxLength: 7 }).map((words) => words.join(' '));

  it('is idempotent on its own standardized line', () => {
    fc.assert(
      fc.property(fc.oneof(line, fc.string()), (input) => {
        const once = at(input).line;
        if (once === null) return;
        assert.equal(at(once).line, once);
      }),
      { numRuns: 3000 },
    );
  });

  it('does not depend on case, spacing or punctuation', () => {
    fc.assert(
      fc.property(line, fc.constantFrom(' ', '  ', ' . ', ', '), (input, gap) => {
        const variant = input.toLowerCase().split(' ').join(gap);
        assert.deepEqual(at(variant), at(input));
      }),
      { numRuns: 2000 },
    );
  });
});
