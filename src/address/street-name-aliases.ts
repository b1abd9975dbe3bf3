/**
 * Street names written in many forms that no spelling rule relates. Streets named after Martin
 * Luther King Jr. are the commonest case in the US (about a thousand of them; Alderman, "Street of
 * Dreams", 2014), written MLK, M L KING, ML KING JR, DR MARTIN LUTHER KING JR… on one and the same
 * street, even in one city's records; John F. Kennedy's streets are written JFK and J F KENNEDY.
 * Only names honoured across the country belong here, each as one form: a street that happens to
 * be abbreviated in one data set does not.
 */
const ALIASES: readonly { name: string; forms: readonly string[] }[] = [
  {
    name: 'MARTIN LUTHER KING JR',
    forms: combinations(
      ['', 'DR', 'DOCTOR', 'REV', 'REVEREND'],
      ['MARTIN LUTHER KING', 'MARTIN L KING', 'M L KING', 'ML KING', 'M L K', 'MLK'],
      ['', 'JR', 'JUNIOR'],
    ),
  },
  {
    name: 'JOHN F KENNEDY',
    forms: combinations(
      ['', 'PRESIDENT'],
      ['JOHN F KENNEDY', 'JOHN FITZGERALD KENNEDY', 'J F KENNEDY', 'JF KENNEDY', 'J F K', 'JFK'],
      [''],
    ),
  },
];

/** Every prefix + body + ending, as words separated by one space. */
function combinations(prefixes: string[], bodies: string[], endings: string[]): string[] {
  return prefixes.flatMap((prefix) =>
    bodies.flatMap((body) => endings.map((ending) => [prefix, body, ending].filter(Boolean).join(' '))),
  );
}

const BY_FORM: ReadonlyMap<string, string> = new Map(
  ALIASES.flatMap(({ name, forms }) => forms.map((form) => [form, name] as const)),
);

/** The one form of a street name written in one of its known forms (MLK → MARTIN LUTHER KING JR), or undefined. */
export function streetNameAlias(words: readonly string[]): string | undefined {
  return BY_FORM.get(words.join(' '));
}
