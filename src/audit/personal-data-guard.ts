/**
 * No TIN, date of birth or name of a taxpayer or requested person ever enters the audit log
 * (issue 11): the log is kept permanently and read by auditors who need no return information to
 * check who did what. Events carry counts, ids, hashes and rule ids; a key that names personal
 * data, or a string shaped like a TIN, is a programming error and refused outright.
 */
const PERSONAL_KEYS = new Set(
  [
    'tin',
    'ssn',
    'itin',
    'ein',
    'dob',
    'dateofbirth',
    'birthdate',
    'name',
    'firstname',
    'middlename',
    'lastname',
    'givenname',
    'familyname',
    'surname',
    'fullname',
    'requestedname',
    'address',
    'addressline1',
    'addressline2',
    'requestedaddress',
    'street',
  ].map(normalizeKey),
);

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** 123-45-6789, or nine digits standing alone (not inside a hash or a longer number). */
const TIN_SHAPE = /(?<![0-9A-Za-z])(\d{3}-\d{2}-\d{4}|\d{9})(?![0-9A-Za-z])/;

export class PersonalDataInAuditEvent extends Error {
  constructor(path: string, why: string) {
    super(`an audit event may not carry personal data: ${path} ${why}`);
    this.name = 'PersonalDataInAuditEvent';
  }
}

/** Throws if `detail` (any depth) has a personal-data key or a TIN-shaped string. */
export function assertNoPersonalData(value: unknown, path = 'detail'): void {
  if (typeof value === 'string') {
    if (TIN_SHAPE.test(value)) throw new PersonalDataInAuditEvent(path, 'holds a TIN-shaped number');
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertNoPersonalData(item, `${path}[${i}]`));
    return;
  }
  if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      if (PERSONAL_KEYS.has(normalizeKey(key)))
        throw new PersonalDataInAuditEvent(`${path}.${key}`, 'names personal data');
      assertNoPersonalData(item, `${path}.${key}`);
    }
}

/**
 * Free text that may quote input (an error message about a malformed row, a note) made safe for
 * the log: long digit runs (TINs, parts of TINs, phone numbers) and TIN-shaped numbers are masked.
 * Runs of six or more digits are masked: a ZIP code survives, a 9-digit identifier or 7 of its
 * digits do not (a run inside a hexadecimal hash is left alone).
 */
export function redactForAudit(text: string): string {
  return text
    .replace(/\d{3}-\d{2}-\d{4}/g, '###-##-####')
    .replace(/(?<![0-9A-Fa-f])\d{6,}(?![0-9A-Fa-f])/g, (digits) => '#'.repeat(digits.length));
}
