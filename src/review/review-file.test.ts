import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readReviewFile } from './review-file.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ddesk-review-file-'));
let n = 0;
function file(name: string, text: string): string {
  const full = path.join(dir, `${n++}-${name}`);
  writeFileSync(full, text);
  return full;
}

describe('a file of review decisions', () => {
  it('reads CSV and JSON Lines alike', async () => {
    const csv = file(
      'd.csv',
      'request_id,outcome,taxpayer_id,note\nR1,CONFIRMED,T1,home and DOB agree\nR2,NO_RECORD,,"no one, really"\n',
    );
    const jsonl = file(
      'd.jsonl',
      '{"request_id":"R1","outcome":"CONFIRMED","taxpayer_id":"T1","note":"home and DOB agree"}\n{"request_id":"R2","outcome":"NO_RECORD","note":"no one, really"}\n',
    );
    const expected = [
      { requestId: 'R1', verdict: { outcome: 'CONFIRMED', taxpayerId: 'T1' }, note: 'home and DOB agree' },
      { requestId: 'R2', verdict: { outcome: 'NO_RECORD' }, note: 'no one, really' },
    ];
    assert.deepEqual(await readReviewFile(csv), expected);
    assert.deepEqual(await readReviewFile(jsonl), expected);
  });

  for (const [what, body, pattern] of [
    ['an outcome a reviewer cannot give', 'R1,AMBIGUOUS,,x', /row 1, outcome/],
    ['a confirmation naming no taxpayer', 'R1,CONFIRMED,,x', /row 1: CONFIRMED needs the taxpayer/],
    ['a taxpayer named for no record', 'R1,NO_RECORD,T1,x', /row 1: NO_RECORD names no taxpayer/],
    ['a decision without a note', 'R1,NO_RECORD,,', /row 1, note/],
  ] as const)
    it(`refuses ${what}, naming the row`, async () => {
      await assert.rejects(
        readReviewFile(file('bad.csv', `request_id,outcome,taxpayer_id,note\n${body}\n`)),
        pattern,
      );
    });

  it('never accepts a row it cannot make a verdict of (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (outcome, taxpayer) => {
        const path = file(
          'p.jsonl',
          `${JSON.stringify({ request_id: 'R1', outcome, taxpayer_id: taxpayer, note: 'n' })}\n`,
        );
        try {
          const [decision] = await readReviewFile(path);
          const valid =
            (outcome === 'NO_RECORD' && taxpayer.trim() === '') ||
            (['CONFIRMED', 'NOT_CONFIRMED'].includes(outcome) && taxpayer.trim() !== '');
          return valid && decision?.verdict.outcome === outcome;
        } catch {
          return !(
            (outcome === 'NO_RECORD' && taxpayer.trim() === '') ||
            (['CONFIRMED', 'NOT_CONFIRMED'].includes(outcome) && taxpayer.trim() !== '')
          );
        }
      }),
      { numRuns: 60 },
    );
  });
});
