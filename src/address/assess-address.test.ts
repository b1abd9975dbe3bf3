import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { assessAddress } from './assess-address.ts';
import type { AddressInput } from './us-address.ts';

function verdict(line1: string, more: Partial<AddressInput> = {}): string {
  return assessAddress({
    address_line1: line1,
    address_line2: '',
    city: 'Austin',
    state: 'TX',
    zip: '78701',
    ...more,
  }).kind;
}

describe('assessAddress — § 6103(i)(2)(B)(i) "the address of the taxpayer"', () => {
  it('accepts a street address with city and state or a ZIP', () => {
    assert.equal(verdict('123 Main St'), 'usable');
    assert.equal(verdict('123 Main St', { zip: '' }), 'usable');
    assert.equal(verdict('123 Main St', { city: '', state: '' }), 'usable');
    assert.equal(verdict('PO Box 9'), 'usable');
    assert.equal(verdict('RR 2 Box 15'), 'usable');
  });

  it('refuses the 2025 placeholders in any case, spacing or punctuation', () => {
    for (const line of [
      'Failed to Provide',
      'UNKNOWN ADDRESS',
      'na na',
      'N/A',
      'n.a.',
      'Not Provided',
      'TBD',
      'same',
      'Refused',
      '???',
      'xxx',
      'NONE',
    ])
      assert.equal(verdict(line), 'placeholder', line);
  });

  it('refuses a ZIP code given as the whole address', () => {
    assert.equal(verdict('78701'), 'zip-only');
    assert.equal(verdict('78701-1234'), 'zip-only');
    assert.equal(verdict('', { city: '', state: '' }), 'zip-only');
  });

  it('refuses digits alone', () => assert.equal(verdict('1234'), 'digits-only'));

  it('refuses a street without a house number and a place without a street', () => {
    assert.equal(verdict('Main Street'), 'no-street');
    // A directional before a numbered street is no house number; before a county grid number, it is.
    assert.equal(verdict('N 5TH ST'), 'no-street');
    assert.equal(verdict('N 5 ST'), 'no-street');
    assert.equal(verdict('W 61 N'), 'no-street');
    assert.equal(verdict('N 39291 W Broadway', { city: 'Waukesha', state: 'WI', zip: '53188' }), 'usable');
    assert.equal(verdict('W 12177 Cypress Court', { city: 'Waukesha', state: 'WI', zip: '53188' }), 'usable');
    assert.equal(verdict('', { zip: '' }), 'no-street');
  });

  it('refuses an address with neither city and state nor ZIP', () => {
    assert.equal(verdict('123 Main St', { city: '', zip: '' }), 'no-locality');
    assert.equal(verdict('123 Main St', { city: 'Unknown', zip: '' }), 'no-locality');
  });

  it('refuses a malformed ZIP and one no state has', () => {
    assert.equal(verdict('123 Main St', { zip: '7870' }), 'bad-zip');
    assert.equal(verdict('123 Main St', { zip: '00123' }), 'bad-zip');
  });

  it('refuses a ZIP that belongs to another state', () => {
    assert.equal(verdict('123 Main St', { state: 'CO', zip: '90210' }), 'zip-state-mismatch');
    assert.equal(verdict('1 Calle Sol', { city: 'San Juan', state: 'PR', zip: '00901' }), 'usable');
  });

  it('refuses a state that is not one', () =>
    assert.equal(verdict('123 Main St', { state: 'ZZ' }), 'bad-state'));

  it('never throws and refuses every all-digit line', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9 -]{1,12}$/), (line) => {
        const kind = verdict(line);
        if (/\d/.test(line))
          assert.ok(['zip-only', 'digits-only', 'placeholder'].includes(kind), `${line} → ${kind}`);
      }),
    );
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        (a, b) => void assessAddress({ address_line1: a, address_line2: b, city: a, state: b, zip: a }),
      ),
    );
  });

  it('accepts ordinary spellings USPS delivers to: grid and hyphenated numbers, misspelt suffixes, a street named NO', () => {
    for (const line of [
      '27W088 Main St',
      'W14066 County Road X',
      'E4473 Elm Rd',
      '12-34 31st Ave',
      '123 1/2 Main St',
      '123-1/2 Main St',
      '3210 SAINT JEROME AVNU',
      '680 SPG STREE',
      '3464 NO VIRGINIA AVE',
      '145 ELM STRE SOUTHEAST',
      '100 NO ST',
      '100 Same St',
      'PO BX 4417',
      'BOX#4417',
      'PO Drawer 4417',
      'Apartado Postal 4417',
      'P O BX 4417',
      'POB 4417',
      'BOX 4417',
      'Nº 1193 Main St',
      'No. 1193 Main St',
      'NUM.RO 222 Calle Sol',
      '123 76 St',
    ])
      assert.equal(verdict(line), 'usable', line);
  });

  it('still refuses a placeholder written as a street: UNKNOWN ST, 12 NONE', () => {
    assert.equal(verdict('12 Unknown St'), 'placeholder');
    assert.equal(verdict('12 None'), 'placeholder');
  });

  it('never refuses a usable address for its case or its spacing', () => {
    const line = fc
      .tuple(
        fc.constantFrom('12', '27W088', 'W14066', '12-34', '123 1/2', '221B'),
        fc.constantFrom('', 'N', 'No', 'North', 'SW'),
        fc.constantFrom(
          'Saint Jerome',
          'St Jerome',
          'Elm',
          'Spg',
          'Mt Vernon',
          'No',
          'Calle Luna',
          'Via Verde',
        ),
        fc.constantFrom('', 'St', 'Stree', 'Avnu', 'Avenue', 'Blvd', 'Ct'),
        fc.constantFrom('', 'SE', 'Southeast', 'Apt 4', '# 5', 'Unit B'),
      )
      .map((parts) => parts.filter(Boolean).join(' '));
    const recase = (text: string, mask: boolean[]) =>
      Array.from(text, (c, i) => (mask[i % mask.length] ? c.toUpperCase() : c.toLowerCase())).join('');
    fc.assert(
      fc.property(
        line,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(' ', '  ', '\t', ' , '),
        (text, mask, gap) => {
          const base = verdict(text);
          fc.pre(base === 'usable');
          const variant = ` ${recase(text, mask).split(' ').join(gap)}  `;
          assert.equal(verdict(variant), 'usable', variant);
          assert.equal(
            verdict(variant, { city: ' austin ', state: 'tx', zip: ' 78701 ' }),
            'usable',
            variant,
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
