import { assessAddress } from '../address/assess-address.ts';
import { isPlaceholder, placeholderWords } from '../address/placeholders.ts';
import { citationWithin, formatCitation, parseCitation, splitCitations, type Citation } from './citation.ts';
import type { RecordRule, ScreeningContext } from './rule.ts';
import { secondIdentifier } from './second-identifier.ts';
import { allowedTaxYears, parseTaxablePeriods } from './taxable-periods.ts';

/**
 * The per-record rules. 26 U.S.C. § 6103(i)(2)(B): "The request described in subparagraph (A)
 * must be made in writing and must set forth— (i) the name and address of the taxpayer with
 * respect to whom the requested return information relates; (ii) the taxable period or periods
 * to which such return information relates; (iii) the statutory authority under which the
 * proceeding or investigation described in subparagraph (A) is being conducted; and (iv) the
 * specific reason or reasons why such disclosure is, or may be, relevant to such proceeding or
 * investigation." Each rule below enforces one of these, or a condition of the program.
 */

function shown(value: string): string {
  const trimmed = value.trim();
  return `"${trimmed.length > 80 ? `${trimmed.slice(0, 77)}…` : trimmed}"`;
}

/**
 * § 6103(i)(2)(B)(i): "the name … of the taxpayer". A surname and a given name (an initial will
 * do) are needed to tell one person from another; FNU/LNU ("first/last name unknown") and the
 * like name no one.
 */
export const namePresent: RecordRule = {
  id: 'name.present',
  citation: '26 U.S.C. § 6103(i)(2)(B)(i)',
  message: 'the request must name the taxpayer (surname and given name or initial)',
  check: (record) => {
    const last = record.last_name.trim();
    const first = record.first_name.trim();
    if (!last) return 'surname missing';
    if (!first) return 'given name missing';
    // Never the name itself: problems are printed, stored and audited.
    if (isPlaceholder(last, 'name')) return 'the surname is a placeholder (such as LNU or Unknown)';
    if (isPlaceholder(first, 'name')) return 'the given name is a placeholder (such as FNU or Unknown)';
    if (placeholderWords(last).length === 0) return 'the surname has no letters';
    if (placeholderWords(first).length === 0) return 'the given name has no letters';
    return null;
  },
};

/**
 * § 6103(i)(2)(B)(i): "the name and address of the taxpayer". An address is a house number and
 * street (or a PO box) and a place (city and state, or ZIP); a ZIP Code alone, digits alone, or a
 * placeholder ("Failed to Provide", "Unknown Address", "NA NA") is not an address, and a ZIP
 * that belongs to another state is not this address (src/address/assess-address.ts).
 */
export const addressUsable: RecordRule = {
  id: 'address.usable',
  citation: '26 U.S.C. § 6103(i)(2)(B)(i)',
  message: 'the request must give the taxpayer’s address',
  check: (record) => {
    const verdict = assessAddress(record);
    return verdict.kind === 'usable' ? null : `${verdict.kind}: ${verdict.detail}`;
  },
};

/**
 * § 6103(i)(2)(B)(ii): "the taxable period or periods to which such return information relates".
 * They must be given, be tax years, and lie in the program's window (the agreement's look-back,
 * `taxablePeriodWindow.yearsBack` full years before the screening date).
 */
export const taxablePeriodsAllowed: RecordRule = {
  id: 'taxable-periods.allowed',
  citation: '26 U.S.C. § 6103(i)(2)(B)(ii)',
  message: 'the request must name taxable periods the program allows',
  check: (record, context) => {
    const text = record.taxable_periods.trim();
    if (!text) return 'taxable periods missing';
    const periods = parseTaxablePeriods(text);
    if (periods.kind === 'malformed') return periods.detail;
    const window = allowedTaxYears(context.asOf, context.program.taxablePeriodWindow.yearsBack);
    const outside = periods.years.filter((year) => year < window.first || year > window.last);
    if (outside.length)
      return `${outside.length === 1 ? 'tax year' : 'tax years'} ${outside.join(', ')} outside ${window.first}–${window.last}`;
    return null;
  },
};

const allowedCache = new WeakMap<ScreeningContext['program'], Citation[]>();

function allowedCitations(program: ScreeningContext['program']): Citation[] {
  let allowed = allowedCache.get(program);
  if (!allowed) {
    allowed = program.allowedStatutoryAuthorities.map((text) => {
      const citation = parseCitation(text);
      if (!citation) throw new Error(`program ${program.id}: cannot parse allowed authority "${text}"`);
      return citation;
    });
    allowedCache.set(program, allowed);
  }
  return allowed;
}

/**
 * § 6103(i)(2)(B)(iii): "the statutory authority under which the proceeding or investigation …
 * is being conducted". It must be a citation that can be read, and one the program allows: the
 * agreement names the criminal statutes it covers (§ 6103(i)(2)(A): "a specifically designated
 * Federal criminal statute (not involving tax administration)").
 */
export const statutoryAuthorityAllowed: RecordRule = {
  id: 'statutory-authority.allowed',
  citation: '26 U.S.C. § 6103(i)(2)(B)(iii)',
  message: 'the request must cite a statutory authority the program allows',
  check: (record, context) => {
    const text = record.statutory_authority.trim();
    if (!text) return 'statutory authority missing';
    const allowed = allowedCitations(context.program);
    return authorityVerdict(text, allowed);
  },
};

/** Requests repeat a handful of spellings: remember the verdict for each, per program (bounded). */
const verdictsByProgram = new WeakMap<readonly Citation[], Map<string, string | null>>();
const VERDICTS_KEPT = 10_000;

function authorityVerdict(text: string, allowed: readonly Citation[]): string | null {
  let verdicts = verdictsByProgram.get(allowed);
  if (!verdicts) verdictsByProgram.set(allowed, (verdicts = new Map<string, string | null>()));
  const known = verdicts.get(text);
  if (known !== undefined) return known;
  const verdict = judgeAuthority(text, allowed);
  if (verdicts.size >= VERDICTS_KEPT) verdicts.clear();
  verdicts.set(text, verdict);
  return verdict;
}

function judgeAuthority(text: string, allowed: readonly Citation[]): string | null {
  for (const part of splitCitations(text)) {
    const cited = parseCitation(part);
    if (!cited) return `${shown(part)} is not a U.S. Code citation`;
    if (!allowed.some((entry) => citationWithin(cited, entry)))
      return `${formatCitation(cited)} is not among ${allowed.map(formatCitation).join(', ')}`;
  }
  return null;
}

/**
 * Words that, alone, give no reason specific to a person: "ongoing immigration investigation",
 * "law enforcement purposes", "see attached". A specific reason needs at least one word beyond
 * these (a fact about this person or this case).
 */
const BOILERPLATE_WORDS = new Set(
  `A AN THE OF TO FOR IN ON AND OR AS IS BE MAY PER BY WITH THIS THAT SUBJECT SUBJECTS ALIEN ALIENS
  INVESTIGATION INVESTIGATIONS INVESTIGATIVE ONGOING PENDING ACTIVE OPEN CRIMINAL CIVIL CASE CASES
  MATTER LAW ENFORCEMENT PURPOSE PURPOSES IMMIGRATION OFFICIAL USE RELEVANT RELEVANCE REASON
  REASONS REQUEST REQUESTED REQUIRED NEEDED INFO INFORMATION SEE ATTACHED ATTESTATION MANIFEST
  ABOVE SAME AGENCY ICE DHS ERO HSI NATIONAL SECURITY PUBLIC SAFETY N NA NONE GENERAL ROUTINE
  DISCLOSURE RETURN TAX TAXPAYER ADDRESS CONFIRM CONFIRMATION VERIFY VERIFICATION STATUTE STATUTORY`.split(
    /\s+/,
  ),
);

function foldedWords(value: string): string {
  return placeholderWords(value).join(' ');
}

// One attestation per batch: fold it once, not once per record.
let lastAttestation = { text: '', folded: '' };
function foldedAttestation(text: string): string {
  if (lastAttestation.text !== text) lastAttestation = { text, folded: foldedWords(text) };
  return lastAttestation.folded;
}

/**
 * § 6103(i)(2)(B)(iv): "the specific reason or reasons why such disclosure is, or may be,
 * relevant". A reason that only repeats the batch's attestation, or is made of boilerplate, is
 * not specific to the record.
 */
export const reasonSpecific: RecordRule = {
  id: 'reason.specific',
  citation: '26 U.S.C. § 6103(i)(2)(B)(iv)',
  message: 'the request must give the specific reason the information is relevant',
  check: (record, context) => {
    const reason = record.reason.trim();
    if (!reason) return 'reason missing';
    const words = foldedWords(reason);
    if (context.attestation.trim() && words === foldedAttestation(context.attestation))
      return 'the reason only repeats the batch attestation';
    if (words.split(' ').every((word) => word === '' || BOILERPLATE_WORDS.has(word)))
      return `${shown(reason)} is boilerplate, not a reason specific to this request`;
    return null;
  },
};

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/**
 * Program condition (the IRS–ICE memorandum of understanding, April 2025): requests concern
 * persons subject to a final order of removal (8 U.S.C. § 1231(a)(1)); its date must be given,
 * be a real date, and lie before the screening date.
 */
export const removalOrderDateInPast: RecordRule = {
  id: 'removal-order.date-in-past',
  citation: 'IRS–ICE MOU (Apr. 2025); 8 U.S.C. § 1231(a)(1)',
  message: 'the request must give the date of a final removal order in the past',
  check: (record, context) => {
    const date = record.removal_order_date.trim();
    if (!date) return 'removal-order date missing';
    if (!isCalendarDate(date)) return `${shown(date)} is not a date (YYYY-MM-DD)`;
    if (date >= context.asOf) return `${date} is not before ${context.asOf}`;
    return null;
  },
};

/**
 * § 6103(i)(2)(A): disclosure is "solely for the use of such officers and employees" who are
 * "personally and directly engaged in" an investigation; each record must say which
 * investigation it belongs to.
 */
export const investigationIdentified: RecordRule = {
  id: 'investigation.identified',
  citation: '26 U.S.C. § 6103(i)(2)(A)',
  message: 'the request must identify the investigation',
  check: (record) => {
    const id = record.investigation_id.trim();
    if (!id) return 'investigation id missing';
    if (isPlaceholder(id)) return `investigation id ${shown(id)} is a placeholder`;
    return null;
  },
};

/**
 * § 6103(i)(2)(A): the officers "personally and directly engaged in" the investigation — the
 * request must name the one who is.
 */
export const officerNamed: RecordRule = {
  id: 'investigation.officer-named',
  citation: '26 U.S.C. § 6103(i)(2)(A)',
  message: 'the request must name the investigating officer personally and directly engaged',
  check: (record) => {
    const officer = record.investigating_officer.trim();
    if (!officer) return 'investigating officer missing';
    if (isPlaceholder(officer, 'name')) return 'the investigating officer is a placeholder, not a name';
    return null;
  },
};

export const RECORD_RULES: readonly RecordRule[] = [
  namePresent,
  addressUsable,
  secondIdentifier,
  taxablePeriodsAllowed,
  statutoryAuthorityAllowed,
  reasonSpecific,
  removalOrderDateInPast,
  investigationIdentified,
  officerNamed,
];
