import { DeskError } from '../../errors.ts';
import type { SqlValue, Store } from '../store.ts';

/** The stages a batch moves through (design.md, "The pipeline"), in order. */
export const STAGES = [
  'received',
  'verified',
  'screened',
  'matched',
  'reviewed',
  'approved',
  'released',
  'purged',
] as const;
export type Stage = (typeof STAGES)[number];

export interface BatchRow {
  batch_id: string;
  program_id: string;
  program_version: string;
  requesting_agency: string;
  requesting_official: string;
  signer_title: string | null;
  signer_subject: string | null;
  statutory_authority: string | null;
  attestation: string | null;
  record_count: number;
  records_sha256: string;
  manifest_json: string;
  manifest_jws: string | null;
  stage: Stage;
  received_at: string;
  updated_at: string;
}

export interface BatchSummary {
  batchId: string;
  stage: Stage;
  programId: string;
  requestingAgency: string;
  records: number;
  receivedAt: string;
  /** Requests decided so far, by outcome (empty before matching). */
  outcomes: Record<string, number>;
}

export interface NewBatch {
  batchId: string;
  programId: string;
  programVersion: string;
  requestingAgency: string;
  requestingOfficial: string;
  statutoryAuthority: string | null;
  attestation: string | null;
  recordCount: number;
  recordsSha256: string;
  manifestJson: string;
  stage: Stage;
  /** ISO 8601 */
  receivedAt: string;
  signer: { subject: string; serialNumber: string; title: string; fingerprint256: string } | null;
  manifestJws: string | null;
}

const BATCH_COLUMNS = `batch_id, program_id, program_version, requesting_agency, requesting_official, signer_title,
  signer_subject, statutory_authority, attestation, record_count, records_sha256, manifest_json, manifest_jws, stage,
  CAST(received_at AS VARCHAR) AS received_at, CAST(updated_at AS VARCHAR) AS updated_at`;

/**
 * The batches table group: batches and their request records. Stages and routes use these typed
 * methods; the SQL is written once per dialect where DuckDB and PostgreSQL differ (style.md: the
 * Kysely model), and src/store/store-suite.test.ts runs every method against both adapters.
 */
export class BatchRepository {
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  async find(batchId: string): Promise<BatchRow | null> {
    const [row] = await this.store.all<BatchRow>(`SELECT ${BATCH_COLUMNS} FROM batches WHERE batch_id = $1`, [
      batchId,
    ]);
    return row ? { ...row, record_count: Number(row.record_count) } : null;
  }

  async get(batchId: string): Promise<BatchRow> {
    const batch = await this.find(batchId);
    if (!batch) throw new DeskError('NOT_FOUND', `no batch ${batchId}`);
    return batch;
  }

  /** Every batch, oldest first; only one agency's when `agency` is given. */
  async list(filter: { agency: string | null }): Promise<BatchSummary[]> {
    const rows = await this.store.all<{
      batch_id: string;
      stage: Stage;
      program_id: string;
      requesting_agency: string;
      record_count: bigint | number;
      received_at: string;
    }>(
      `SELECT batch_id, stage, program_id, requesting_agency, record_count, CAST(received_at AS VARCHAR) AS received_at
       FROM batches WHERE $1::VARCHAR IS NULL OR requesting_agency = $1 ORDER BY received_at, batch_id`,
      [filter.agency],
    );
    // One grouped read for every batch listed, not one per batch.
    const counts = await this.store.all<{ batch_id: string; outcome: string; n: bigint | number | string }>(
      `SELECT d.batch_id, d.outcome, count(*) AS n FROM decisions d JOIN batches b ON b.batch_id = d.batch_id
       WHERE $1::VARCHAR IS NULL OR b.requesting_agency = $1 GROUP BY d.batch_id, d.outcome`,
      [filter.agency],
    );
    const outcomes = new Map<string, Record<string, number>>();
    for (const row of counts) {
      const byOutcome = outcomes.get(row.batch_id) ?? {};
      byOutcome[row.outcome] = Number(row.n);
      outcomes.set(row.batch_id, byOutcome);
    }
    return rows.map((row) => ({
      batchId: row.batch_id,
      stage: row.stage,
      programId: row.program_id,
      requestingAgency: row.requesting_agency,
      records: Number(row.record_count),
      receivedAt: row.received_at,
      outcomes: outcomes.get(row.batch_id) ?? {},
    }));
  }

  async insert(batch: NewBatch): Promise<void> {
    await this.store.run(
      `INSERT INTO batches (batch_id, program_id, program_version, requesting_agency, requesting_official,
         statutory_authority, attestation, record_count, records_sha256, manifest_json, stage, received_at, updated_at,
         signer_subject, signer_serial, signer_title, signer_fingerprint, manifest_jws)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::TIMESTAMP, $12::TIMESTAMP, $13, $14, $15, $16, $17)`,
      [
        batch.batchId,
        batch.programId,
        batch.programVersion,
        batch.requestingAgency,
        batch.requestingOfficial,
        batch.statutoryAuthority,
        batch.attestation,
        batch.recordCount,
        batch.recordsSha256,
        batch.manifestJson,
        batch.stage,
        batch.receivedAt,
        batch.signer?.subject ?? null,
        batch.signer?.serialNumber ?? null,
        batch.signer?.title ?? null,
        batch.signer?.fingerprint256 ?? null,
        batch.manifestJws,
      ],
    );
  }

  async setStage(batchId: string, stage: Stage, at: string): Promise<void> {
    await this.store.run('UPDATE batches SET stage = $2, updated_at = $3::TIMESTAMP WHERE batch_id = $1', [
      batchId,
      stage,
      at,
    ]);
  }

  /** The first batch received with records of this SHA-256 (replay by content), if any. */
  async receivedWith(sha256: string): Promise<{ batchId: string; receivedAt: string } | null> {
    const [row] = await this.store.all<{ batch_id: string; received_at: string }>(
      'SELECT batch_id, CAST(received_at AS VARCHAR) AS received_at FROM batches WHERE records_sha256 = $1 ORDER BY received_at LIMIT 1',
      [sha256],
    );
    return row ? { batchId: row.batch_id, receivedAt: row.received_at } : null;
  }

  /**
   * Appends request rows (streamed), each in table order: batch_id, row_number, the raw columns
   * (REQUEST_COLUMNS), then the normalized ones (NORMALIZED_COLUMNS). Returns how many.
   */
  async appendRequests(
    rows: AsyncIterable<readonly SqlValue[]> | Iterable<readonly SqlValue[]>,
  ): Promise<number> {
    return this.store.append('requests', rows);
  }

  /** The first row of a batch that reuses a request id, and the row that used it first. */
  async firstReusedRequestId(
    batchId: string,
  ): Promise<{ requestId: string; firstRow: number; againRow: number } | null> {
    const [row] = await this.store.all<{ request_id: string; first_row: number; again_row: number }>(
      `SELECT request_id, again_row, first_row FROM (
         SELECT request_id, row_number AS again_row, min(row_number) OVER (PARTITION BY request_id) AS first_row
         FROM requests WHERE batch_id = $1) reused
       WHERE again_row > first_row ORDER BY again_row LIMIT 1`,
      [batchId],
    );
    return row
      ? { requestId: row.request_id, firstRow: Number(row.first_row), againRow: Number(row.again_row) }
      : null;
  }

  async requestCount(batchId: string): Promise<number> {
    const [row] = await this.store.all<{ n: bigint | number }>(
      'SELECT count(*) AS n FROM requests WHERE batch_id = $1',
      [batchId],
    );
    return Number(row?.n ?? 0);
  }

  /**
   * A batch's request rows in row order, every column in table order, a page at a time (a batch
   * of a million rows is copied to the matching engine without holding it in memory).
   */
  async *requestRows(batchId: string, pageSize = 10_000): AsyncGenerator<SqlValue[]> {
    let after = 0;
    for (;;) {
      const page = await this.store.all<Record<string, SqlValue>>(
        `SELECT * FROM requests WHERE batch_id = $1 AND row_number > $2 ORDER BY row_number LIMIT $3`,
        [batchId, after, pageSize],
      );
      for (const row of page) yield Object.values(row);
      const last = page.at(-1);
      if (!last || page.length < pageSize) return;
      after = Number(last['row_number']);
    }
  }
}
