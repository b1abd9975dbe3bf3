import { foldText } from '../../text/fold-text.ts';
import type { NormalizedFields } from './normalized-fields.ts';

/** The raw person + address fields shared by requests and reference rows. */
export interface RawPersonFields {
  first_name: string;
  middle_name: string;
  last_name: string;
  dob: string;
  address_line1: string;
  address_line2: string;
  city: string;
  state: string;
  zip: string;
  tin: string;
}

/** American Soundex (Knuth, TAOCP vol. 3): the classic phonetic key for surnames. */
export function soundex(value: string | null): string | null {
  if (!value) return null;
  const letters = value.replace(/[^A-Z]/g, '');
  if (!letters) return null;
  const codes: Record<string, string> = {
    B: '1',
    F: '1',
    P: '1',
    V: '1',
    C: '2',
    G: '2',
    J: '2',
    K: '2',
    Q: '2',
    S: '2',
    X: '2',
    Z: '2',
    D: '3',
    T: '3',
    L: '4',
    M: '5',
    N: '5',
    R: '6',
  };
  let key = letters[0] ?? '';
  let previous = codes[key] ?? '';
  for (const letter of letters.slice(1)) {
    const code = codes[letter] ?? '';
    if (code && code !== previous) key += code;
    // H and W do not separate letters with the same code; vowels do.
    if (letter !== 'H' && letter !== 'W') previous = code;
    if (key.length === 4) break;
  }
  return key.padEnd(4, '0');
}

export function normalizeDate(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  return match ? value.trim() : null;
}

export function normalizeTin(value: string): string | null {
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{9}$/.test(digits) ? digits : null;
}

/** Baseline normalization; names and addresses are refined in their own modules. */
export function normalizeRecord(raw: RawPersonFields): NormalizedFields {
  const first = foldText(raw.first_name);
  const lastTokens = foldText(raw.last_name)?.split(' ') ?? [];
  const line = foldText(raw.address_line1);
  const numberMatch = line ? /^(\d+[A-Z]?)\s+(.*)$/.exec(line) : null;
  const zip5 = /^\d{5}/.exec(raw.zip.trim())?.[0] ?? null;
  return {
    nm_first: first,
    nm_first_canon: first,
    nm_middle: foldText(raw.middle_name),
    nm_last: lastTokens.length ? lastTokens.join(' ') : null,
    nm_last1: lastTokens[0] ?? null,
    nm_last2: lastTokens[1] ?? null,
    nm_suffix: null,
    nm_last_phon: soundex(lastTokens[0] ?? null),
    nm_first_phon: soundex(first),
    n_dob: normalizeDate(raw.dob),
    n_tin: normalizeTin(raw.tin),
    ad_number: numberMatch?.[1] ?? null,
    ad_predir: null,
    ad_street: numberMatch?.[2] ?? line,
    ad_suffix: null,
    ad_postdir: null,
    ad_unit: foldText(raw.address_line2),
    ad_pobox: null,
    ad_city: foldText(raw.city),
    ad_state: foldText(raw.state),
    ad_zip5: zip5,
    ad_line: line ? [line, foldText(raw.address_line2)].filter(Boolean).join(' ') : null,
  };
}
