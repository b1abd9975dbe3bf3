import { givenNameTable } from '../names/given-names.ts';
import type { Sex } from '../names/name-table.ts';
import type { Prng } from '../prng.ts';
import type { NameParts } from '../render/name-rendering.ts';

/*
 * How forms write East Asian given names that the return writes otherwise: a two-syllable given
 * name (Ji-Woo, Min-Jun) run together or split into the given and middle boxes, a middle name
 * written in the given box before the given name (Vietnamese names are said family, middle, given:
 * Nguyen Van An, so the form's first-name box often gets "Van An"), and the whole name written
 * family name first with the middle name in the surname box with the given name. Drawn from a
 * stream of their own (synth-folder.ts), so that every other draw of the requests stays as it was.
 */

/** A two-syllable given name as the name tables write it, hyphenated or spaced (Ji-Woo, Ji Woo). */
const TWO_SYLLABLES = /^([A-Z][a-z]+)[- ]([A-Za-z][a-z]+)$/;

/** The one-word given names of the Asian tables: a middle name that is one of them is an Asian middle name. */
const ASIAN_NAMES: Record<Sex, ReadonlySet<string>> = {
  F: new Set(givenNameTable('asian', 'F').map(([name]) => name)),
  M: new Set(givenNameTable('asian', 'M').map(([name]) => name)),
};

/**
 * Shares of the eligible requests so written. Chosen: how often a real file writes each form is not
 * known; large enough that a 20,000-request folder shows each class some dozens of times.
 */
export const EAST_ASIAN_FORM_SHARES = {
  /** Of two-syllable given names: run together (Jiwoo), or split into given and middle (Ji / Woo). */
  syllables: 0.5,
  /** Of Asian middle names: written before the given name in the given box (Minh Lan for Lan, middle Minh). */
  middleFirst: 0.2,
  /** Of Asian middle names: the name written family name first, the middle with the given name in the surname box. */
  familyFirstMiddleMerged: 0.08,
} as const;

export type EastAsianNameForm =
  | 'given-syllables-joined'
  | 'given-syllables-split-into-middle'
  | 'middle-name-before-given'
  | 'name-order-swapped-middle-merged';

/**
 * Rewrites `name` (the request's name as the variations left it; `own`, the person's) in one of the
 * forms above, or leaves it; returns the form written. Only a name the variations left as the
 * person's, so one form is never stacked on another slip.
 */
export function writeEastAsianNameForm(
  rng: Prng,
  name: NameParts,
  own: { given: string; middle: string; surnames: readonly string[]; sex: Sex },
): EastAsianNameForm | undefined {
  if (
    name.given !== own.given ||
    name.middle !== own.middle ||
    name.surnames.join(' ') !== own.surnames.join(' ') ||
    own.surnames.length !== 1
  )
    return undefined;
  const syllables = TWO_SYLLABLES.exec(name.given);
  if (syllables) {
    if (!rng.chance(EAST_ASIAN_FORM_SHARES.syllables)) return undefined;
    const [, first = '', second = ''] = syllables;
    if (name.middle === '' && rng.chance(0.5)) {
      [name.given, name.middle] = [first, second];
      return 'given-syllables-split-into-middle';
    }
    name.given = `${first}${second.toLowerCase()}`;
    return 'given-syllables-joined';
  }
  if (name.given.includes(' ') || !ASIAN_NAMES[own.sex].has(name.middle)) return undefined;
  if (rng.chance(EAST_ASIAN_FORM_SHARES.middleFirst)) {
    [name.given, name.middle] = [`${name.middle} ${name.given}`, ''];
    return 'middle-name-before-given';
  }
  if (rng.chance(EAST_ASIAN_FORM_SHARES.familyFirstMiddleMerged)) {
    const family = name.surnames[0] ?? '';
    [name.given, name.middle, name.surnames] = [family, '', [`${name.middle} ${name.given}`]];
    return 'name-order-swapped-middle-merged';
  }
  return undefined;
}
