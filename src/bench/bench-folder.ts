import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DeskError } from '../errors.ts';

/** meta.json of a benchmark folder (../shared/datasets/README.md); absent means linkage mode. */
const metaSchema = z.object({
  mode: z.enum(['linkage', 'program']).default('linkage'),
  source: z.string().optional(),
  notes: z.string().optional(),
  as_of: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  program: z.string().optional(),
});

export type BenchMeta = z.infer<typeof metaSchema>;

export interface BenchFolder {
  dir: string;
  reference: string;
  requests: string;
  truth: string;
  meta: BenchMeta;
}

export function openBenchFolder(dir: string): BenchFolder {
  const file = (name: string) => path.join(dir, name);
  for (const name of ['reference.csv', 'requests.csv', 'truth.csv'])
    if (!existsSync(file(name)))
      throw new DeskError('INVALID_INPUT', `${dir} is not a benchmark folder: ${name} is missing`);
  let meta: BenchMeta = { mode: 'linkage' };
  if (existsSync(file('meta.json'))) {
    const parsed = metaSchema.safeParse(JSON.parse(readFileSync(file('meta.json'), 'utf8')));
    if (!parsed.success)
      throw new DeskError(
        'INVALID_INPUT',
        `${file('meta.json')}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    meta = parsed.data;
  }
  if (meta.mode === 'program' && !meta.as_of)
    throw new DeskError(
      'INVALID_INPUT',
      `${file('meta.json')}: program mode needs "as_of" (the date the batch is screened on)`,
    );
  return {
    dir,
    reference: file('reference.csv'),
    requests: file('requests.csv'),
    truth: file('truth.csv'),
    meta,
  };
}
