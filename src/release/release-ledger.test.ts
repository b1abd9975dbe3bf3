import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { loadProgram, OUTCOMES, type Program } from '../programs/program.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { BatchRow } from '../store/repositories/batch-repository.ts';
import {
  ANSWERS_TABLE,
  ledgerFromPreparedAnswers,
  ledgerRow,
  type DecisionRow,
  type LedgerContext,
} from './release-batch.ts';

const shipped = loadProgram();
const addressDisclosing: Program = {
  ...shipped,
  disclosure: {
    ...shipped.disclosure,
    CONFIRMED: ['confirmation', 'address_of_record', 'tax_year_of_address'],
  },
};

function batchRow(fields: Partial<BatchRow>): BatchRow {
  return {
    batch_id: 'B1',
    program_id: shipped.id,
    program_version: shipped.version,
    requesting_agency: 'DHS-ICE',
    requesting_official: 'Director ICE (SYNTHETIC TEST)',
    signer_title: null,
    signer_subject: null,
    statutory_authority: '8 U.S.C. § 1253(a)(1)',
    attestation: 'Each person named is under criminal investigation.',
    record_count: 0,
    records_sha256: '0'.repeat(64),
    manifest_json: '{}',
    manifest_jws: null,
    stage: 'approved',
    received_at: '2026-01-15 12:00:00',
    updated_at: '2026-01-15 12:00:00',
    ...fields,
  };
}

const text = fc.option(
  fc.oneof(fc.constant(''), fc.string({ maxLength: 12 }), fc.constant('O’Brien — "x"')),
  {
    nil: null,
  },
);
const answer = fc.record({
  outcome: fc.constantFrom(...OUTCOMES),
  rule_id: fc.option(fc.constant('identity.second-identifier'), { nil: null }),
  reason: fc.string({ maxLength: 8 }),
  taxpayer_id: fc.option(fc.constantFrom('T1', 'T2'), { nil: null }),
  request_authority: fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: null }),
  request_reason: fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: null }),
  investigating_officer: fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: null }),
  address_of_record: fc.option(fc.constant('1 MAIN ST, AUSTIN, TX, 78701'), { nil: null }),
  tax_year_of_address: fc.option(fc.integer({ min: 2015, max: 2025 }), { nil: null }),
});

describe('the ledger a release writes in the database', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
  });
  after(() => store.close());

  /** The ledger rows of the batch, without their random entry ids, in request order. */
  async function ledger(batchId: string): Promise<unknown[]> {
    const rows = await store.all<Record<string, unknown>>(
      'SELECT * EXCLUDE (entry_id, batch_id) FROM ledger WHERE batch_id = $1 ORDER BY request_id',
      [batchId],
    );
    return rows.map((row) => ({ ...row, disclosed_at: String(row['disclosed_at']) }));
  }

  it('holds the same rows as written one by one from the answers read back (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(answer, { maxLength: 12 }),
        fc.constantFrom(shipped, addressDisclosing),
        fc.record({ signer_title: text, statutory_authority: text, attestation: text }),
        async (answers, program, batchFields) => {
          await store.run('DELETE FROM ledger');
          await store.run(
            `CREATE OR REPLACE TEMP TABLE ${ANSWERS_TABLE} (answer_no BIGINT, row_number BIGINT, request_id VARCHAR,
               outcome VARCHAR, rule_id VARCHAR, reason VARCHAR, taxpayer_id VARCHAR, request_authority VARCHAR,
               request_reason VARCHAR, investigating_officer VARCHAR, address_of_record VARCHAR, tax_year_of_address INTEGER)`,
          );
          const decisions: DecisionRow[] = answers.map((a, i) => ({ ...a, request_id: `R${i + 1}` }));
          for (const [i, d] of decisions.entries())
            await store.run(
              `INSERT INTO ${ANSWERS_TABLE} VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
              [
                i + 1,
                d.request_id,
                d.outcome,
                d.rule_id,
                d.reason,
                d.taxpayer_id,
                d.request_authority,
                d.request_reason,
                d.investigating_officer,
                d.address_of_record,
                d.tax_year_of_address,
              ],
            );
          const entry = (batchId: string): LedgerContext => ({
            batch: batchRow({ ...batchFields, batch_id: batchId }),
            program,
            releasedAt: '2026-01-16T09:30:00.123Z',
            responseSha256: 'a'.repeat(64),
          });
          const disclosed = decisions.filter((d) => program.disclosure[d.outcome].length > 0);
          await ledgerFromPreparedAnswers(store, entry('SQL'), disclosed.length);
          if (disclosed.length)
            await store.append(
              'ledger',
              disclosed.map((d) => ledgerRow(d, entry('JS'))),
            );
          assert.deepEqual(await ledger('SQL'), await ledger('JS'));
          assert.equal((await ledger('SQL')).length, disclosed.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses when the rows it wrote are not the disclosures the response counted', async () => {
    await store.run('DELETE FROM ledger');
    await store.run(
      `CREATE OR REPLACE TEMP TABLE ${ANSWERS_TABLE} AS SELECT 1::BIGINT AS answer_no, 1::BIGINT AS row_number,
         'R1' AS request_id, 'CONFIRMED' AS outcome, NULL::VARCHAR AS rule_id, 'sure' AS reason, 'T1' AS taxpayer_id,
         NULL::VARCHAR AS request_authority, NULL::VARCHAR AS request_reason, NULL::VARCHAR AS investigating_officer,
         NULL::VARCHAR AS address_of_record, NULL::INTEGER AS tax_year_of_address`,
    );
    const entry = {
      batch: batchRow({}),
      program: shipped,
      releasedAt: '2026-01-16T09:30:00Z',
      responseSha256: 'a',
    };
    await assert.rejects(ledgerFromPreparedAnswers(store, entry, 2), /1 ledger rows for 2 disclosures/);
  });
});
