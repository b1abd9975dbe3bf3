import { z } from 'zod';
import { COMPARISON_FIELDS } from '../../linkage/comparison-levels.ts';

/**
 * Response schemas shared by routes and named in the OpenAPI document (`.meta({ id })`), so that
 * the web app and agency clients get one type each (web/src/api/schema.ts is generated from them).
 */

export const taxpayerAccountingSchema = z
  .object({
    tin: z.string().meta({ description: 'the TIN as shown: its last four digits only' }),
    taxpayerIds: z.array(z.string()),
    requests: z.array(
      z.object({
        batch_id: z.string(),
        request_id: z.string(),
        received_at: z.string(),
        agency: z.string(),
        statutory_authority: z.string().nullable(),
        outcome: z.string().nullable().meta({ description: "the desk's own outcome (the agency saw less)" }),
        concerns: z.enum(['identified', 'named-by-tin', 'identified, named-by-tin']),
        disclosed: z.boolean(),
      }),
    ),
    disclosures: z.array(
      z.object({
        disclosed_at: z.string(),
        batch_id: z.string(),
        request_id: z.string(),
        taxpayer_id: z.string(),
        agency: z.string(),
        statutory_authority: z.string().nullable(),
        purpose: z.string().nullable(),
        recipient: z.string().nullable(),
        fields_disclosed: z.string(),
        entry_id: z.string(),
      }),
    ),
  })
  .meta({ id: 'TaxpayerAccounting' });

export const annualReportSchema = z
  .object({
    year: z.number().int(),
    generatedAt: z.string(),
    totals: z.object({
      requests: z.number().int(),
      rejected: z.number().int(),
      disclosures: z.number().int(),
      taxpayers: z.number().int(),
    }),
    lines: z.array(
      z.object({
        agency: z.string(),
        statutoryAuthority: z.string(),
        requests: z.number().int(),
        rejected: z.number().int(),
        disclosures: z.number().int(),
        taxpayers: z.number().int(),
        purposes: z.array(z.object({ purpose: z.string(), disclosures: z.number().int() })),
        otherPurposes: z.object({ purposes: z.number().int(), disclosures: z.number().int() }),
        specificReasons: z.number().int(),
      }),
    ),
    months: z.array(
      z.object({ month: z.number().int(), requests: z.number().int(), disclosures: z.number().int() }),
    ),
  })
  .meta({ id: 'AnnualReport' });

const fieldContribution = z.object({
  field: z.enum(COMPARISON_FIELDS),
  level: z.number().int(),
  label: z.string(),
  bits: z.number().meta({ description: "the field's weight: log2 of its Bayes factor" }),
  requestValue: z.string().nullable(),
  referenceValue: z.string().nullable(),
});

/** Why a request got its outcome (src/linkage/explain-decision.ts), as `ddesk explain --json` prints it. */
export const decisionExplanationSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('screened'),
      batchId: z.string(),
      requestId: z.string(),
      outcome: z.string(),
      ruleId: z.string().nullable(),
      reason: z.string(),
    }),
    z.object({
      kind: z.literal('matched'),
      batchId: z.string(),
      requestId: z.string(),
      outcome: z.string(),
      reason: z.string(),
      taxpayerId: z.string().nullable(),
      bestCandidate: z.string().nullable(),
      runId: z.string(),
      priorBits: z.number().meta({ description: 'the waterfall starts here: a random pair, in bits' }),
      fields: z.array(fieldContribution).meta({ description: 'the waterfall: each field adds its bits' }),
      matchWeight: z.number().nullable(),
      matchProbability: z.number().nullable(),
      marginBits: z.number().nullable(),
      addressOfRecord: z.object({
        level: z.number().int().nullable(),
        label: z.string(),
        taxYear: z.number().int().nullable(),
        confirmsAt: z.number().int(),
        confirmsAtLabel: z.string(),
      }),
      candidates: z.array(
        z.object({
          taxpayerId: z.string(),
          matchWeight: z.number(),
          matchProbability: z.number(),
          addressOfRecordLevel: z.number().int().nullable(),
          passes: z.array(z.string()),
        }),
      ),
    }),
  ])
  .meta({ id: 'DecisionExplanation' });
