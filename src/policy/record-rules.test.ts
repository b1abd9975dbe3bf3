import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { RequestRecord } from '../intake/request-record.ts';
import { goodRequest } from './request-fixture.ts';
import { loadProgram } from '../programs/program.ts';
import {
  RECORD_RULES,
  addressUsable,
  investigationIdentified,
  namePresent,
  officerNamed,
  reasonSpecific,
  removalOrderDateInPast,
  statutoryAuthorityAllowed,
  taxablePeriodsAllowed,
} from './record-rules.ts';
import type { RecordRule, ScreeningContext } from './rule.ts';
import { secondIdentifier } from './second-identifier.ts';

const context: ScreeningContext = {
  program: loadProgram(),
  asOf: '2025-06-01',
  attestation: 'Each person named is subject to a final order of removal.',
};

function check(rule: RecordRule, overrides: Partial<RequestRecord>): string | null {
  return rule.check(goodRequest(overrides), context);
}

describe('record rules', () => {
  it('passes a complete, lawful request under every rule', () => {
    for (const rule of RECORD_RULES) assert.equal(rule.check(goodRequest(), context), null, rule.id);
  });

  it('rejects a request without a surname or with FNU for the given name — § 6103(i)(2)(B)(i)', () => {
    assert.match(check(namePresent, { last_name: ' ' }) ?? '', /surname missing/);
    assert.match(check(namePresent, { first_name: 'FNU' }) ?? '', /placeholder/);
    assert.match(check(namePresent, { last_name: 'Unknown' }) ?? '', /placeholder/);
    assert.equal(check(namePresent, { first_name: 'J.' }), null);
    assert.equal(check(namePresent, { last_name: 'Na' }), null);
  });

  it('rejects a ZIP code given as the whole address — § 6103(i)(2)(B)(i)', () => {
    assert.match(check(addressUsable, { address_line1: '78701' }) ?? '', /^zip-only/);
  });

  it('rejects "Failed to Provide", "Unknown Address" and "NA NA" as addresses — § 6103(i)(2)(B)(i)', () => {
    for (const address_line1 of ['Failed to Provide', 'Unknown Address', 'NA NA', 'n/a'])
      assert.match(check(addressUsable, { address_line1 }) ?? '', /^placeholder/, address_line1);
  });

  it('rejects missing, malformed or out-of-window taxable periods — § 6103(i)(2)(B)(ii)', () => {
    assert.match(check(taxablePeriodsAllowed, { taxable_periods: '' }) ?? '', /missing/);
    assert.match(check(taxablePeriodsAllowed, { taxable_periods: 'last year' }) ?? '', /not a tax year/);
    assert.match(check(taxablePeriodsAllowed, { taxable_periods: '2024-2021' }) ?? '', /ends before/);
    assert.match(
      check(taxablePeriodsAllowed, { taxable_periods: '2015-2024' }) ?? '',
      /2015, 2016, 2017 outside 2018–2024/,
    );
    assert.match(check(taxablePeriodsAllowed, { taxable_periods: '2025' }) ?? '', /outside/);
    assert.equal(check(taxablePeriodsAllowed, { taxable_periods: '2018-2024' }), null);
  });

  it('accepts every spelling of an allowed citation — § 6103(i)(2)(B)(iii)', () => {
    for (const statutory_authority of [
      '8 U.S.C. § 1253(a)(1)',
      '8 USC 1253(a)(1)',
      '8 U.S.C. §1253(a)(1)',
      'Title 8 U.S.C. Section 1253(a)(1)',
      '8 U.S.C. 1253(a)(1)',
      '8 u.s. code § 1253 (a) (1)',
      'INA § 243(a)(1)',
      '8 U.S.C. § 1326(a)',
    ])
      assert.equal(check(statutoryAuthorityAllowed, { statutory_authority }), null, statutory_authority);
  });

  it('rejects a missing, unreadable or unlisted statutory authority — § 6103(i)(2)(B)(iii)', () => {
    assert.match(check(statutoryAuthorityAllowed, { statutory_authority: '' }) ?? '', /missing/);
    assert.match(
      check(statutoryAuthorityAllowed, { statutory_authority: 'immigration law' }) ?? '',
      /not a U.S. Code citation/,
    );
    assert.match(
      check(statutoryAuthorityAllowed, { statutory_authority: '8 USC 1231(a)' }) ?? '',
      /8 U.S.C. § 1231\(a\) is not among/,
    );
    assert.match(
      check(statutoryAuthorityAllowed, { statutory_authority: '8 U.S.C. § 1253' }) ?? '',
      /is not among/,
    );
  });

  it('rejects a reason that repeats the attestation or is boilerplate — § 6103(i)(2)(B)(iv)', () => {
    assert.match(check(reasonSpecific, { reason: '' }) ?? '', /missing/);
    assert.match(
      check(reasonSpecific, { reason: 'each person named is subject to a FINAL order of removal' }) ?? '',
      /repeats the batch attestation/,
    );
    assert.match(
      check(reasonSpecific, { reason: 'Ongoing immigration investigation.' }) ?? '',
      /boilerplate/,
    );
  });

  it('rejects a missing, impossible or future removal-order date — program condition, 8 U.S.C. § 1231(a)(1)', () => {
    assert.match(check(removalOrderDateInPast, { removal_order_date: '' }) ?? '', /missing/);
    assert.match(check(removalOrderDateInPast, { removal_order_date: '2023-02-30' }) ?? '', /not a date/);
    assert.match(check(removalOrderDateInPast, { removal_order_date: '2025-06-01' }) ?? '', /not before/);
  });

  it('rejects a request naming no investigation or no officer — § 6103(i)(2)(A)', () => {
    assert.match(check(investigationIdentified, { investigation_id: '' }) ?? '', /missing/);
    assert.match(check(investigationIdentified, { investigation_id: 'N/A' }) ?? '', /placeholder/);
    assert.match(check(officerNamed, { investigating_officer: '' }) ?? '', /missing/);
  });

  it('never throws and a reason made of attestation words in any case is refused', () => {
    const rules = [
      namePresent,
      addressUsable,
      taxablePeriodsAllowed,
      statutoryAuthorityAllowed,
      reasonSpecific,
      removalOrderDateInPast,
    ];
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const record = goodRequest({
          first_name: a,
          address_line1: b,
          taxable_periods: a,
          statutory_authority: b,
          reason: a,
          removal_order_date: b,
        });
        for (const rule of rules) rule.check(record, context);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom('', ' ', '.', '!', '  ,'), fc.boolean(), (gap, upper) => {
        const words = context.attestation.split(' ').join(` ${gap} `);
        assert.notEqual(
          check(reasonSpecific, { reason: upper ? words.toUpperCase() : words.toLowerCase() }),
          null,
        );
      }),
    );
  });

  it('never echoes a TIN, date of birth or name in a problem (problems are printed, stored and audited)', () => {
    const rules = [...RECORD_RULES, secondIdentifier];
    // Values no fixed message could contain by chance: a marker and then anything.
    const value = fc.string({ minLength: 1, maxLength: 12 }).map((tail) => `QZX${tail}`);
    const personal = ['first_name', 'middle_name', 'last_name', 'dob', 'tin'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...personal),
        value,
        fc.constantFrom(...personal),
        value,
        (f1, v1, f2, v2) => {
          const record = goodRequest({ [f1]: v1, [f2]: v2 });
          for (const rule of rules) {
            const problem = rule.check(record, context) ?? '';
            for (const shown of [v1, v2])
              assert.ok(!problem.includes(shown.trim()), `${rule.id} echoed ${f1}/${f2}: ${problem}`);
            assert.ok(!problem.includes('QZX'), `${rule.id}: ${problem}`);
          }
        },
      ),
    );
    // A placeholder or a name without letters is refused all the same, just not quoted.
    assert.match(
      check(namePresent, { last_name: '--.' }) ?? '',
      /^the surname (is a placeholder|has no letters)/,
    );
    assert.match(
      check(secondIdentifier, { dob: '1980-13-45', tin: '' }) ?? '',
      /the date of birth is not a date/,
    );
    assert.match(check(secondIdentifier, { dob: '', tin: '12' }) ?? '', /the TIN is not 9 digits/);
  });
});
