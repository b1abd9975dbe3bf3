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

/**
 * Drops surname particles of two letters or more left at the end of a given or middle name: a form
 * whose boxes split JUAN DE LA CRUZ as JUAN DE LA / CRUZ, or JUAN / DE LA / CRUZ, carries the
 * surname's particles in the wrong field, where they would read as a second given name (a compound
 * given name, a middle name of its own). Only at the end, so that DEL CARMEN and DE LOS ANGELES,
 * given names that begin with particles, stay whole; one-letter particles (Y, E) stay, since a
 * letter there is far more often an initial; a field of particles alone is emptied (but see
 * middleNameParts for a middle name of one word).
 */
function withoutTrailingParticles(parts: string[]): string[] {
  let end = parts.length;
  while (end > 0 && (parts[end - 1] ?? '').length > 1 && SURNAME_PARTICLES.has(parts[end - 1] ?? '')) end--;
  return parts.slice(0, end);
}

/**
 * The middle name's parts: without trailing surname particles, except that a middle name of one
 * word that is a particle stays. A run of particles (DE LA, VAN DER) is a surname's, spilled into
 * the middle box; one word alone is as often the person's middle name — VAN is Văn, the commonest
 * Vietnamese men's middle name (NGUYEN VAN AN: AN, middle VAN), and DE, DO, LE are given names too.
 * Kept in error, a stray particle compares as a middle name the other side mostly lacks (missing);
 * dropped in error, the middle name the given-name comparison reads is lost (VAN AN asked, AN,
 * middle VAN, on the return).
 */
function middleNameParts(parts: string[]): string[] {
  return parts.length === 1 ? parts : withoutTrailingParticles(parts);
}

function joined(parts: readonly string[]): string | null {
  return parts.length ? parts.join(' ') : null;
}

export function normalizePersonName(first: string, middle: string, last: string): PersonName {
  const givenTokens = tokens(first);
  const middleTokens = tokens(middle);
  const surnameParts = tokens(last);
  const suffix = takeSuffix(surnameParts) ?? takeSuffix(middleTokens) ?? takeSuffix(givenTokens);
  // A given name of particles alone (DE) is kept as written rather than erased.
  const givenParts = withoutTrailingParticles(givenTokens).length
    ? withoutTrailingParticles(givenTokens)
    : givenTokens;
  const middleParts = middleNameParts(middleTokens);
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
