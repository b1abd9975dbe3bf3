import { normalizeDate, normalizeTin } from '../linkage/normalize/normalize-record.ts';
import { SECOND_IDENTIFIER_RULE, type Identifier, type Program } from '../programs/program.ts';
import type { RecordRule } from './rule.ts';

/**
 * Why a request does not carry one identifier, or null when it does. The matcher reads the same
 * values through the same normalizers (src/linkage/normalize), so "carries a DOB" means one thing
 * at screening and at matching: a calendar date, and here also one before the screening date
 * (a date of birth in the future identifies no one); a TIN of 9 digits, dashes or spaces allowed.
 */
export function identifierAbsence(
  identifier: Identifier,
  record: { dob: string; tin: string },
  asOf: string,
): string | null {
  switch (identifier) {
    case 'dob': {
      const written = record.dob.trim();
      if (!written) return 'no date of birth';
      const date = normalizeDate(written);
      // Never the value itself: problems are printed, stored and audited (issue 10).
      if (date === null) return 'the date of birth is not a date (YYYY-MM-DD)';
      if (date >= asOf) return `the date of birth is not before ${asOf}`;
      return null;
    }
    case 'tin': {
      const written = record.tin.trim();
      if (!written) return 'no TIN';
      return normalizeTin(written) === null ? 'the TIN is not 9 digits' : null;
    }
  }
}

const HOW_TO_GIVE: Record<Identifier, string> = {
  dob: 'the date of birth (YYYY-MM-DD)',
  tin: 'the TIN (SSN or ITIN, 9 digits)',
};

/**
 * Program condition (the program's `identity` section; design.md, "Identity needs a second
 * identifier"), completing § 6103(i)(2)(B)(i), "the name and address of the taxpayer": a name and
 * an address cannot tell the person named from a relative of the same name at the same address who
 * never filed, so a program may require one of `identity.autoConfirmRequiresOneOf` and reject at
 * screening (`withoutIdentifiers: "reject"`) a request that carries none. Decided from the request
 * alone, before any lookup: the rejection says nothing about any taxpayer. A malformed value is not
 * carried. Under `review` the rule passes every request and the matcher holds back instead.
 */
export const secondIdentifier: RecordRule = {
  id: SECOND_IDENTIFIER_RULE,
  citation: 'Program identity.autoConfirmRequiresOneOf; 26 U.S.C. § 6103(i)(2)(B)(i)',
  message:
    'the request must carry an identifier besides name and address (a name and an address cannot tell the person from a relative of the same name living there)',
  check: (record, context) => {
    const { identity } = context.program;
    if (identity.withoutIdentifiers !== 'reject') return null;
    const absences: string[] = [];
    for (const identifier of identity.autoConfirmRequiresOneOf) {
      const absence = identifierAbsence(identifier, record, context.asOf);
      if (absence === null) return null;
      absences.push(absence);
    }
    const ways = identity.autoConfirmRequiresOneOf.map((identifier) => HOW_TO_GIVE[identifier]);
    const add = ways.length === 1 ? ways[0] : `${ways.slice(0, -1).join(', ')} or ${ways.at(-1)}`;
    return `${absences.join(', ')}: send it again with ${add}`;
  },
};

/** The normalized column of each identifier in requests (src/linkage/normalize): null when not carried. */
const NORMALIZED_COLUMN: Record<Identifier, string> = { dob: 'n_dob', tin: 'n_tin' };

/**
 * SQL over request row `alias`: true when it may be confirmed without review as far as identifiers
 * go — the program rejects requests without them at screening (so every request that reaches the
 * matcher carries one), or the request carries one of `identity.autoConfirmRequiresOneOf`. Under
 * `withoutIdentifiers: "review"` a request carrying none is held for a reviewer, whatever its
 * score: a never-filed namesake at the same home cannot be ruled out by name and address.
 */
export function autoConfirmAllowedSql(program: Pick<Program, 'identity'>, alias: string): string {
  const { identity } = program;
  if (identity.withoutIdentifiers === 'reject') return 'true';
  return `(${identity.autoConfirmRequiresOneOf.map((identifier) => `${alias}.${NORMALIZED_COLUMN[identifier]} IS NOT NULL`).join(' OR ')})`;
}
