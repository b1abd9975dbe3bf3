/**
 * State and possession names → USPS two-letter codes: USPS Publication 28, Appendix B
 * ("Two-Letter State and Possession Abbreviations"), plus the three Armed Forces codes (Pub. 28, "Military Addresses").
 */
const APPENDIX_B: readonly (readonly [string, string])[] = [
  ['ALABAMA', 'AL'],
  ['ALASKA', 'AK'],
  ['AMERICAN SAMOA', 'AS'],
  ['ARIZONA', 'AZ'],
  ['ARKANSAS', 'AR'],
  ['CALIFORNIA', 'CA'],
  ['COLORADO', 'CO'],
  ['CONNECTICUT', 'CT'],
  ['DELAWARE', 'DE'],
  ['DISTRICT OF COLUMBIA', 'DC'],
  ['FEDERATED STATES OF MICRONESIA', 'FM'],
  ['FLORIDA', 'FL'],
  ['GEORGIA', 'GA'],
  ['GUAM', 'GU'],
  ['HAWAII', 'HI'],
  ['IDAHO', 'ID'],
  ['ILLINOIS', 'IL'],
  ['INDIANA', 'IN'],
  ['IOWA', 'IA'],
  ['KANSAS', 'KS'],
  ['KENTUCKY', 'KY'],
  ['LOUISIANA', 'LA'],
  ['MAINE', 'ME'],
  ['MARSHALL ISLANDS', 'MH'],
  ['MARYLAND', 'MD'],
  ['MASSACHUSETTS', 'MA'],
  ['MICHIGAN', 'MI'],
  ['MINNESOTA', 'MN'],
  ['MISSISSIPPI', 'MS'],
  ['MISSOURI', 'MO'],
  ['MONTANA', 'MT'],
  ['NEBRASKA', 'NE'],
  ['NEVADA', 'NV'],
  ['NEW HAMPSHIRE', 'NH'],
  ['NEW JERSEY', 'NJ'],
  ['NEW MEXICO', 'NM'],
  ['NEW YORK', 'NY'],
  ['NORTH CAROLINA', 'NC'],
  ['NORTH DAKOTA', 'ND'],
  ['NORTHERN MARIANA ISLANDS', 'MP'],
  ['OHIO', 'OH'],
  ['OKLAHOMA', 'OK'],
  ['OREGON', 'OR'],
  ['PALAU', 'PW'],
  ['PENNSYLVANIA', 'PA'],
  ['PUERTO RICO', 'PR'],
  ['RHODE ISLAND', 'RI'],
  ['SOUTH CAROLINA', 'SC'],
  ['SOUTH DAKOTA', 'SD'],
  ['TENNESSEE', 'TN'],
  ['TEXAS', 'TX'],
  ['UTAH', 'UT'],
  ['VERMONT', 'VT'],
  ['VIRGIN ISLANDS', 'VI'],
  ['VIRGINIA', 'VA'],
  ['WASHINGTON', 'WA'],
  ['WEST VIRGINIA', 'WV'],
  ['WISCONSIN', 'WI'],
  ['WYOMING', 'WY'],
  ['ARMED FORCES AMERICAS', 'AA'],
  ['ARMED FORCES EUROPE', 'AE'],
  ['ARMED FORCES PACIFIC', 'AP'],
];

const BY_NAME = new Map<string, string>(APPENDIX_B);
const CODES = new Set<string>(APPENDIX_B.map(([, code]) => code));
// Common spellings outside Appendix B that requests carry.
BY_NAME.set('WASHINGTON DC', 'DC');
BY_NAME.set('D C', 'DC');
BY_NAME.set('US VIRGIN ISLANDS', 'VI');
BY_NAME.set('PUERTORICO', 'PR');

/** A folded state field (upper case, single spaces) → its USPS code, or null if not a state. */
export function stateCode(folded: string): string | null {
  if (folded.length === 2) return CODES.has(folded) ? folded : null;
  return BY_NAME.get(folded) ?? null;
}

export function isStateCode(code: string): boolean {
  return CODES.has(code);
}
