import { createHash } from 'node:crypto';
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

/** A request that concerns one taxpayer (the § 6103(p)(3)(A) accounting: src/ledger/taxpayer-accounting.ts). */
export interface RequestConcerning {
  batch_id: string;
  request_id: string;
  received_at: string;
  agency: string;
  statutory_authority: string | null;
  /** The desk's own outcome (the agency saw less). */
  outcome: string | null;
  /** The desk identified one of the taxpayer's ids as its subject. */
  identified: boolean;
  /** The request named the taxpayer's TIN. */
  named: boolean;
  disclosed: boolean;
}

/** A released batch and when it was released (the release event's time; else its last stage change). */
export interface ReleasedBatch {
  batchId: string;
  programId: string;
  /** ISO 8601 UTC */
  releasedAt: string;
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

  /**
   * Every request that names this TIN (normalized) or that the desk decided is about one of these
   * taxpayers, in the order received, with its outcome and whether it was disclosed.
   */
  async requestsConcerning(tin: string, taxpayerIds: readonly string[]): Promise<RequestConcerning[]> {
    // The taxpayer's ids as bound parameters $2, $3, … (none: no request is theirs by identification).
    const idIn = taxpayerIds.length
      ? `d.taxpayer_id IN (${taxpayerIds.map((_id, i) => `$${i + 2}`).join(', ')})`
      : 'false';
    const rows = await this.store.all<RequestConcerning>(
      `SELECT r.batch_id, r.request_id, CAST(b.received_at AS VARCHAR) AS received_at, b.requesting_agency AS agency,
              coalesce(nullif(r.statutory_authority, ''), b.statutory_authority) AS statutory_authority, d.outcome,
              coalesce(${idIn}, false) AS identified,
              coalesce(r.n_tin = $1, false) AS named,
              EXISTS (SELECT 1 FROM ledger l WHERE l.batch_id = r.batch_id AND l.request_id = r.request_id) AS disclosed
       FROM requests r JOIN batches b USING (batch_id) LEFT JOIN decisions d USING (batch_id, request_id)
       WHERE r.n_tin = $1 OR ${idIn}
       ORDER BY b.received_at, r.batch_id, r.row_number`,
      [tin, ...taxpayerIds],
    );
    return rows.map((row) => ({
      ...row,
      identified: Boolean(row.identified),
      named: Boolean(row.named),
      disclosed: Boolean(row.disclosed),
    }));
  }

  /** Released batches (not yet purged), oldest release first. */
  async released(): Promise<ReleasedBatch[]> {
    const rows = await this.store.all<{
      batch_id: string;
      program_id: string;
      released_at: string | null;
      updated_at: string;
    }>(
      `SELECT b.batch_id, b.program_id, max(a.occurred_at) AS released_at, CAST(b.updated_at AS VARCHAR) AS updated_at
       FROM batches b LEFT JOIN audit_log a
         ON a.batch_id = b.batch_id AND a.action = 'batch.release' AND a.outcome = 'success'
       WHERE b.stage = 'released' GROUP BY b.batch_id, b.program_id, b.updated_at`,
    );
    return rows
      .map((row) => ({
        batchId: row.batch_id,
        programId: row.program_id,
        // The event's time is ISO 8601 already; a stage change is the database's UTC timestamp.
        releasedAt: row.released_at ?? new Date(`${row.updated_at.replace(' ', 'T')}Z`).toISOString(),
      }))
      .sort((a, b) => compare(a.releasedAt, b.releasedAt) || compare(a.batchId, b.batchId));
  }

  /** Batches neither released nor purged. */
  async unreleasedCount(): Promise<number> {
    const [row] = await this.store.all<{ n: bigint | number }>(
      "SELECT count(*) AS n FROM batches WHERE stage NOT IN ('released', 'purged')",
    );
    return Number(row?.n ?? 0);
  }

  /**
   * How many requests a batch has and the SHA-256 of these columns of them: each request as JSON
   * (`request_id` then the columns, in the order given), one per line, in row order. Computed here,
   * a page at a time, so that both databases give the same digest of the same values.
   */
  async requestValuesDigest(
    batchId: string,
    columns: readonly string[],
    pageSize = 10_000,
  ): Promise<{ requests: number; sha256: string }> {
    for (const column of columns)
      if (!/^[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`"${column}" is not a column name`);
    const hash = createHash('sha256');
    let requests = 0;
    let after = 0;
    for (;;) {
      const page = await this.store.all<Record<string, SqlValue>>(
        `SELECT row_number, request_id, ${columns.join(', ')} FROM requests
         WHERE batch_id = $1 AND row_number > $2 ORDER BY row_number LIMIT $3`,
        [batchId, after, pageSize],
      );
      for (const { row_number: _row, ...values } of page) {
        hash.update(`${requests ? '\n' : ''}${JSON.stringify(values)}`);
        requests++;
      }
      const last = page.at(-1);
      if (!last || page.length < pageSize) break;
      after = Number(last['row_number']);
    }
    return { requests, sha256: hash.digest('hex') };
  }

  /** Sets these columns of a batch's requests to NULL (retention: the request ids stay). */
  async clearRequestValues(batchId: string, columns: readonly string[]): Promise<void> {
    for (const column of columns)
      if (!/^[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`"${column}" is not a column name`);
    await this.store.run(
      `UPDATE requests SET ${columns.map((c) => `${c} = NULL`).join(', ')} WHERE batch_id = $1`,
      [batchId],
    );
  }

  /** Removes screening's per-request findings of a batch; returns how many there were. */
  async deleteScreeningFailures(batchId: string): Promise<number> {
    const [row] = await this.store.all<{ n: bigint | number }>(
      'SELECT count(*) AS n FROM screening_failures WHERE batch_id = $1',
      [batchId],
    );
    await this.store.run('DELETE FROM screening_failures WHERE batch_id = $1', [batchId]);
    return Number(row?.n ?? 0);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
