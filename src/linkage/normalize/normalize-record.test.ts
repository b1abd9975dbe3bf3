import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normalizeDate, normalizeRecord, normalizeTin, type RawPersonFields } from './normalize-record.ts';
import { phoneticKey } from './phonetic-key.ts';

const blank: RawPersonFields = {
  first_name: '',
  middle_name: '',
  last_name: '',
  dob: '',
  address_line1: '',
  address_line2: '',
  city: '',
  state: '',
  zip: '',
  tin: '',
};

describe('normalizeRecord', () => {
  it('accepts real calendar dates only', () => {
    assert.equal(normalizeDate('1980-2-3'), '1980-02-03');
    assert.equal(normalizeDate('2023-02-30'), null);
    assert.equal(normalizeDate('03/02/1980'), null);
  });

  it('reads a TIN with or without dashes, and nothing else', () => {
    assert.equal(normalizeTin('123-45-6789'), '123456789');
    assert.equal(normalizeTin('12345678'), null);
  });

  it('keeps a non-US postcode as the postal code the linkage compares', () => {
    assert.equal(normalizeRecord({ ...blank, zip: '3212' }).ad_postcode, '3212');
  });

  it('gives spellings that sound alike one phonetic key', () => {
    assert.equal(phoneticKey('GARCIA'), phoneticKey('GARSIA'));
    assert.equal(phoneticKey('SMITH'), phoneticKey('SMYTH'));
    assert.notEqual(phoneticKey('GARCIA'), phoneticKey('LOPEZ'));
  });

  it('gives the romanizations of one family name one phonetic key: LEE, YI, RHEE; PARK, PAK; ZHANG, CHANG', () => {
    const key = (last_name: string) => normalizeRecord({ ...blank, last_name }).nm_last_phon;
    for (const group of [
      ['Lee', 'Yi', 'Rhee'],
      ['Park', 'Pak', 'Bak'],
      ['Choi', 'Choe'],
      ['Kim', 'Gim'],
      ['Zhang', 'Chang'],
      ['Xu', 'Hsu'],
    ])
      for (const name of group) assert.equal(key(name), key(group[0] ?? ''), name);
    assert.notEqual(key('Kim'), key('Park'));
    // The second of two surnames too.
    assert.equal(normalizeRecord({ ...blank, last_name: 'Garcia Yi' }).nm_last2_phon, key('Lee'));
  });

  it('keys the second surname too, so two surnames block in either order', () => {
    const forward = normalizeRecord({ ...blank, last_name: 'Garcia Lopez' });
    const reversed = normalizeRecord({ ...blank, last_name: 'Lopez Garcia' });
    assert.equal(forward.nm_last_phon, reversed.nm_last2_phon);
    assert.equal(forward.nm_last2_phon, reversed.nm_last_phon);
  });

  it('never throws and gives null rather than empty strings', () => {
    const field = fc.string({ maxLength: 30 });
    fc.assert(
      fc.property(fc.record({ ...Object.fromEntries(Object.keys(blank).map((k) => [k, field])) }), (raw) => {
        const normalized = normalizeRecord(raw as unknown as RawPersonFields);
        for (const value of Object.values(normalized)) assert.notEqual(value, '');
      }),
    );
  });
});
