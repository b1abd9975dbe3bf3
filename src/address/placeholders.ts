/**
 * Placeholders: words that fill a field without saying anything. In 2025 entries such as
 * "Failed to Provide", "Unknown Address" and "NA NA" went through as addresses (design.md); the
 * rules refuse a field made only of these words, in any case, spacing or punctuation. FNU, LNU
 * and NFN ("first/last name unknown", "no first name") are the placeholders of name fields in
 * immigration records.
 */
const FIELD_VOCABULARY: ReadonlySet<string> = new Set(
  `UNKNOWN UNK UNKN UNKWN NONE NA N A NULL NIL TBD TBA SAME REFUSED DECLINED DECLINE NOT NO
  PROVIDED PROVIDE AVAILABLE APPLICABLE GIVEN KNOWN FAILED FAIL TO ADDRESS ADDR ADDRESSES AS
  ABOVE BLANK EMPTY MISSING INVALID PENDING DATA INFO INFORMATION ON FILE RECORD OF THE NAME
  FNU LNU NFN NMN UNAVAILABLE UNDISCLOSED WITHHELD ANY OTHER SEE`.split(/\s+/),
);

/**
 * For names the list is narrower: NA, SAME or NO alone are real surnames (Na is a Korean
 * surname), so only words that cannot be a name count; "N/A" is still two placeholder letters.
 */
const NAME_VOCABULARY: ReadonlySet<string> = new Set(
  `UNKNOWN UNK UNKN UNKWN NONE N A NULL NIL TBD TBA REFUSED DECLINED NOT PROVIDED PROVIDE
  AVAILABLE APPLICABLE GIVEN FAILED TO FNU LNU NFN NMN NAME UNAVAILABLE WITHHELD`.split(/\s+/),
);

/** Upper-case letters and digits as words; accents folded, everything else a separator. */
export function placeholderWords(value: string): string[] {
  let text = value;
  if (/[^\x20-\x7e]/.test(text)) text = text.normalize('NFD').replace(/\p{M}/gu, '');
  return text
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
}

/**
 * True when the value is non-blank and says nothing: only placeholder words, runs of X or 0, or
 * only punctuation ("???", "--"). A single letter alone is not a placeholder (it may be an
 * initial); with other placeholder words it is ("N A").
 */
export function isPlaceholder(value: string, field: 'name' | 'other' = 'other'): boolean {
  const vocabulary = field === 'name' ? NAME_VOCABULARY : FIELD_VOCABULARY;
  if (!value.trim()) return false;
  const words = placeholderWords(value);
  if (words.length === 0) return true;
  if (words.length === 1 && words[0]?.length === 1) return false;
  return words.every((word) => vocabulary.has(word) || /^(X+|0+)$/.test(word));
}
