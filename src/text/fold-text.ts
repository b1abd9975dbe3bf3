/** Upper-case ASCII: accents and ñ folded, punctuation to spaces, spaces collapsed; '' → null. */
export function foldText(value: string): string | null {
  // Printable ASCII has no accents to fold: NFD leaves it as it is (the reference's usual case).
  const text = /[^\x20-\x7e]/.test(value) ? value.normalize('NFD').replace(/\p{M}/gu, '') : value;
  const folded = text
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, ' ')
    // Only letters, digits and spaces are left: a run of spaces is the only whitespace.
    .replace(/ {2,}/g, ' ')
    .trim();
  return folded === '' ? null : folded;
}
