import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * A program is a versioned definition of what one agreement allows (design.md § 2): who may sign,
 * which statutes may be invoked, which tax years, what may be disclosed for each outcome, how
 * sure the matcher must be, and how long request data is kept. Every batch records the id and
 * version it ran under.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** Where a rule or parameter comes from (JSON has no comments; style.md § 6 asks for the why). */
const why = z.string().min(1).optional();

export const OUTCOMES = ['CONFIRMED', 'NOT_CONFIRMED', 'NO_RECORD', 'AMBIGUOUS', 'REJECTED'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Fields that a response may carry; the response always carries request_id, outcome and reason. */
export const DISCLOSABLE_FIELDS = ['confirmation', 'address_of_record', 'tax_year_of_address'] as const;

/** Identifiers besides name and address that a request may carry (design.md, "Identity needs a second identifier"). */
export const IDENTIFIERS = ['dob', 'tin'] as const;
export type Identifier = (typeof IDENTIFIERS)[number];

/** The screening rule that rejects a request carrying none of `identity.autoConfirmRequiresOneOf`. */
export const SECOND_IDENTIFIER_RULE = 'identity.second-identifier';

export const programSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    title: z.string().min(1),
    description: why,
    legalAuthority: z.object({ citation: z.string().min(1), text: z.string().min(1), why }),
    requestingAgency: z.object({ name: z.string().min(1), code: z.string().min(1), why }),
    authorizedSigners: z
      .array(
        z.object({
          title: z.string().min(1),
          subject: z.string().min(1),
          serialNumber: z.string().min(1),
          validFrom: isoDate,
          validTo: isoDate,
          why,
        }),
      )
      .min(1),
    /** Canonical citations (src/policy/citation.ts parses them); a request may cite these or a subdivision. */
    allowedStatutoryAuthorities: z.array(z.string().min(1)).min(1),
    allowedStatutoryAuthoritiesWhy: why,
    /** Tax years allowed: the `yearsBack` full years before the screening date. */
    taxablePeriodWindow: z.object({ yearsBack: z.number().int().positive(), why }),
    disclosure: z.object(
      Object.fromEntries(OUTCOMES.map((outcome) => [outcome, z.array(z.enum(DISCLOSABLE_FIELDS))])) as Record<
        Outcome,
        z.ZodArray<z.ZodEnum<{ [K in (typeof DISCLOSABLE_FIELDS)[number]]: K }>>
      >,
    ),
    disclosureWhy: why,
    matching: z.object({
      /** Posterior identity probability above which a candidate may be confirmed. */
      confirmProbability: z.number().gt(0.5).lt(1),
      /** Below this the request has no record; between the two it goes to review. */
      rejectProbability: z.number().gt(0).lt(1),
      /** Minimum gap in match weight (log2 Bayes factor) between the best and second candidate. */
      minWeightMargin: z.number().nonnegative(),
      why,
    }),
    /**
     * Which identifiers an automatic confirmation needs (at least one of them), and what becomes of
     * a request carrying none: `reject` at screening (src/policy, decided from the request alone)
     * or `review` (the matcher never confirms it automatically).
     */
    identity: z.object({
      autoConfirmRequiresOneOf: z.array(z.enum(IDENTIFIERS)).min(1),
      withoutIdentifiers: z.enum(['reject', 'review']),
      why,
    }),
    retention: z.object({
      requestDataDays: z.number().int().positive(),
      ledgerYears: z.number().int().positive(),
      why,
    }),
    limits: z.object({
      maxBatchRecords: z.number().int().positive(),
      /** Above this many records naming one investigating officer the batch is held for review. */
      maxRecordsPerOfficer: z.number().int().positive(),
      why,
    }),
    /** Rule ids (src/policy/README.md), in the order a rejection cites the first one failed. */
    rules: z.array(z.string().min(1)).min(1),
    rulesWhy: why,
  })
  .refine((program) => program.matching.rejectProbability < program.matching.confirmProbability, {
    message: 'matching.rejectProbability must be below matching.confirmProbability',
  })
  .refine(
    (program) =>
      program.identity.withoutIdentifiers !== 'reject' || program.rules.includes(SECOND_IDENTIFIER_RULE),
    {
      message: `identity.withoutIdentifiers "reject" needs the rule ${SECOND_IDENTIFIER_RULE} in rules`,
      path: ['rules'],
    },
  );

export type Program = z.infer<typeof programSchema>;

const PROGRAMS_DIR = path.join(import.meta.dirname, 'definitions');
export const DEFAULT_PROGRAM_ID = 'irs-ice-6103i2';

export type ProgramLoad = { kind: 'valid'; program: Program } | { kind: 'invalid'; problems: string[] };

export function parseProgram(json: unknown): ProgramLoad {
  const result = programSchema.safeParse(json);
  if (result.success) return { kind: 'valid', program: result.data };
  return {
    kind: 'invalid',
    problems: result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  };
}

/** Loads a shipped program by id, or a program file by path. */
export function loadProgram(idOrPath: string = DEFAULT_PROGRAM_ID): Program {
  const file = idOrPath.endsWith('.json') ? idOrPath : path.join(PROGRAMS_DIR, `${idOrPath}.json`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read program ${idOrPath}: ${(error as Error).message}`);
  }
  const load = parseProgram(json);
  if (load.kind === 'invalid')
    throw new Error(`program ${idOrPath} is invalid:\n  ${load.problems.join('\n  ')}`);
  return load.program;
}
