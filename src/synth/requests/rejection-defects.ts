import type { RequestRecord } from '../../intake/request-record.ts';
import { WeightedTable, type Prng } from '../prng.ts';
import { dayNumber, isoOfDay } from '../world/calendar.ts';
import { DISALLOWED_AUTHORITIES, type ProgramFieldContext, taxablePeriodsWithin } from './program-fields.ts';

/**
 * The defects that make a request invalid under the statute or the program, one per rejected
 * request so that its truth is unambiguous. Placeholder addresses weigh most: they are what went
 * through in 2025 ("Failed to Provide", "Unknown Address", "NA NA"). Weights are chosen.
 */
export const DEFECTS = [
  { id: 'address-placeholder', weight: 4 },
  { id: 'address-zip-only', weight: 2 },
  { id: 'address-digits-only', weight: 1 },
  { id: 'address-missing', weight: 1 },
  { id: 'name-missing', weight: 1 },
  { id: 'taxable-periods-missing', weight: 1 },
  { id: 'taxable-periods-outside-window', weight: 1 },
  { id: 'statutory-authority-missing', weight: 1 },
  { id: 'statutory-authority-not-allowed', weight: 1 },
  { id: 'reason-missing', weight: 1 },
  { id: 'removal-order-date-missing', weight: 1 },
  { id: 'removal-order-date-in-future', weight: 1 },
  { id: 'investigating-officer-missing', weight: 1 },
  { id: 'investigation-id-missing', weight: 1 },
] as const;
export type DefectId = (typeof DEFECTS)[number]['id'];

const DEFECT_TABLE = new WeightedTable(DEFECTS.map((d) => [d.id, d.weight] as const));

const PLACEHOLDERS = [
  'Failed to Provide',
  'FAILED TO PROVIDE',
  'failed to provide',
  'Unknown Address',
  'UNKNOWN ADDRESS',
  'Unknown',
  'NA NA',
  'NA  NA',
  'N/A',
  'n/a',
  'None',
  'NONE',
  'TBD',
  'SAME',
  'same',
  ' N/A ',
];

export function drawDefect(rng: Prng): DefectId {
  return DEFECT_TABLE.draw(rng);
}

/** Request fields without the id, as they will be written; `officerMissing` keeps the pool from filling it. */
export type RequestBody = Omit<RequestRecord, 'request_id'>;

/** Spoils exactly one requirement of an otherwise valid request. */
export function applyDefect(
  rng: Prng,
  body: RequestBody,
  defect: DefectId,
  ctx: ProgramFieldContext,
): { officerMissing: boolean } {
  switch (defect) {
    case 'address-placeholder':
      body.address_line1 = rng.pick(PLACEHOLDERS);
      body.address_line2 = '';
      if (rng.chance(0.5)) body.city = body.state = body.zip = '';
      break;
    case 'address-zip-only':
      body.address_line1 = body.zip.slice(0, 5);
      body.address_line2 = '';
      break;
    case 'address-digits-only':
      body.address_line1 = rng.chance(0.5)
        ? String(rng.int(10_000_000, 999_999_999))
        : `${body.zip.slice(0, 5)} ${rng.int(1000, 9999)}`;
      body.address_line2 = '';
      break;
    case 'address-missing':
      body.address_line1 = '';
      body.address_line2 = '';
      break;
    case 'name-missing':
      if (rng.chance(0.6)) body.last_name = '';
      else body.first_name = '';
      break;
    case 'taxable-periods-missing':
      body.taxable_periods = '';
      break;
    case 'taxable-periods-outside-window':
      body.taxable_periods = rng.chance(0.75)
        ? taxablePeriodsWithin(rng, ctx.window.first - 12, ctx.window.first - 2)
        : String(ctx.window.last + 2);
      break;
    case 'statutory-authority-missing':
      body.statutory_authority = '';
      break;
    case 'statutory-authority-not-allowed':
      body.statutory_authority = rng.pick(DISALLOWED_AUTHORITIES);
      break;
    case 'reason-missing':
      body.reason = '';
      break;
    case 'removal-order-date-missing':
      body.removal_order_date = '';
      break;
    case 'removal-order-date-in-future':
      body.removal_order_date = isoOfDay(dayNumber(ctx.asOf) + rng.int(1, 400));
      break;
    case 'investigating-officer-missing':
      return { officerMissing: true };
    case 'investigation-id-missing':
      body.investigation_id = '';
      break;
  }
  return { officerMissing: false };
}
