import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from './cli.ts';
import { AS_OF, preparedDesk } from './desk-fixture.ts';
import { withDatabase } from './insider.ts';

const HEADER =
  'request_id,first_name,middle_name,last_name,dob,address_line1,address_line2,city,state,zip,tin,removal_order_date,statutory_authority,investigation_id,investigating_officer,taxable_periods,reason';
const lawful = (id: string, dob: string, tin: string, line1 = '12 Oak St') =>
  `${id},Ana,,Ruiz,${dob},${line1},,Austin,TX,78701,${tin},2024-05-01,8 U.S.C. § 1253(a)(1),INV-${id},Officer A. Synthetic,2024,Subject failed to depart under the 2024 order; locating for prosecution`;

/** Synthetic requests: with a DOB, a TIN, neither, a malformed DOB, a malformed TIN, and an unusable address. */
const REQUESTS = [
  HEADER,
  lawful('S1', '1980-04-12', ''),
  lawful('S2', '', '900-70-0001'),
  lawful('S3', '', ''),
  lawful('S4', '1980-02-30', ''),
  lawful('S5', '', '9007', '14 Oak St'),
  lawful('S6', '', '', 'Failed to Provide'),
].join('\n');

describe('screening for a second identifier, end to end through the CLI', () => {
  it('batch check and batch screen reject a request carrying no valid DOB or TIN, citing identity.second-identifier', async () => {
    const records = path.join(tempDir('second-identifier-src'), 'requests.csv');
    writeFileSync(records, `${REQUESTS}\n`);
    const { dir, db, jws, keys, as, batchId } = await preparedDesk('identity', records);

    const check = await as(
      'clerk',
      'batch',
      'check',
      path.join(dir, 'manifest.json'),
      records,
      '--as-of',
      AS_OF,
      '--json',
    );
    assert.equal(check.code, 0, check.stderr);
    const report = JSON.parse(check.stdout) as {
      rejected: number;
      rules: {
        ruleId: string;
        failures: number;
        rejectionsCited: number;
        examples: { requestId: string; problem: string }[];
      }[];
    };
    const rule = report.rules.find((r) => r.ruleId === 'identity.second-identifier');
    assert.deepEqual(
      [report.rejected, rule?.failures, rule?.rejectionsCited],
      [4, 4, 3],
      'S3, S4, S5 cite the identity rule; S6 fails it too but cites its address first',
    );
    assert.deepEqual(
      rule?.examples.map((e) => [e.requestId, e.problem.split(':')[0]]),
      [
        ['S3', 'no date of birth, no TIN'],
        ['S4', 'the date of birth is not a date (YYYY-MM-DD), no TIN'],
        ['S5', 'no date of birth, the TIN is not 9 digits'],
        ['S6', 'no date of birth, no TIN'],
      ],
    );

    const submitted = await as('clerk', 'batch', 'submit', jws, records, '--keys', keys);
    assert.equal(submitted.code, 0, submitted.stderr);
    const screened = await as('clerk', 'batch', 'screen', batchId, '--as-of', AS_OF, '--json');
    assert.equal(screened.code, 0, screened.stderr);
    const summary = JSON.parse(screened.stdout) as {
      rejected: number;
      failuresByRule: Record<string, number>;
    };
    assert.equal(summary.rejected, 4);
    assert.deepEqual(
      [summary.failuresByRule['identity.second-identifier'], summary.failuresByRule['address.usable']],
      [4, 1],
    );
    const decisions = await withDatabase(db, (store) =>
      store.all<Record<string, unknown>>(
        'SELECT request_id, outcome, rule_id, reason FROM decisions WHERE batch_id = $1 ORDER BY request_id',
        [batchId],
      ),
    );
    assert.deepEqual(
      decisions.map((d) => [d['request_id'], d['outcome'], d['rule_id']]),
      [
        ['S3', 'REJECTED', 'identity.second-identifier'],
        ['S4', 'REJECTED', 'identity.second-identifier'],
        ['S5', 'REJECTED', 'identity.second-identifier'],
        ['S6', 'REJECTED', 'address.usable'],
      ],
    );
    assert.match(
      String(decisions[0]?.['reason']),
      /send it again with the date of birth \(YYYY-MM-DD\) or the TIN/,
    );
  });
});
