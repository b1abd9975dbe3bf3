import { doubleMetaphone } from 'double-metaphone';

/**
 * Keys already computed. A reference repeats the same given names and surnames across hundreds of
 * thousands of distinct names (a few thousand GARCIAs), and Double Metaphone walks the token letter
 * by letter with many branches: looked up, a repeated token costs a hash probe. Emptied when full,
 * so that its memory stays bounded whatever the reference.
 */
const KEYS = new Map<string, string | null>();
const MAX_KEYS = 1 << 16;

/**
 * The primary Double Metaphone key (Philips 2000) of a folded name token: it codes Spanish and
 * Germanic spellings as well as English ones (JOSE → HS, GARCIA → KRS), which Soundex does not.
 */
export function phoneticKey(token: string | null): string | null {
  if (!token) return null;
  let key = KEYS.get(token);
  if (key !== undefined) return key;
  const [primary] = doubleMetaphone(token);
  key = primary === '' ? null : primary;
  if (KEYS.size >= MAX_KEYS) KEYS.clear();
  KEYS.set(token, key);
  return key;
}
