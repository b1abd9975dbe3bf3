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
  /**
   * When the official signed it (ISO 8601 UTC): the program's freshness window runs from here.
   * `ddesk batch sign` stamps it; intake refuses a signed manifest without it.
   */
  issued_at: z.iso.datetime({ offset: false }).optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** A manifest being written: what `batch sign --records` fills in (count, digest, issue time) may be missing. */
export const manifestDraftSchema = manifestSchema.partial({
  record_count: true,
  records_sha256: true,
  issued_at: true,
});
export type ManifestDraft = z.infer<typeof manifestDraftSchema>;

/**
 * Every manifest field, for the README, `ddesk batch manifest --template` and its help: what it
 * means and who fills it in.
 */
export const MANIFEST_FIELDS: readonly {
  name: keyof Manifest;
  filledBy: 'agency' | 'batch sign';
  meaning: string;
}[] = [
  {
    name: 'program',
    filledBy: 'agency',
    meaning: 'the program id the request is made under (ddesk program show)',
  },
  {
    name: 'batch_id',
    filledBy: 'agency',
    meaning: 'the batch id, used once: letters, digits, . _ - (at most 100)',
  },
  {
    name: 'requesting_agency',
    filledBy: 'agency',
    meaning: "the program's requesting agency, by code or name (e.g. DHS-ICE)",
  },
  {
    name: 'requesting_official',
    filledBy: 'agency',
    meaning: 'the official who signs: their title in the program, or the name on their certificate',
  },
  {
    name: 'statutory_authority',
    filledBy: 'agency',
    meaning: 'the criminal statute the investigation is under; one the program allows',
  },
  {
    name: 'attestation',
    filledBy: 'agency',
    meaning: 'what the official attests to about every person named (the purpose of the request)',
  },
  {
    name: 'date',
    filledBy: 'agency',
    meaning:
      "the date of the request, YYYY-MM-DD; within the program's freshness window and the signer's term",
  },
  {
    name: 'record_count',
    filledBy: 'batch sign',
    meaning: 'the number of request records in the records file',
  },
  {
    name: 'records_sha256',
    filledBy: 'batch sign',
    meaning: 'the SHA-256 of the records file, 64 lower-case hex digits: binds the signature to the file',
  },
  {
    name: 'issued_at',
    filledBy: 'batch sign',
    meaning: "when it was signed, ISO 8601 UTC; the program's freshness window runs from here",
  },
];
