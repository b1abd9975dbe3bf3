/**
 * Synthetic taxpayer identification numbers that are unique by construction and can never be a
 * real person's Social Security number.
 *
 * SSN-style: the Social Security Administration has never issued, and will never issue, a number
 * with area 000 or 666, or with group 00, or with serial 0000 (SSA, "Social Security Number
 * Randomization", 2011; POMS RM 10201.035). Areas 900–999 are the ITIN range, so the generator
 * uses, in this order of its index space:
 *   area 000, group 01–99, serial 0001–9999   (989,901 numbers)
 *   area 666, group 01–99, serial 0001–9999   (989,901)
 *   area 001–899 except 666, group 00, serial 0001–9999   (8,979,102)
 * — about 10.9 million never-issuable numbers, half of them for taxpayers (5.5 million, enough
 * for the largest benchmark) and half for people who never filed.
 *
 * ITIN-style: 9 digits starting with 9 whose digits 4–5 are 50–65, 70–88, 90–92 or 94–99 (IRS,
 * "Individual Taxpayer Identification Number", IRM 3.21.263). Every ITIN-format number is a
 * possible real ITIN; these are drawn at random from the whole space and appear only in synthetic
 * files.
 *
 * A counter per kind is mapped through an affine permutation (index × a + b mod N, a coprime with
 * N) so that consecutive taxpayers do not get consecutive numbers; b comes from the seed.
 */
const SSN_SEGMENT = 99 * 9999;
const SSN_SPACE = 2 * SSN_SEGMENT + 898 * 9999;
const ITIN_GROUPS = [...range(50, 65), ...range(70, 88), ...range(90, 92), ...range(94, 99)];
const ITIN_SPACE = 100 * ITIN_GROUPS.length * 9999;

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function coprimeMultiplier(space: number): number {
  // Large primes near the golden ratio of the space spread neighbours far apart.
  for (let a = Math.floor(space * 0.618); ; a++) if (gcd(a, space) === 1) return a;
}

function permute(index: number, space: number, multiplier: number, offset: number): number {
  return Number((BigInt(index) * BigInt(multiplier) + BigInt(offset)) % BigInt(space));
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

export function ssnStyleTin(slot: number): string {
  const serial = (slot % 9999) + 1;
  const block = Math.floor(slot / 9999);
  if (slot < 2 * SSN_SEGMENT) {
    const area = slot < SSN_SEGMENT ? 0 : 666;
    const group = (block % 99) + 1;
    return `${pad(area, 3)}${pad(group, 2)}${pad(serial, 4)}`;
  }
  const areaIndex = Math.floor((slot - 2 * SSN_SEGMENT) / 9999); // 0..897
  const area = areaIndex + 1 >= 666 ? areaIndex + 2 : areaIndex + 1;
  return `${pad(area, 3)}00${pad(serial, 4)}`;
}

export function itinStyleTin(slot: number): string {
  const serial = (slot % 9999) + 1;
  const block = Math.floor(slot / 9999);
  const group = ITIN_GROUPS[block % ITIN_GROUPS.length] ?? 50;
  const area = 900 + Math.floor(block / ITIN_GROUPS.length);
  return `${area}${pad(group, 2)}${pad(serial, 4)}`;
}

export type TinType = 'SSN' | 'ITIN';

/**
 * Hands out unique TINs of each kind, in a seed-dependent order. Issuers on different lanes never
 * hand out the same number (lane l takes the indexes ≡ l mod LANES), so that the people who never
 * filed get TINs of their own without shifting the taxpayers' TINs.
 */
export class TinIssuer {
  static readonly LANES = 2;
  #issued: Record<TinType, number> = { SSN: 0, ITIN: 0 };
  readonly #lane: number;
  readonly #ssn = { multiplier: coprimeMultiplier(SSN_SPACE), offset: 0 };
  readonly #itin = { multiplier: coprimeMultiplier(ITIN_SPACE), offset: 0 };

  constructor(seed: number, lane = 0) {
    if (lane < 0 || lane >= TinIssuer.LANES) throw new Error(`TIN lane ${lane} out of range`);
    this.#lane = lane;
    this.#ssn.offset = Math.abs(Math.trunc(seed) * 7919) % SSN_SPACE;
    this.#itin.offset = Math.abs(Math.trunc(seed) * 104729) % ITIN_SPACE;
  }

  issue(type: TinType): string {
    const index = this.#issued[type]++ * TinIssuer.LANES + this.#lane;
    if (type === 'SSN') {
      if (index >= SSN_SPACE) throw new Error(`the never-issued SSN space (${SSN_SPACE}) is exhausted`);
      return ssnStyleTin(permute(index, SSN_SPACE, this.#ssn.multiplier, this.#ssn.offset));
    }
    if (index >= ITIN_SPACE) throw new Error(`the ITIN space (${ITIN_SPACE}) is exhausted`);
    return itinStyleTin(permute(index, ITIN_SPACE, this.#itin.multiplier, this.#itin.offset));
  }
}

/** Rules a synthetic SSN-style TIN keeps: never issuable, never in the ITIN range. */
export function isNeverIssuedSsn(tin: string): boolean {
  const match = /^(\d{3})(\d{2})(\d{4})$/.exec(tin);
  if (!match) return false;
  const [, area = '', group = '', serial = ''] = match;
  if (area.startsWith('9')) return false;
  return area === '000' || area === '666' || group === '00' || serial === '0000';
}

export function isItinFormat(tin: string): boolean {
  const match = /^9\d{2}(\d{2})\d{4}$/.exec(tin);
  return match !== null && ITIN_GROUPS.includes(Number(match[1]));
}
