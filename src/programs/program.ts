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

/** An object identifier in dotted form (an extended key usage, e.g. 1.3.6.1.5.5.7.3.36). */
const oid = z.string().regex(/^[0-2](\.(0|[1-9]\d*))+$/, 'an OID in dotted form, e.g. 1.3.6.1.5.5.7.3.36');

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
    /**
     * The codes the requesting agency sees (src/release/response-codes.ts): each external code
     * answers one or more internal outcomes, with a fixed meaning. Stable and documented, like the
     * TIN Matching Program's indicator codes.
     */
    response: z.object({
      codes: z.record(
        z.string().regex(/^[A-Z][A-Z_]*$/, 'upper-case letters and _'),
        z.object({ answers: z.array(z.enum(OUTCOMES)).min(1), meaning: z.string().min(1) }),
      ),
      why,
    }),
    /** Reviews (src/review/): whether a reviewer's confirmation needs a second reviewer's concurrence. */
    review: z.object({ secondReviewerForConfirmations: z.boolean(), why }),
    /** What intake checks beyond the signature (src/intake/signature/). */
    intake: z.object({
      /** A manifest signed longer ago than this (or dated before it) is stale. */
      manifestMaxAgeDays: z.number().int().positive(),
      /** The signer certificate must allow digitalSignature and carry one of these extended key usages. */
      signerExtendedKeyUsages: z.array(oid).min(1),
      why,
    }),
  })
  .refine((program) => program.matching.rejectProbability < program.matching.confirmProbability, {
    message: 'matching.rejectProbability must be below matching.confirmProbability',
  })
  .superRefine((program, context) => {
    for (const problem of responseCodeProblems(program.response.codes, program.disclosure))
      context.addIssue({ code: 'custom', message: problem, path: ['response', 'codes'] });
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

/**
 * The external code table must answer every internal outcome exactly once; outcomes that share a
 * code must disclose the same fields (else the response would tell them apart after all); every
 * outcome that discloses nothing shares one code; and the code answering REJECTED answers nothing
 * else (it carries the rule and its message).
 */
function responseCodeProblems(
  codes: Record<string, { answers: Outcome[] }>,
  disclosure: Record<Outcome, readonly string[]>,
): string[] {
  const problems: string[] = [];
  for (const outcome of OUTCOMES) {
    const answering = Object.keys(codes).filter((code) => codes[code]?.answers.includes(outcome));
    if (answering.length !== 1)
      problems.push(
        `internal outcome ${outcome} must be answered by exactly one code, not ${answering.length ? answering.join(', ') : 'none'}`,
      );
  }
  // Nothing confirmed is one answer: a second code among them would tell "no record" (the person
  // does not file) from "not confirmed" (the person files elsewhere).
  const silent = OUTCOMES.filter((outcome) => outcome !== 'REJECTED' && disclosure[outcome].length === 0);
  const silentCodes = new Set(
    silent.map((outcome) => Object.keys(codes).find((code) => codes[code]?.answers.includes(outcome))),
  );
  if (silentCodes.size > 1)
    problems.push(
      `${silent.join(', ')} disclose nothing and must share one code, not ${[...silentCodes].join(', ')}`,
    );
  for (const [code, { answers }] of Object.entries(codes)) {
    const fields = new Set(answers.map((outcome) => [...disclosure[outcome]].sort().join(',')));
    if (fields.size > 1)
      problems.push(`code ${code} answers ${answers.join(', ')}, which disclose different fields`);
    if (answers.includes('REJECTED') && answers.length > 1)
      problems.push(
        `code ${code} answers REJECTED and more; a rejection carries its rule and must stand alone`,
      );
  }
  return problems;
}

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
