import { foldText } from '../../text/fold-text.ts';

/**
 * Nicknames the generator may put in a request in place of a given name, so that the benchmark
 * holds "Bill" for a William and "Pepe" for a José. Only common, widely recognized pairs: a
 * careful reader would still take the request to name the same person. The canonical nickname
 * table used for matching belongs to the linkage stage; this one only makes test data.
 * Sources: common English hypocorisms (e.g. the US Census Bureau nickname list used in record
 * linkage research) and standard Spanish hipocorísticos (Pepe, Paco, Lupe, Chuy, Nacho, Lalo).
 */
const NICKNAMES: Record<string, readonly string[]> = {
  WILLIAM: ['Bill', 'Will', 'Billy'],
  ROBERT: ['Bob', 'Rob', 'Bobby'],
  RICHARD: ['Rick', 'Rich', 'Dick'],
  JAMES: ['Jim', 'Jimmy'],
  JOHN: ['Johnny', 'Jack'],
  MICHAEL: ['Mike'],
  JOSEPH: ['Joe'],
  THOMAS: ['Tom', 'Tommy'],
  CHARLES: ['Chuck', 'Charlie'],
  CHRISTOPHER: ['Chris'],
  DANIEL: ['Dan', 'Danny'],
  MATTHEW: ['Matt'],
  ANTHONY: ['Tony'],
  STEVEN: ['Steve'],
  STEPHEN: ['Steve'],
  ANDREW: ['Andy', 'Drew'],
  JOSHUA: ['Josh'],
  KENNETH: ['Ken', 'Kenny'],
  EDWARD: ['Ed', 'Eddie', 'Ted'],
  TIMOTHY: ['Tim'],
  RONALD: ['Ron'],
  DONALD: ['Don'],
  GREGORY: ['Greg'],
  JEFFREY: ['Jeff'],
  BENJAMIN: ['Ben'],
  SAMUEL: ['Sam'],
  NICHOLAS: ['Nick'],
  PATRICK: ['Pat'],
  ALEXANDER: ['Alex'],
  JONATHAN: ['Jon'],
  LAWRENCE: ['Larry'],
  RAYMOND: ['Ray'],
  GERALD: ['Jerry'],
  ELIZABETH: ['Liz', 'Beth', 'Betty'],
  MARGARET: ['Peggy', 'Maggie'],
  PATRICIA: ['Pat', 'Patty', 'Trish'],
  JENNIFER: ['Jen', 'Jenny'],
  KATHERINE: ['Kate', 'Kathy'],
  KATHLEEN: ['Kathy'],
  SUSAN: ['Sue'],
  DEBORAH: ['Debbie', 'Deb'],
  BARBARA: ['Barb'],
  REBECCA: ['Becky'],
  JESSICA: ['Jess'],
  CHRISTINE: ['Chris'],
  VICTORIA: ['Vicky'],
  SAMANTHA: ['Sam'],
  KIMBERLY: ['Kim'],
  PAMELA: ['Pam'],
  CYNTHIA: ['Cindy'],
  JOSE: ['Pepe', 'Joe'],
  FRANCISCO: ['Paco', 'Pancho', 'Frank'],
  GUADALUPE: ['Lupe'],
  JESUS: ['Chuy'],
  IGNACIO: ['Nacho'],
  ENRIQUE: ['Quique'],
  MANUEL: ['Manolo', 'Manny'],
  ALEJANDRO: ['Alex'],
  ROBERTO: ['Beto'],
  ALBERTO: ['Beto'],
  EDUARDO: ['Lalo'],
  ROSARIO: ['Chayo'],
  CONCEPCION: ['Concha', 'Conchita'],
  DOLORES: ['Lola'],
  GRACIELA: ['Chela'],
  CONSUELO: ['Chelo'],
  ANTONIO: ['Toño', 'Tony'],
  RAFAEL: ['Rafa'],
  GUILLERMO: ['Memo'],
  FERNANDO: ['Nando'],
  REFUGIO: ['Cuco'],
  TERESA: ['Tere'],
  SOCORRO: ['Coco'],
  ALFREDO: ['Fredo'],
};

/** Nicknames for a given name (first token of a compound name), or none. */
export function nicknamesFor(givenName: string): readonly string[] {
  const first = foldText(givenName)?.split(' ')[0] ?? '';
  return NICKNAMES[first] ?? [];
}
