import { foldText } from '../../text/fold-text.ts';
import { canonicalGivenName, formalGivenNamesAllowingTypo } from './nicknames.ts';

/** A person's name in the parts the linkage compares (design.md § 3). */
export interface PersonName {
  /** The whole given-name field, folded: "MARIA JOSE". */
  given: string | null;
  /** Formal form of the first given token (BILL → WILLIAM). */
  givenCanonical: string | null;
  /**
   * Every formal name the first given token may stand for, sorted, space-separated (ALEX →
   * "ALEJANDRO ALEXANDER…"; a misspelt nickname, JIMY → "JAMES JIMY").
   */
  givenForms: string | null;
  middle: string | null;
  /** Surname tokens without particles, in order: "GARCIA LOPEZ". */
  surname: string | null;
  surname1: string | null;
  /** The last surname token when there are two or more (the maternal surname in Hispanic naming). */
  surname2: string | null;
  suffix: string | null;
}

/**
 * Surname particles dropped before comparison, because forms with and without them name the same
 * family (DE LA CRUZ / CRUZ, VAN DER BERG / BERG) and Spanish joins two surnames with Y.
 * Spanish, Portuguese, Italian, French, Dutch and German particles.
 */
export const SURNAME_PARTICLES: ReadonlySet<string> = new Set([
  'DE',
  'DEL',
  'LA',
  'LAS',
  'LOS',
  'Y',
  'E',
  'DA',
  'DAS',
  'DO',
  'DOS',
  'DI',
  'DU',
  'LE',
  'VAN',
  'VON',
  'DER',
  'DEN',
  'TER',
  'TEN',
  'VANDER',
  'VANDEN',
]);

/** Generational suffixes, folded to one spelling each; kept apart so that father and son differ. */
const SUFFIXES: Record<string, string> = {
  JR: 'JR',
  JNR: 'JR',
  JUNIOR: 'JR',
  SR: 'SR',
  SNR: 'SR',
  SENIOR: 'SR',
  II: 'II',
  '2ND': 'II',
  III: 'III',
  '3RD': 'III',
  IV: 'IV',
  '4TH': 'IV',
};

function tokens(value: string): string[] {
  // Apostrophes join (O'BRIEN → OBRIEN); every other mark separates (GARCIA-LOPEZ → two surnames).
  return foldText(value.replace(/['’`´]/g, ''))?.split(' ') ?? [];
}

/** Removes a trailing generational suffix from a token list, returning it. */
function takeSuffix(parts: string[]): string | null {
  if (parts.length < 2) return null;
  const suffix = SUFFIXES[parts[parts.length - 1] ?? ''];
  if (!suffix) return null;
  parts.pop();
  return suffix;
}

function joined(parts: readonly string[]): string | null {
  return parts.length ? parts.join(' ') : null;
}

export function normalizePersonName(first: string, middle: string, last: string): PersonName {
  const givenParts = tokens(first);
  const middleParts = tokens(middle);
  const surnameParts = tokens(last);
  const suffix = takeSuffix(surnameParts) ?? takeSuffix(middleParts) ?? takeSuffix(givenParts);
  const withoutParticles = surnameParts.filter((part) => !SURNAME_PARTICLES.has(part));
  // A surname that is only particles ("LA") is kept as written rather than erased.
  const surname = withoutParticles.length ? withoutParticles : surnameParts;
  const firstGiven = givenParts[0];
  return {
    given: joined(givenParts),
    givenCanonical: firstGiven === undefined ? null : canonicalGivenName(firstGiven),
    givenForms: firstGiven === undefined ? null : formalGivenNamesAllowingTypo(firstGiven).join(' '),
    middle: joined(middleParts),
    surname: joined(surname),
    surname1: surname[0] ?? null,
    surname2: surname.length > 1 ? (surname[surname.length - 1] ?? null) : null,
    suffix,
  };
}
