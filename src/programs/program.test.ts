import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { programRules } from '../policy/screening-run.ts';
import { loadProgram, parseProgram } from './program.ts';

describe('the shipped IRS–ICE § 6103(i)(2) program', () => {
  const program = loadProgram();

  it('says why for every section, as style.md § 6 asks of every parameter', () => {
    const sections = [
      program.legalAuthority.why,
      program.requestingAgency.why,
      ...program.authorizedSigners.map((signer) => signer.why),
      program.allowedStatutoryAuthoritiesWhy,
      program.taxablePeriodWindow.why,
      program.disclosureWhy,
      program.matching.why,
      program.identity.why,
      program.retention.why,
      program.limits.why,
      program.rulesWhy,
      program.response.why,
      program.review.why,
      program.intake.why,
    ];
    assert.ok(sections.every((why) => typeof why === 'string' && why.length > 20));
  });

  it('names only rules the policy catalogue has, the batch refusal first', () => {
    const rules = programRules(program);
    assert.equal(rules.record.length + rules.batch.length, program.rules.length);
    assert.equal(program.rules[0], 'batch.size-limit');
  });

  it('discloses nothing but a confirmation', () => {
    assert.deepEqual(program.disclosure.CONFIRMED, ['confirmation']);
    assert.deepEqual([program.disclosure.NOT_CONFIRMED, program.disclosure.REJECTED], [[], []]);
  });

  it('answers the agency with three codes: nothing confirmed, whatever the reason, is one of them', () => {
    assert.deepEqual(Object.keys(program.response.codes).sort(), ['CONFIRMED', 'NOT_CONFIRMED', 'REJECTED']);
    assert.deepEqual(program.response.codes['NOT_CONFIRMED']?.answers.sort(), [
      'AMBIGUOUS',
      'NOT_CONFIRMED',
      'NO_RECORD',
    ]);
  });

  it('refuses a code table that would tell "no record" from "not confirmed"', () => {
    const codes = {
      ...program.response.codes,
      NOT_CONFIRMED: { answers: ['NOT_CONFIRMED', 'AMBIGUOUS'], meaning: 'not confirmed' },
      NO_RECORD: { answers: ['NO_RECORD'], meaning: 'no record' },
    };
    const load = parseProgram({ ...program, response: { ...program.response, codes } });
    assert.equal(load.kind, 'invalid');
    assert.match(load.kind === 'invalid' ? load.problems.join() : '', /must share one code/);
  });

  it('refuses a code table that leaves an outcome unanswered or joins a rejection to another outcome', () => {
    const { CONFIRMED, NOT_CONFIRMED } = program.response.codes;
    const missing = parseProgram({ ...program, response: { codes: { CONFIRMED, NOT_CONFIRMED } } });
    assert.match(
      missing.kind === 'invalid' ? missing.problems.join() : '',
      /REJECTED must be answered by exactly one code/,
    );
    const joined = parseProgram({
      ...program,
      response: {
        codes: {
          CONFIRMED,
          OTHER: { answers: ['NOT_CONFIRMED', 'NO_RECORD', 'AMBIGUOUS', 'REJECTED'], meaning: 'no' },
        },
      },
    });
    assert.match(joined.kind === 'invalid' ? joined.problems.join() : '', /must stand alone/);
  });

  it('refuses a program whose reject threshold is above its confirm threshold', () => {
    const load = parseProgram({ ...program, matching: { ...program.matching, rejectProbability: 0.9995 } });
    assert.equal(load.kind, 'invalid');
  });
});
