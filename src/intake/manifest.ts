import { z } from 'zod';

/**
 * The batch manifest: what the requesting official attests to and signs (design.md § 1).
 * `records_sha256` and `record_count` bind the signature to exactly one records file.
 */
export const manifestSchema = z.object({
  program: z.string().min(1),
  batch_id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, . _ - (at most 100)'),
  requesting_agency: z.string().min(1),
  requesting_official: z.string().min(1),
  statutory_authority: z.string().min(1),
  attestation: z.string().min(1),
  record_count: z.number().int().nonnegative(),
  records_sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
});

export type Manifest = z.infer<typeof manifestSchema>;
