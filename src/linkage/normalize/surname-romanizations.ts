/**
 * Family names written in more than one romanization, each group one name: Korean under Revised
 * Romanization, McCune–Reischauer and the spellings families registered long before either (이 as
 * LEE, YI, RHEE, RHIE; 박 as PARK, PAK, BAK), Chinese under Pinyin and Wade–Giles (ZHANG and
 * CHANG, XU and HSU). Sources: the National Institute of Korean Language's romanization of Korean
 * surnames (2000 Revised Romanization with its table of customary spellings) and the Library of
 * Congress Pinyin/Wade–Giles conversion tables. Only names whose spellings phonetic keys keep
 * apart are listed (Double Metaphone gives LEE L, YI A, RHEE R).
 */
const GROUPS: readonly (readonly string[])[] = [
  ['LEE', 'YI', 'RHEE', 'RHIE', 'RI'],
  ['KIM', 'GIM'],
  ['PARK', 'PAK', 'BAK', 'BAEK', 'PAIK', 'BACK'],
  ['CHOI', 'CHOE', 'CHOY'],
  ['CHO', 'JO', 'JOE'],
  ['JUNG', 'JEONG', 'CHUNG', 'CHONG'],
  ['KANG', 'GANG'],
  ['YOON', 'YUN'],
  ['SHIN', 'SIN'],
  ['LIM', 'IM', 'RIM', 'YIM'],
  ['OH', 'O'],
  ['HWANG', 'WHANG'],
  ['AHN', 'AN'],
  ['SEO', 'SUH', 'SUR'],
  ['KOO', 'GU', 'KU'],
  ['KWON', 'GWON'],
  ['YOO', 'YU', 'RYU', 'YOU'],
  ['NOH', 'NO', 'ROH'],
  ['ZHANG', 'CHANG'],
  ['ZHOU', 'CHOU'],
  ['XU', 'HSU'],
  ['WU', 'WOO'],
  ['ZHAO', 'CHAO'],
  ['XIE', 'HSIEH'],
  ['QIU', 'CHIU'],
];

const CANONICAL = new Map(GROUPS.flatMap((group) => group.map((name) => [name, group[0] ?? name] as const)));

/** The spelling a family name's group is keyed by (the name itself when it has no other romanization). */
export function romanizationKey(surname: string): string {
  return CANONICAL.get(surname) ?? surname;
}
