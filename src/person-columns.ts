/**
 * The columns that describe a person, in the order both file formats give them
 * (../shared/datasets/README.md): a request names the person asked about with them, a reference
 * row the taxpayer who filed. One list, so that the two formats and the retention purge cannot
 * drift apart. Every field is text as received; empty means missing.
 */
export const PERSON_COLUMNS = [
  'first_name',
  'middle_name',
  'last_name',
  'dob',
  'address_line1',
  'address_line2',
  'city',
  'state',
  'zip',
  'tin',
] as const;
