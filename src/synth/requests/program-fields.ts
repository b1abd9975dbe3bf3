import type { RequestRecord } from '../../intake/request-record.ts';
import type { Prng } from '../prng.ts';
import { dayNumber, isoOfDay, randomDay, shiftYears } from '../world/calendar.ts';

export type ProgramFields = Pick<
  RequestRecord,
  | 'removal_order_date'
  | 'statutory_authority'
  | 'investigation_id'
  | 'investigating_officer'
  | 'taxable_periods'
  | 'reason'
>;

/**
 * Ways requesting agencies write 8 U.S.C. § 1253(a)(1) (the penalty for failure to depart, the
 * statute the 2025 requests invoked); the screening stage must read them all as one citation.
 */
export const STATUTORY_AUTHORITY_SPELLINGS = [
  '8 U.S.C. § 1253(a)(1)',
  '8 U.S.C. §1253(a)(1)',
  '8 U.S.C. 1253(a)(1)',
  '8 USC 1253(a)(1)',
  '8 USC § 1253(a)(1)',
  '8 U.S.C. § 1253 (a)(1)',
  '8 u.s.c. 1253(a)(1)',
  'Title 8 U.S.C. § 1253(a)(1)',
] as const;

/** Citations the shipped program does not allow (false statements, document fraud, smuggling). */
export const DISALLOWED_AUTHORITIES = [
  '18 U.S.C. 1001',
  '18 U.S.C. § 1546',
  '8 U.S.C. 1324(a)',
  '18 USC 911',
];

/** How far back removal orders go in the requests: final orders accumulate over decades; 20 years is chosen. */
const REMOVAL_ORDER_YEARS_BACK = 20;

const REASONS = [
  (s: ReasonFacts) =>
    `Subject ${s.surname} is under a final order of removal dated ${s.orderDate} and has not departed; current address needed to locate the subject in investigation ${s.investigation}.`,
  (s: ReasonFacts) =>
    `Failure-to-depart investigation ${s.investigation}: final order of ${s.orderDate}; last address in DHS records for ${s.surname} in ${s.city} is no longer valid.`,
  (s: ReasonFacts) =>
    `Address required to serve a notice to surrender on ${s.surname} (final order ${s.orderDate}) and to execute removal under ${s.investigation}.`,
  (s: ReasonFacts) =>
    `${s.surname} failed to appear for removal after the final order of ${s.orderDate}; investigation ${s.investigation} needs a current residential address near ${s.city}.`,
];

interface ReasonFacts {
  surname: string;
  orderDate: string;
  investigation: string;
  city: string;
}

export interface ProgramFieldContext {
  asOf: string;
  window: { first: number; last: number };
}

/** A taxable-periods field inside the window, written as a list or as a range. */
export function taxablePeriodsWithin(rng: Prng, from: number, to: number): string {
  const first = rng.int(from, to);
  const last = rng.int(first, Math.min(to, first + 3));
  if (first === last) return String(first);
  if (rng.chance(0.5)) return `${first}-${last}`;
  const years: string[] = [];
  for (let year = first; year <= last; year++) years.push(String(year));
  return years.join(';');
}

/** Program fields a valid request carries: every field present and within what the program allows. */
export function validProgramFields(
  rng: Prng,
  ctx: ProgramFieldContext,
  subject: { surname: string; city: string },
): ProgramFields {
  const orderDate = randomDay(
    rng,
    shiftYears(ctx.asOf, -REMOVAL_ORDER_YEARS_BACK),
    isoOfDay(dayNumber(ctx.asOf) - 1),
  );
  const investigation = `ERO-${rng.int(10, 99)}-${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
  return {
    removal_order_date: orderDate,
    statutory_authority: rng.pick(STATUTORY_AUTHORITY_SPELLINGS),
    investigation_id: investigation,
    // Assigned when the requests are shuffled, so that officers' loads are even (see officer-pool.ts).
    investigating_officer: '',
    taxable_periods: taxablePeriodsWithin(rng, ctx.window.first, ctx.window.last),
    reason: rng.pick(REASONS)({ surname: subject.surname, orderDate, investigation, city: subject.city }),
  };
}
