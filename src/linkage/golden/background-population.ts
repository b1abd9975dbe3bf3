import type { SqlValue, Store } from '../../store/store.ts';
import { REQUEST_COLUMNS } from '../../intake/request-record.ts';
import { normalizeRecord } from '../normalize/normalize-record.ts';
import { NORMALIZED_COLUMNS } from '../normalize/normalized-fields.ts';
import { REFERENCE_COLUMNS } from '../reference-record.ts';
import { Prng } from '../../synth/prng.ts';
import { storeReferenceRows } from '../../reference/load-reference.ts';

/**
 * A small synthetic population for linkage tests: invented surnames and streets, seeded so every
 * run is the same. It gives EM matches and non-matches to learn from, and the u sample random
 * pairs, so that a test's special cases are judged by a model trained as in production.
 */
export type Row = Partial<Record<string, string>>;

const GIVEN = [
  'James',
  'Maria',
  'Robert',
  'Ana',
  'Michael',
  'Linda',
  'Jose',
  'Sarah',
  'David',
  'Rosa',
  'Daniel',
  'Emily',
  'Luis',
  'Grace',
  'Peter',
  'Carmen',
  'Thomas',
  'Julia',
  'Mark',
  'Elena',
];
const SURNAME_STEMS = [
  'Bar',
  'Cal',
  'Dor',
  'Fen',
  'Gal',
  'Har',
  'Kel',
  'Lom',
  'Mar',
  'Nor',
  'Pel',
  'Ros',
  'Sal',
  'Tor',
  'Val',
  'Wes',
];
const SURNAME_ENDS = ['ano', 'by', 'den', 'etti', 'ford', 'ham', 'ino', 'ley', 'mont', 'ner', 'oza', 'ton'];
const STREETS = [
  'Alder',
  'Beacon',
  'Cedar',
  'Dover',
  'Elm',
  'Fulton',
  'Garnet',
  'Hollis',
  'Juniper',
  'Kestrel',
  'Linden',
  'Mercer',
];

export function backgroundPopulation(taxpayers: number, seed: number): { reference: Row[]; requests: Row[] } {
  const random = seededRandomFrom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const pad = (n: number) => String(n).padStart(2, '0');
  const reference: Row[] = [];
  const requests: Row[] = [];
  let home = { last_name: '', address_line1: '', city: '', zip: '' };
  for (let i = 0; i < taxpayers; i++) {
    // One in three lives with the previous taxpayer: same surname, same home (households).
    if (i === 0 || random() >= 1 / 3)
      home = {
        last_name: `${pick(SURNAME_STEMS)}${pick(SURNAME_ENDS)}`,
        address_line1: `${1 + Math.floor(random() * 900)} ${pick(STREETS)} St`,
        city: `Town${Math.floor(random() * 20)}`,
        zip: `${70000 + Math.floor(random() * 20) * 7}`,
      };
    const person = {
      ...home,
      taxpayer_id: `BG${i}`,
      first_name: pick(GIVEN),
      dob: `${1940 + Math.floor(random() * 60)}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`,
      tin: String(100000000 + i * 7919),
    };
    for (const year of ['2023', '2024']) reference.push({ ...person, tax_year: year });
    // Three in five are asked about: most as filed, some with a typo or without a date of birth.
    if (random() < 0.6) {
      const typo = random() < 0.15;
      requests.push({
        request_id: `bg-${i}`,
        first_name: person.first_name,
        last_name: typo ? person.last_name.slice(0, -1) : person.last_name,
        dob: random() < 0.9 ? person.dob : '',
        address_line1: person.address_line1,
        city: person.city,
        zip: person.zip,
      });
    }
  }
  for (let i = 0; i < taxpayers / 10; i++)
    requests.push({
      request_id: `bg-absent-${i}`,
      first_name: pick(GIVEN),
      last_name: `${pick(SURNAME_STEMS)}${pick(SURNAME_ENDS)}x`,
      dob: `${1940 + Math.floor(random() * 60)}-06-15`,
      address_line1: `${1 + Math.floor(random() * 900)} ${pick(STREETS)} St`,
      city: `Town${Math.floor(random() * 20)}`,
      zip: `${70000 + Math.floor(random() * 20) * 7}`,
    });
  return { reference, requests };
}

const text = (row: Row, column: string) => row[column] ?? '';

/** Stores reference rows and one batch of requests, normalized as the loaders do. */
export async function storeRows(
  store: Store,
  batchId: string,
  reference: Row[],
  requests: Row[],
): Promise<void> {
  const asRaw = (row: Row) => ({
    first_name: text(row, 'first_name'),
    middle_name: text(row, 'middle_name'),
    last_name: text(row, 'last_name'),
    dob: text(row, 'dob'),
    address_line1: text(row, 'address_line1'),
    address_line2: text(row, 'address_line2'),
    city: text(row, 'city'),
    state: text(row, 'state'),
    zip: text(row, 'zip'),
    tin: text(row, 'tin'),
  });
  await storeReferenceRows(
    store,
    reference.map((row) => REFERENCE_COLUMNS.map((column) => text(row, column))),
  );
  await store.append(
    'requests',
    requests.map((row, i): SqlValue[] => {
      const normalized = normalizeRecord(asRaw(row));
      return [
        batchId,
        i + 1,
        ...REQUEST_COLUMNS.map((column) => text(row, column)),
        ...NORMALIZED_COLUMNS.map((column) => normalized[column]),
      ];
    }),
  );
}

/** The synthetic generator's seeded PRNG, as a function: same seed, same draws. */
function seededRandomFrom(seed: number): () => number {
  const prng = new Prng(seed);
  return () => prng.next();
}
