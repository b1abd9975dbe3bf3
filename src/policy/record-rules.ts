import type { RecordRule } from './rule.ts';

const PLACEHOLDER =
  /^(UNKNOWN( ADDRESS)?|NONE|N ?A( N ?A)*|NULL|FAILED TO PROVIDE|NOT PROVIDED|TBD|SAME|X+|0+|-+|\?+)$/;

function folded(value: string): string {
  return value
    .toUpperCase()
    .replace(/[^A-Z0-9?]+/g, ' ')
    .trim();
}

/**
 * § 6103(i)(2)(B)(i): the request must set forth "the name and address of the taxpayer with
 * respect to whom the requested return information relates".
 */
export const namePresent: RecordRule = {
  id: 'name.present',
  citation: '26 U.S.C. § 6103(i)(2)(B)(i)',
  message: 'the request must name the taxpayer (surname and given name)',
  check: (record) => {
    if (!record.last_name.trim()) return 'surname missing';
    if (!record.first_name.trim()) return 'given name missing';
    if (PLACEHOLDER.test(folded(record.last_name)) || PLACEHOLDER.test(folded(record.first_name)))
      return 'name is a placeholder';
    return null;
  },
};

/** § 6103(i)(2)(B)(i): "the name and address of the taxpayer". */
export const addressPresent: RecordRule = {
  id: 'address.present',
  citation: '26 U.S.C. § 6103(i)(2)(B)(i)',
  message: 'the request must give the taxpayer’s address',
  check: (record) => (record.address_line1.trim() ? null : 'street address missing'),
};

/** § 6103(i)(2)(B)(i): a placeholder or a bare number is not "the address of the taxpayer". */
export const addressNotPlaceholder: RecordRule = {
  id: 'address.not-placeholder',
  citation: '26 U.S.C. § 6103(i)(2)(B)(i)',
  message: 'the address given is a placeholder, not an address',
  check: (record) => {
    const line = folded(record.address_line1);
    if (!line) return null; // address.present reports it
    if (PLACEHOLDER.test(line)) return `"${record.address_line1.trim()}" is a placeholder`;
    if (/^[0-9 ]+$/.test(line))
      return `"${record.address_line1.trim()}" is only digits (a ZIP alone is not an address)`;
    return null;
  },
};

/** § 6103(i)(2)(B)(ii): "the taxable period or periods to which such return information relates". */
export const taxablePeriodsPresent: RecordRule = {
  id: 'taxable-periods.present',
  citation: '26 U.S.C. § 6103(i)(2)(B)(ii)',
  message: 'the request must name the taxable periods',
  check: (record) => (record.taxable_periods.trim() ? null : 'taxable periods missing'),
};

/** § 6103(i)(2)(B)(iii): "the specific criminal statute … under which the investigation is conducted". */
export const statutoryAuthorityPresent: RecordRule = {
  id: 'statutory-authority.present',
  citation: '26 U.S.C. § 6103(i)(2)(B)(iii)',
  message: 'the request must cite the statutory authority',
  check: (record) => (record.statutory_authority.trim() ? null : 'statutory authority missing'),
};

/** § 6103(i)(2)(B)(iv): "the specific reason or reasons why such disclosure is, or may be, relevant". */
export const reasonPresent: RecordRule = {
  id: 'reason.present',
  citation: '26 U.S.C. § 6103(i)(2)(B)(iv)',
  message: 'the request must give the specific reason the information is relevant',
  check: (record) => (record.reason.trim() ? null : 'reason missing'),
};

/**
 * Program condition (IRS–ICE agreement, 2025): the person must be subject to a final order of
 * removal, so its date must be given and lie before the screening date.
 */
export const removalOrderDateInPast: RecordRule = {
  id: 'removal-order.date-in-past',
  citation: 'IRS–ICE MOU (2025) § 3; 8 U.S.C. § 1231(a)',
  message: 'the request must give the date of a final removal order in the past',
  check: (record, context) => {
    const date = record.removal_order_date.trim();
    if (!date) return 'removal-order date missing';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) return `"${date}" is not a date`;
    if (date >= context.asOf) return `${date} is not before ${context.asOf}`;
    return null;
  },
};

export const RECORD_RULES: readonly RecordRule[] = [
  namePresent,
  addressPresent,
  addressNotPlaceholder,
  taxablePeriodsPresent,
  statutoryAuthorityPresent,
  reasonPresent,
  removalOrderDateInPast,
];
