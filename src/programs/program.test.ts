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
      program.retention.why,
      program.limits.why,
      program.rulesWhy,
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

  it('refuses a program whose reject threshold is above its confirm threshold', () => {
    const load = parseProgram({ ...program, matching: { ...program.matching, rejectProbability: 0.9995 } });
    assert.equal(load.kind, 'invalid');
  });
});
