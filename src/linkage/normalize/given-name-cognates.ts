/**
 * English and Spanish forms of one given name (JOHN and JUAN, MARY and MARIA, WILLIAM and
 * GUILLERMO): a request often gives the English form of the Spanish name a taxpayer files under,
 * or the reverse. Two formal names, not a nickname and its name: each keeps its own canonical form
 * (RICKY stays RICHARD, "same formal name" with RICHARD only), and a pair is read at the weaker
 * "may stand for the same formal name" level through the forms each name may stand for
 * (`nm_first_forms`, nicknames.ts), whose worth EM learns. A name and its cognate are one person's
 * in two languages, never a twin's pair (LUIS and LUISA are; LUIS and LOUIS are not): the holds
 * for a name a typo from another carried one (decide-requests.ts) read the typo levels, not this.
 *
 * Source: hand-compiled for this project; only pairs that share their etymon and that the
 * standard references give as each other's form in the other language — the "other languages"
 * forms of each name in Behind the Name (behindthename.com) and in Wikipedia's given-name articles
 * (John: Juan; Elizabeth: Isabel; Stephen: Esteban) — and common in the US. RALPH for RAFAEL, not
 * a cognate, is the one English name that Rafaels commonly take in the US, as JOE for JOSE is a
 * nickname (nicknames.ts). Masculine with masculine and feminine with feminine only: LOUIS is
 * LUIS, LOUISE is LUISA. Upper-case, accents folded.
 */
const ENGLISH_AND_SPANISH: readonly (readonly [english: string, spanish: string])[] = [
  // Masculine
  ['ALBERT', 'ALBERTO'],
  ['ALEXANDER', 'ALEJANDRO'],
  ['ALFRED', 'ALFREDO'],
  ['ALPHONSE', 'ALFONSO'],
  ['ANDREW', 'ANDRES'],
  ['ANTHONY', 'ANTONIO'],
  ['ARTHUR', 'ARTURO'],
  ['AUGUSTINE', 'AGUSTIN'],
  ['BERNARD', 'BERNARDO'],
  ['CHARLES', 'CARLOS'],
  ['CHRISTOPHER', 'CRISTOBAL'],
  ['DOMINIC', 'DOMINGO'],
  ['EDWARD', 'EDUARDO'],
  ['EMMANUEL', 'MANUEL'],
  ['ERNEST', 'ERNESTO'],
  ['EUGENE', 'EUGENIO'],
  ['FERDINAND', 'FERNANDO'],
  ['FRANCIS', 'FRANCISCO'],
  ['FREDERICK', 'FEDERICO'],
  ['GEORGE', 'JORGE'],
  ['GERALD', 'GERARDO'],
  ['GILBERT', 'GILBERTO'],
  ['GREGORY', 'GREGORIO'],
  ['HENRY', 'ENRIQUE'],
  ['IGNATIUS', 'IGNACIO'],
  ['JACOB', 'JACOBO'],
  ['JAMES', 'JAIME'],
  ['JEROME', 'JERONIMO'],
  ['JOHN', 'JUAN'],
  ['JOSEPH', 'JOSE'],
  ['JOSHUA', 'JOSUE'],
  ['JULIUS', 'JULIO'],
  ['LAWRENCE', 'LORENZO'],
  ['LEONARD', 'LEONARDO'],
  ['LOUIS', 'LUIS'],
  ['LUKE', 'LUCAS'],
  ['MARK', 'MARCOS'],
  ['MATTHEW', 'MATEO'],
  ['MAURICE', 'MAURICIO'],
  ['MICHAEL', 'MIGUEL'],
  ['MOSES', 'MOISES'],
  ['PATRICK', 'PATRICIO'],
  ['PAUL', 'PABLO'],
  ['PETER', 'PEDRO'],
  ['PHILIP', 'FELIPE'],
  ['RALPH', 'RAFAEL'],
  ['RAPHAEL', 'RAFAEL'],
  ['RAYMOND', 'RAIMUNDO'],
  ['RAYMOND', 'RAMON'],
  ['RICHARD', 'RICARDO'],
  ['ROBERT', 'ROBERTO'],
  ['RODERICK', 'RODRIGO'],
  ['ROGER', 'ROGELIO'],
  ['RUDOLPH', 'RODOLFO'],
  ['STEPHEN', 'ESTEBAN'],
  ['THEODORE', 'TEODORO'],
  ['THOMAS', 'TOMAS'],
  ['TIMOTHY', 'TIMOTEO'],
  ['VINCENT', 'VICENTE'],
  ['WILLIAM', 'GUILLERMO'],
  // Feminine
  ['AGNES', 'INES'],
  ['ALICE', 'ALICIA'],
  ['ANN', 'ANA'],
  ['ANNA', 'ANA'],
  ['ANNE', 'ANA'],
  ['BEATRICE', 'BEATRIZ'],
  ['CAROLINE', 'CAROLINA'],
  ['CATHERINE', 'CATALINA'],
  ['CHARLOTTE', 'CARLOTA'],
  ['CHRISTINA', 'CRISTINA'],
  ['CHRISTINE', 'CRISTINA'],
  ['DOROTHY', 'DOROTEA'],
  ['ELEANOR', 'LEONOR'],
  ['ELIZABETH', 'ISABEL'],
  ['EMILY', 'EMILIA'],
  ['ESTHER', 'ESTER'],
  ['FRANCES', 'FRANCISCA'],
  ['HELEN', 'ELENA'],
  ['JANE', 'JUANA'],
  ['JOAN', 'JUANA'],
  ['JOSEPHINE', 'JOSEFINA'],
  ['LOUISE', 'LUISA'],
  ['LUCY', 'LUCIA'],
  ['MARGARET', 'MARGARITA'],
  ['MARTHA', 'MARTA'],
  ['MARY', 'MARIA'],
  ['MATILDA', 'MATILDE'],
  ['NATALIE', 'NATALIA'],
  ['PAULINE', 'PAULINA'],
  ['RACHEL', 'RAQUEL'],
  ['REBECCA', 'REBECA'],
  ['ROSE', 'ROSA'],
  ['SARAH', 'SARA'],
  ['SOPHIA', 'SOFIA'],
  ['STEPHANIE', 'ESTEFANIA'],
  ['SUSAN', 'SUSANA'],
  ['THERESA', 'TERESA'],
];

/** Each name's forms in the other language, both ways, sorted. */
const COGNATES: ReadonlyMap<string, readonly string[]> = (() => {
  const index = new Map<string, Set<string>>();
  const add = (name: string, other: string) => index.set(name, (index.get(name) ?? new Set()).add(other));
  for (const [english, spanish] of ENGLISH_AND_SPANISH) {
    add(english, spanish);
    add(spanish, english);
  }
  return new Map([...index].map(([name, others]) => [name, [...others].sort()]));
})();

/** The forms of a formal given name in the other language (JUAN → JOHN; RAMON → RAYMOND), or none. */
export function cognatesOf(name: string): readonly string[] {
  return COGNATES.get(name) ?? [];
}

/** Every name of the table: each a given name in its own right. */
export const COGNATE_NAMES: ReadonlySet<string> = new Set(COGNATES.keys());
