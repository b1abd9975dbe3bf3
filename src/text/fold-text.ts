/** Upper-case ASCII: accents and ñ folded, punctuation to spaces, spaces collapsed; '' → null. */
export function foldText(value: string): string | null {
  const folded = value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return folded === '' ? null : folded;
}
