import type { Person } from '../world/person.ts';

/** A name as a record writes it: the three name columns of reference and request files. */
export interface NameFields {
  first_name: string;
  middle_name: string;
  last_name: string;
}

/** The parts of a name a writer may rearrange; variations edit these before rendering. */
export interface NameParts {
  given: string;
  middle: string;
  surnames: string[];
  suffix: string;
}

/** How one writer writes names: stable per taxpayer in the reference, varied in requests. */
export interface NameStyle {
  accents: boolean;
  upper: boolean;
  middleInitial: boolean;
  /** A compound given name written as first + middle ("María" / "José") when there is no middle name. */
  splitCompound: boolean;
  /** Two surnames joined by a hyphen ("García-López"). */
  hyphenate: boolean;
}

export const PLAIN_NAME_STYLE: NameStyle = {
  accents: true,
  upper: false,
  middleInitial: false,
  splitCompound: false,
  hyphenate: false,
};

export function nameParts(person: Person): NameParts {
  return {
    given: person.given,
    middle: person.middle,
    surnames: [...person.surnames],
    suffix: person.suffix,
  };
}

export function stripAccents(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

export function hasAccents(value: string): boolean {
  return stripAccents(value) !== value;
}

export function renderName(parts: NameParts, style: NameStyle): NameFields {
  let first = parts.given;
  let middle = parts.middle;
  if (style.splitCompound && !middle && first.includes(' ')) {
    const space = first.indexOf(' ');
    middle = first.slice(space + 1);
    first = first.slice(0, space);
  }
  if (style.middleInitial && middle) middle = middle.slice(0, 1);
  let last = parts.surnames.join(style.hyphenate && parts.surnames.length === 2 ? '-' : ' ');
  if (parts.suffix) last = `${last} ${parts.suffix}`;
  const finish = (value: string) => {
    const accented = style.accents ? value : stripAccents(value);
    return style.upper ? accented.toUpperCase() : accented;
  };
  return { first_name: finish(first), middle_name: finish(middle), last_name: finish(last) };
}
