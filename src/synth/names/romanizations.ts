/**
 * Family names that one person may find written in more than one romanization: Korean under
 * Revised Romanization, McCune–Reischauer and the spellings families chose long before either
 * (이 as LEE, YI, RHEE; 박 as PARK, PAK, BAK), Chinese under Pinyin and Wade–Giles (ZHANG and
 * CHANG, XU and HSU, ZHOU and CHOU). Each group is one name; a request may carry any of its
 * spellings. From the National Institute of Korean Language's romanization tables and the
 * Wade–Giles/Pinyin correspondences, for the names of the synthetic surname table.
 */
const GROUPS: readonly (readonly string[])[] = [
  ['Lee', 'Yi', 'Rhee'],
  ['Kim', 'Gim'],
  ['Park', 'Pak', 'Bak'],
  ['Choi', 'Choe'],
  ['Cho', 'Jo'],
  ['Jung', 'Jeong', 'Chung'],
  ['Kang', 'Gang'],
  ['Yoon', 'Yun'],
  ['Shin', 'Sin'],
  ['Lim', 'Im', 'Rim'],
  ['Oh', 'O'],
  ['Hwang', 'Whang'],
  ['Ahn', 'An'],
  ['Seo', 'Suh'],
  ['Zhang', 'Chang'],
  ['Zhou', 'Chou'],
  ['Xu', 'Hsu'],
  ['Wu', 'Woo'],
];

const BY_NAME = new Map(GROUPS.flatMap((group) => group.map((name) => [name, group] as const)));

/** The other spellings of a family name ([] when it has none in the table). */
export function romanizationsOf(surname: string): string[] {
  return (BY_NAME.get(surname) ?? []).filter((name) => name !== surname);
}
