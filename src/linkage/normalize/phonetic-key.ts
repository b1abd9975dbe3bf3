import { doubleMetaphone } from 'double-metaphone';

/**
 * The primary Double Metaphone key (Philips 2000) of a folded name token: it codes Spanish and
 * Germanic spellings as well as English ones (JOSE → HS, GARCIA → KRS), which Soundex does not.
 */
export function phoneticKey(token: string | null): string | null {
  if (!token) return null;
  const [primary] = doubleMetaphone(token);
  return primary === '' ? null : primary;
}
