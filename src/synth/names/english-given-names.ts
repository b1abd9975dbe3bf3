import { foldText } from '../../text/fold-text.ts';

/**
 * The English form of a Spanish given name that a record written in English may give for it: JOHN
 * for JUAN, MARY for MARÍA, WILLIAM for GUILLERMO. One form each, the commonest in US use, and
 * only names whose English form is plainly the same name (the cognate: shared origin, given as
 * each other's form in the other language by Behind the Name and Wikipedia's given-name articles),
 * plus RALPH, which Rafaels commonly take in the US. Test data only: the matcher's own table of
 * such pairs belongs to the linkage stage.
 */
const ENGLISH_FORM: Record<string, string> = {
  ALBERTO: 'Albert',
  ALEJANDRO: 'Alexander',
  ALFREDO: 'Alfred',
  ANDRES: 'Andrew',
  ANTONIO: 'Anthony',
  ARTURO: 'Arthur',
  CARLOS: 'Charles',
  EDUARDO: 'Edward',
  ENRIQUE: 'Henry',
  ESTEBAN: 'Stephen',
  FELIPE: 'Philip',
  FRANCISCO: 'Francis',
  GERARDO: 'Gerald',
  GUILLERMO: 'William',
  JAIME: 'James',
  JORGE: 'George',
  JOSE: 'Joseph',
  JUAN: 'John',
  LUIS: 'Louis',
  MATEO: 'Matthew',
  MIGUEL: 'Michael',
  PABLO: 'Paul',
  PEDRO: 'Peter',
  RAFAEL: 'Ralph',
  RAMON: 'Raymond',
  RICARDO: 'Richard',
  ROBERTO: 'Robert',
  TOMAS: 'Thomas',
  ANA: 'Ann',
  BEATRIZ: 'Beatrice',
  ELENA: 'Helen',
  ISABEL: 'Elizabeth',
  JOSEFINA: 'Josephine',
  JUANA: 'Jane',
  LUCIA: 'Lucy',
  MARGARITA: 'Margaret',
  MARIA: 'Mary',
  NATALIA: 'Natalie',
  RAQUEL: 'Rachel',
  ROSA: 'Rose',
  SOFIA: 'Sophia',
  SUSANA: 'Susan',
  TERESA: 'Theresa',
};

/** The English form of a one-word Spanish given name (José → Joseph), or undefined. */
export function englishFormOf(given: string): string | undefined {
  const folded = foldText(given);
  return folded === null || folded.includes(' ') ? undefined : ENGLISH_FORM[folded];
}
