import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadProgram, parseProgram, type Program } from '../programs/program.ts';
import { goodRequest } from './request-fixture.ts';
import type { ScreeningContext } from './rule.ts';
import { secondIdentifier } from './second-identifier.ts';
import { startScreening } from './screening-run.ts';

const shipped = loadProgram();
const context = (program: Program = shipped): ScreeningContext => ({
  program,
  asOf: '2025-06-01',
  attestation: 'Attested.',
});
const withIdentity = (identity: Partial<Program['identity']>): Program => ({
  ...shipped,
  identity: { ...shipped.identity, ...identity },
});
const check = (dob: string, tin: string, program?: Program) =>
  secondIdentifier.check(goodRequest({ dob, tin }), context(program));

describe('identity.second-identifier — the program’s identity condition', () => {
  it('rejects under the shipped program a request carrying neither a DOB nor a TIN, saying what to add', () => {
    assert.equal(shipped.identity.withoutIdentifiers, 'reject');
    const problem = check('', '');
    assert.equal(
      problem,
      'no date of birth, no TIN: send it again with the date of birth (YYYY-MM-DD) or the TIN (SSN or ITIN, 9 digits)',
    );
  });

  it('passes a request carrying a DOB, a TIN (dashes or spaces allowed) or both', () => {
    assert.equal(check('1980-02-03', ''), null);
    assert.equal(check('', '900-70-0001'), null);
    assert.equal(check('', ' 900 70 0001 '), null);
    assert.equal(check('1980-2-3', '900700001'), null);
  });

  it('does not count a malformed or future DOB, or a TIN that is not 9 digits, and says which', () => {
    assert.match(check('1980-02-30', '') ?? '', /^the date of birth is not a date \(YYYY-MM-DD\), no TIN:/);
    assert.match(check('02/03/1980', '') ?? '', /the date of birth is not a date/);
    assert.match(check('2030-01-01', '') ?? '', /the date of birth is not before 2025-06-01/);
    assert.match(check('', '12345') ?? '', /^no date of birth, the TIN is not 9 digits:/);
    assert.match(check('', '900-70-00011') ?? '', /is not 9 digits/);
    assert.equal(check('1980-02-30', '900700001'), null, 'a valid TIN is enough beside a malformed DOB');
  });

  it('asks only for what the program requires', () => {
    const tinOnly = withIdentity({ autoConfirmRequiresOneOf: ['tin'] });
    assert.equal(
      check('1980-02-03', '', tinOnly),
      'no TIN: send it again with the TIN (SSN or ITIN, 9 digits)',
    );
    assert.equal(check('', '900700001', tinOnly), null);
  });

  it('passes every request in review mode: the matcher holds back instead', () => {
    assert.equal(check('', '', withIdentity({ withoutIdentifiers: 'review' })), null);
  });

  it('is decided from the identifiers alone: name, address and the rest never change the verdict', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '1980-02-03', '1980-02-30', 'unknown', '2030-01-01'),
        fc.constantFrom('', '900700001', '900-70-0001', '12345', 'N/A'),
        fc.record({
          first_name: fc.string(),
          last_name: fc.string(),
          address_line1: fc.string(),
          zip: fc.string(),
        }),
        (dob, tin, other) => {
          const plain = secondIdentifier.check(goodRequest({ dob, tin }), context());
          assert.equal(secondIdentifier.check(goodRequest({ ...other, dob, tin }), context()), plain);
        },
      ),
    );
  });

  it('never throws and passes exactly when a calendar date before the screening date or a 9-digit TIN is given', () => {
    const calendarDateBefore = (text: string, asOf: string) => {
      const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
      if (!match) return false;
      const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const date = new Date(Date.UTC(y, m - 1, d));
      return (
        date.getUTCMonth() === m - 1 && date.getUTCDate() === d && date.toISOString().slice(0, 10) < asOf
      );
    };
    const dates = fc.oneof(
      fc.string(),
      fc
        .tuple(
          fc.integer({ min: 1000, max: 2999 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 32 }),
        )
        .map(([y, m, d]) => `${y}-${m}-${String(d).padStart(2, '0')}`),
    );
    const tins = fc.oneof(fc.string(), fc.stringMatching(/^[0-9 -]{7,13}$/));
    fc.assert(
      fc.property(dates, tins, (dob, tin) => {
        const nineDigits = /^\d{9}$/.test(tin.replace(/[\s-]/g, ''));
        assert.equal(check(dob, tin) === null, calendarDateBefore(dob, '2025-06-01') || nineDigits);
      }),
      { numRuns: 2000 },
    );
  });

  it('stands after the name and address rules: an unusable address is cited first, a missing reason after it', () => {
    const run = startScreening(context());
    assert.deepEqual(
      run.screen(goodRequest({ dob: '', address_line1: 'Failed to Provide' }), 1).map((f) => f.ruleId),
      ['address.usable', 'identity.second-identifier'],
    );
    const failures = run.screen(goodRequest({ dob: '', reason: '' }), 2);
    assert.deepEqual(
      failures.map((f) => f.ruleId),
      ['identity.second-identifier', 'reason.specific'],
    );
    assert.equal(
      failures[0]?.citation,
      'Program identity.autoConfirmRequiresOneOf; 26 U.S.C. § 6103(i)(2)(B)(i)',
    );
    assert.match(
      failures[0]?.message ?? '',
      /besides name and address.*: no date of birth, no TIN: send it again/,
    );
  });
});

describe('the program’s identity section', () => {
  it('is required, and names only identifiers the desk knows', () => {
    const { identity: _identity, ...without } = shipped;
    assert.equal(parseProgram(without).kind, 'invalid');
    assert.equal(
      parseProgram({ ...shipped, identity: { ...shipped.identity, autoConfirmRequiresOneOf: ['ssn'] } }).kind,
      'invalid',
    );
    assert.equal(
      parseProgram({ ...shipped, identity: { ...shipped.identity, autoConfirmRequiresOneOf: [] } }).kind,
      'invalid',
    );
  });

  it('refuses "reject" when the program does not run the rule that rejects', () => {
    const load = parseProgram({
      ...shipped,
      rules: shipped.rules.filter((id) => id !== 'identity.second-identifier'),
    });
    assert.equal(load.kind, 'invalid');
    assert.match(load.kind === 'invalid' ? load.problems.join() : '', /identity\.second-identifier/);
    const review = {
      ...shipped,
      identity: { ...shipped.identity, withoutIdentifiers: 'review' },
      rules: shipped.rules.filter((id) => id !== 'identity.second-identifier'),
    };
    assert.equal(parseProgram(review).kind, 'valid');
  });
});
