/**
 * Which state a ZIP Code can belong to, from its first three digits: the USPS 3-digit ZIP Code
 * prefix allocation (Domestic Mail Manual, Labeling List L002 "3-Digit ZIP Code Prefix Matrix",
 * and the National Five-Digit ZIP Code & Post Office Directory). Ranges are inclusive and cover
 * the unassigned prefixes inside a state's block, so a prefix is only called wrong for a state
 * when it lies in another state's block; prefixes between blocks give no verdict — a refusal must
 * never rest on a gap in this table. Prefixes 000–004 are assigned to no one: not a ZIP Code.
 */
const RANGES = `
005-005 NY
006-007 PR
008-008 VI
009-009 PR
010-027 MA
028-029 RI
030-038 NH
039-049 ME
050-054 VT
055-055 MA
056-059 VT
060-069 CT
070-089 NJ
090-099 AE
100-149 NY
150-196 PA
197-199 DE
200-200 DC
201-201 VA
202-205 DC
206-219 MD
220-246 VA
247-268 WV
269-269 MD
270-289 NC
290-299 SC
300-319 GA
320-339 FL
340-340 AA
341-349 FL
350-369 AL
370-385 TN
386-397 MS
398-399 GA
400-427 KY
430-459 OH
460-479 IN
480-499 MI
500-528 IA
530-549 WI
550-567 MN
569-569 DC
570-577 SD
580-588 ND
590-599 MT
600-629 IL
630-658 MO
660-679 KS
680-693 NE
700-714 LA
716-729 AR
730-732 OK
733-733 TX
734-749 OK
750-799 TX
800-816 CO
820-831 WY
832-838 ID
840-847 UT
850-865 AZ
870-884 NM
885-885 TX
889-898 NV
900-961 CA
962-966 AP
967-967 HI/AS
968-968 HI
969-969 GU/MP/PW/FM/MH
970-979 OR
980-994 WA
995-999 AK
`;

/** prefix (0–999) → the states it may belong to; undefined = no state's block. */
const BY_PREFIX: (readonly string[] | undefined)[] = new Array<readonly string[] | undefined>(1000);
for (const line of RANGES.trim().split('\n')) {
  const match = /^(\d{3})-(\d{3}) ([A-Z/]+)$/.exec(line.trim());
  if (!match) throw new Error(`zip3 table: bad line "${line}"`);
  const states = (match[3] ?? '').split('/');
  for (let prefix = Number(match[1]); prefix <= Number(match[2]); prefix++) BY_PREFIX[prefix] = states;
}

/** The states a 5-digit ZIP's prefix is allocated to, or null when the table cannot say. */
export function statesForZip(zip5: string): readonly string[] | null {
  return BY_PREFIX[Number(zip5.slice(0, 3))] ?? null;
}

/** 000–004 begin no ZIP Code (the first allocated prefix is 005, Holtsville NY). */
export function isUnallocatedZip(zip5: string): boolean {
  return Number(zip5.slice(0, 3)) < 5;
}
