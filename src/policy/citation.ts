/**
 * Statutory citations as requests write them — "8 U.S.C. § 1253(a)(1)", "8 USC 1253(a)(1)",
 * "Title 8 U.S.C. Section 1253(a)(1)", "8 U.S. Code § 1253(a)(1)", "INA § 243(a)(1)" — parsed
 * into one canonical form, so that § 6103(i)(2)(B)(iii) can be checked against the program's list
 * whatever the spelling.
 */
export interface Citation {
  /** Title of the United States Code. */
  title: number;
  /** Section number, lower case ("1253", "1324a"). */
  section: string;
  /** Subdivisions in order, lower case ("a", "1"). */
  subdivisions: string[];
}

/**
 * Immigration and Nationality Act sections → their 8 U.S.C. sections, for the provisions a
 * removal-related request may cite (the INA–U.S.C. correspondence printed in the notes to
 * 8 U.S.C. and in USCIS's Act-to-Code table).
 */
const INA_TO_USC: ReadonlyMap<string, string> = new Map([
  ['212', '1182'],
  ['237', '1227'],
  ['241', '1231'],
  ['243', '1253'],
  ['262', '1302'],
  ['264', '1304'],
  ['266', '1306'],
  ['274', '1324'],
  ['275', '1325'],
  ['276', '1326'],
]);

const SUBDIVISIONS = /^((?:\([A-Z0-9]+\))*)$/;

function subdivisionsOf(text: string): string[] | null {
  const compact = text.replace(/\s+/g, '');
  if (!SUBDIVISIONS.test(compact)) return null;
  return [...compact.matchAll(/\(([A-Z0-9]+)\)/g)].map((match) => (match[1] ?? '').toLowerCase());
}

const USC =
  /^(?:TITLE\s*)?(\d{1,2})\s*,?\s*(?:U\s*S\s*C(?:\s*A|\s*S)?|U\s*S\s*CODE|UNITED\s+STATES\s+CODE)\s*,?\s*(?:§+|SECTIONS?|SECS?)?\s*(\d+[A-Z]?)\s*(.*)$/;
const SECTION_OF_TITLE =
  /^(?:§+|SECTIONS?|SECS?)?\s*(\d+[A-Z]?)\s*((?:\(\s*[A-Z0-9]+\s*\)\s*)*)\s*OF\s+TITLE\s+(\d{1,2})(?:\s*,?\s*(?:U\s*S\s*C|UNITED\s+STATES\s+CODE))?$/;
const INA = /^(?:INA|IMMIGRATION\s+AND\s+NATIONALITY\s+ACT)\s*,?\s*(?:§+|SECTIONS?|SECS?)?\s*(\d+)\s*(.*)$/;

/** One citation, or null when the text is not a U.S. Code (or INA) citation. */
export function parseCitation(text: string): Citation | null {
  const folded = text.toUpperCase().replace(/[.]/g, ' ').replace(/\s+/g, ' ').trim();
  let match = USC.exec(folded);
  if (match) {
    const subdivisions = subdivisionsOf(match[3] ?? '');
    if (!subdivisions) return null;
    return { title: Number(match[1]), section: (match[2] ?? '').toLowerCase(), subdivisions };
  }
  match = SECTION_OF_TITLE.exec(folded);
  if (match) {
    const subdivisions = subdivisionsOf(match[2] ?? '');
    if (!subdivisions) return null;
    return { title: Number(match[3]), section: (match[1] ?? '').toLowerCase(), subdivisions };
  }
  match = INA.exec(folded);
  if (match) {
    const section = INA_TO_USC.get(match[1] ?? '');
    const subdivisions = subdivisionsOf(match[2] ?? '');
    if (!section || !subdivisions) return null;
    return { title: 8, section, subdivisions };
  }
  return null;
}

/**
 * The canonical form, "8 U.S.C. § 1253(a)(1)": subsections lower case, paragraphs as digits,
 * subparagraphs upper case, clauses lower-case roman, subclauses upper-case roman — the U.S. Code's
 * own typography (Office of the Law Revision Counsel, "Detailed Guide to the Classification").
 */
export function formatCitation(citation: Citation): string {
  const parts = citation.subdivisions.map(
    (part, level) => `(${level === 2 || level === 4 ? part.toUpperCase() : part})`,
  );
  return `${citation.title} U.S.C. § ${citation.section}${parts.join('')}`;
}

/** True when `cited` is `allowed` or a subdivision of it (1253(a)(1) lies within 1253(a)). */
export function citationWithin(cited: Citation, allowed: Citation): boolean {
  return (
    cited.title === allowed.title &&
    cited.section === allowed.section &&
    allowed.subdivisions.every((part, i) => cited.subdivisions[i] === part)
  );
}

/** A field may cite several authorities: "8 U.S.C. 1253(a)(1); 8 U.S.C. 1326". */
export function splitCitations(text: string): string[] {
  return text
    .split(/;|\s+and\s+|&/i)
    .map((part) => part.trim())
    .filter(Boolean);
}
