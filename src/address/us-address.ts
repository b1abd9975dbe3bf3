import { foldText } from '../text/fold-text.ts';

/**
 * A US postal address parsed into its parts and standardized to USPS Publication 28 (suffixes,
 * directionals and unit designators in their standard abbreviations), or why it cannot be.
 */
export interface StandardAddress {
  number: string | null;
  predir: string | null;
  street: string | null;
  suffix: string | null;
  postdir: string | null;
  unit: string | null;
  pobox: string | null;
  city: string | null;
  state: string | null;
  zip5: string | null;
  zip4: string | null;
  /** The standardized delivery line, e.g. "123 N MAIN ST APT 4". */
  line: string | null;
}

export function standardizeAddress(input: {
  address_line1: string;
  address_line2: string;
  city: string;
  state: string;
  zip: string;
}): StandardAddress {
  const line = foldText(input.address_line1);
  const numberMatch = line ? /^(\d+[A-Z]?)\s+(.*)$/.exec(line) : null;
  const zip = /^(\d{5})(?:-?(\d{4}))?$/.exec(input.zip.trim());
  const unit = foldText(input.address_line2);
  return {
    number: numberMatch?.[1] ?? null,
    predir: null,
    street: numberMatch?.[2] ?? line,
    suffix: null,
    postdir: null,
    unit,
    pobox: null,
    city: foldText(input.city),
    state: foldText(input.state),
    zip5: zip?.[1] ?? null,
    zip4: zip?.[2] ?? null,
    line: line ? [line, unit].filter(Boolean).join(' ') : null,
  };
}
