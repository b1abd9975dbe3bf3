import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DeskError } from '../errors.ts';
import { readCsvRecords } from '../intake/read-records.ts';
import type { ReviewInput, ReviewVerdict } from './review-decision.ts';

/** The columns of a decisions file (`ddesk review decide BATCH --file FILE`). */
export const REVIEW_FILE_COLUMNS = ['request_id', 'outcome', 'taxpayer_id', 'note'] as const;

const rowSchema = z.object({
  request_id: z.string().trim().min(1, 'empty'),
  outcome: z.enum(['CONFIRMED', 'NOT_CONFIRMED', 'NO_RECORD', 'SECOND_REVIEW']),
  taxpayer_id: z.string().trim().optional().default(''),
  note: z.string().trim().min(1, 'a decision needs a note saying why'),
});

/** One decision as a reviewer states it; a taxpayer is named for CONFIRMED and NOT_CONFIRMED only. */
export function toVerdict(outcome: string, taxpayerId: string | undefined): ReviewVerdict {
  switch (outcome) {
    case 'NO_RECORD':
    case 'SECOND_REVIEW':
      if (taxpayerId) throw new DeskError('INVALID_INPUT', `${outcome} names no taxpayer`);
      return { outcome };
    case 'CONFIRMED':
    case 'NOT_CONFIRMED':
      if (!taxpayerId) throw new DeskError('INVALID_INPUT', `${outcome} needs the taxpayer identified`);
      return { outcome, taxpayerId };
    default:
      throw new DeskError(
        'INVALID_INPUT',
        `the outcome must be CONFIRMED, NOT_CONFIRMED, NO_RECORD or SECOND_REVIEW, not ${outcome}`,
      );
  }
}

/**
 * Reads a file of review decisions, CSV (header request_id,outcome,taxpayer_id,note) or JSON Lines
 * (one object a line with those keys), whole: a bad row refuses the file naming the row, before
 * anything is decided.
 */
export async function readReviewFile(file: string): Promise<ReviewInput[]> {
  const rows: { row: number; record: unknown }[] = [];
  if (file.endsWith('.jsonl') || file.endsWith('.ndjson')) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new DeskError('INVALID_INPUT', `cannot read ${file}: ${(error as Error).message}`);
    }
    for (const [i, line] of text.split('\n').entries()) {
      if (!line.trim()) continue;
      try {
        rows.push({ row: i + 1, record: JSON.parse(line) });
      } catch {
        throw new DeskError('MALFORMED_FILE', `${file}: line ${i + 1} is not JSON`, { row: i + 1 });
      }
    }
  } else {
    const spec = {
      columns: REVIEW_FILE_COLUMNS,
      required: ['request_id', 'outcome', 'note'] as const,
      strictColumns: true,
    };
    for await (const { rowNumber, record } of readCsvRecords(file, spec))
      rows.push({ row: rowNumber, record });
  }
  if (!rows.length) throw new DeskError('MALFORMED_FILE', `${file}: no decisions`);
  return rows.map(({ row, record }) => {
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DeskError(
        'MALFORMED_FILE',
        `${file}: row ${row}, ${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}`,
        { row },
      );
    }
    try {
      return {
        requestId: parsed.data.request_id,
        verdict: toVerdict(parsed.data.outcome, parsed.data.taxpayer_id || undefined),
        note: parsed.data.note,
      };
    } catch (error) {
      throw new DeskError('MALFORMED_FILE', `${file}: row ${row}: ${(error as Error).message}`, { row });
    }
  });
}
