/**
 * Parses a Publication 28 table written one line per standard form: the standard abbreviation
 * first, then every spelling of it. Maps each spelling (and the standard itself) to the standard.
 */
export function spellingTable(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.trim().split('\n')) {
    const [standard, ...spellings] = line.trim().split(/\s+/);
    if (!standard) continue;
    map.set(standard, standard);
    for (const spelling of spellings) map.set(spelling, standard);
  }
  return map;
}

/**
 * The same table read for its spelled-out word: each standard abbreviation → the first spelling
 * after it (Publication 28's primary suffix name, e.g. SPG → SPRING), or the standard itself.
 */
export function primaryNameTable(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.trim().split('\n')) {
    const [standard, primary] = line.trim().split(/\s+/);
    if (standard) map.set(standard, primary ?? standard);
  }
  return map;
}
