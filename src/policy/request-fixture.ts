import type { RequestRecord } from '../intake/request-record.ts';

/** A synthetic request (no real person) that passes every rule of the shipped program as of 2025-06-01. */
export function goodRequest(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    request_id: 'R1',
    first_name: 'Maria',
    middle_name: '',
    last_name: 'Synthetica',
    dob: '1980-02-03',
    address_line1: '123 Main St',
    address_line2: '',
    city: 'Austin',
    state: 'TX',
    zip: '78701',
    tin: '',
    removal_order_date: '2021-04-05',
    statutory_authority: '8 U.S.C. § 1253(a)(1)',
    investigation_id: 'INV-0001',
    investigating_officer: 'Officer Example',
    taxable_periods: '2022;2023',
    reason: 'Failed to depart after the 2021 order; address sought to serve the charging document.',
    ...overrides,
  };
}
