import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { RequestRecord } from '../intake/request-record.ts';
import { standardizeAddress } from '../address/us-address.ts';
import { RECORD_RULES } from '../policy/record-rules.ts';
import { identifierAbsence } from '../policy/second-identifier.ts';
import { SECOND_IDENTIFIER_RULE, loadProgram } from '../programs/program.ts';
import {
  DIRECTIONALS,
  DIRECTIONAL_RESPELLINGS,
  NAME_WORD_ABBREVIATIONS,
  STREET_SUFFIXES,
} from './places/streets.ts';
import { requestQuotas, resolveMix } from './requests/request-kinds.ts';
import { generateSynthFolder, type SynthSummary } from './synth-folder.ts';
import { isItinFormat, isNeverIssuedSsn } from './world/tin.ts';

const SIZE = { taxpayers: 2500, requests: 2000 };
const AS_OF = '2025-08-01';
let root: string;
let summary: SynthSummary;
let reference: Record<string, string>[];
let requests: RequestRecord[];
let truth: Record<string, string>[];

const read = (dir: string, file: string) =>
  parse<Record<string, string>>(readFileSync(path.join(dir, file)), { columns: true });
const digest = (dir: string, file: string) =>
  createHash('sha256')
    .update(readFileSync(path.join(dir, file)))
    .digest('hex');
const FILES = ['reference.csv', 'requests.csv', 'truth.csv', 'meta.json'];
/**
 * The statute rules a request's truth answers to. The program's second-identifier rule is a
 * policy of the desk, not a fact of the world: a request without a DOB or TIN keeps the truth its
 * person gives it (datasets/README.md: such a rejection counts as not confirmed).
 */
const STATUTE_RULES = RECORD_RULES.filter((rule) => rule.id !== SECOND_IDENTIFIER_RULE);

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const zip5 = (zip: string) => zip.trim().slice(0, 5);
/** The house number, a grid number written spaced or hyphenated (N59 W28135, 27W 088, W 14066) joined up. */
const houseNumber = (line: string) =>
  fold(
    line
      .replace(/^\s*(No\.|Nº|Núm\.|#)\s*/i, '')
      .replace(/^\s*([NSEW]\d+[NSEW]?|\d+[NSEW])[ -]([NSEW]?\d+)\b/, '$1$2')
      .replace(/^\s*([NSEW]) (\d{3,})\b/, '$1$2'),
  ).split(' ')[0] ?? '';
const NOISE = new Set(
  [
    ...DIRECTIONALS.flatMap((d) => [
      d.full,
      d.abbr,
      ...DIRECTIONAL_RESPELLINGS[d.abbr].flatMap((r) => fold(r).split(' ')),
    ]),
    ...STREET_SUFFIXES.flatMap((s) => [s.full, s.abbr]),
  ].map((w) => w.toUpperCase()),
);
const NAME_WORDS = new Map(
  [...NAME_WORD_ABBREVIATIONS].map(([word, abbr]) => [word.toUpperCase(), abbr.toUpperCase()]),
);
/** The street core: the words of line 1 after the number, without directionals, suffixes or a unit. */
const streetCore = (line: string) =>
  fold(line.replace(/\s(Apt|Apartment|Unit|Lot|Trlr|Trailer|APT|#).*$/i, ''))
    .split(' ')
    .slice(1)
    .map((w) => NAME_WORDS.get(w) ?? w)
    // A numbered street with or without its ordinal ending ("76" / "76TH") is one street.
    .map((w) => w.replace(/^(\d+)(ST|ND|RD|TH)$/, '$1'))
    .filter((w) => !NOISE.has(w) && !/^\d+$/.test(w))
    .join(' ');

/** Per taxpayer, the row of the latest tax year (the address of record). */
function latestRows(): Map<string, Record<string, string>> {
  const latest = new Map<string, Record<string, string>>();
  for (const row of reference) {
    const held = latest.get(row['taxpayer_id'] ?? '');
    if (!held || Number(row['tax_year']) > Number(held['tax_year']))
      latest.set(row['taxpayer_id'] ?? '', row);
  }
  return latest;
}

describe('generateSynthFolder', () => {
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'synth-test-'));
    summary = await generateSynthFolder({ out: path.join(root, 'a'), seed: 7, asOf: AS_OF, ...SIZE });
    reference = read(path.join(root, 'a'), 'reference.csv');
    requests = read(path.join(root, 'a'), 'requests.csv') as unknown as RequestRecord[];
    truth = read(path.join(root, 'a'), 'truth.csv');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('writes the same bytes for the same seed and different bytes for another seed', async () => {
    await generateSynthFolder({ out: path.join(root, 'b'), seed: 7, asOf: AS_OF, ...SIZE });
    await generateSynthFolder({ out: path.join(root, 'c'), seed: 8, asOf: AS_OF, ...SIZE });
    for (const file of FILES)
      assert.equal(digest(path.join(root, 'a'), file), digest(path.join(root, 'b'), file), file);
    for (const file of ['reference.csv', 'requests.csv', 'truth.csv'])
      assert.notEqual(digest(path.join(root, 'a'), file), digest(path.join(root, 'c'), file), file);
  });

  it('keeps the reference unchanged when only the number of requests changes', async () => {
    await generateSynthFolder({
      out: path.join(root, 'd'),
      seed: 7,
      asOf: AS_OF,
      taxpayers: SIZE.taxpayers,
      requests: 300,
    });
    assert.equal(
      digest(path.join(root, 'a'), 'reference.csv'),
      digest(path.join(root, 'd'), 'reference.csv'),
    );
  });

  it('writes the requested numbers of taxpayers and requests, with unique request ids', () => {
    assert.equal(new Set(reference.map((r) => r['taxpayer_id'])).size, SIZE.taxpayers);
    assert.equal(requests.length, SIZE.requests);
    assert.equal(new Set(requests.map((r) => r.request_id)).size, SIZE.requests);
    assert.deepEqual(
      truth.map((t) => t['request_id']),
      requests.map((r) => r.request_id),
    );
    assert.ok(summary.referenceRows / SIZE.taxpayers > 2.5 && summary.referenceRows / SIZE.taxpayers < 4.5);
  });

  it('gives every outcome exactly its configured share', () => {
    const quotas = requestQuotas(SIZE.requests, resolveMix());
    const count = (outcome: string) => truth.filter((t) => t['expected_outcome'] === outcome).length;
    assert.equal(count('CONFIRMED'), quotas.confirmed);
    assert.equal(count('NOT_CONFIRMED'), quotas['moved-old-address'] + quotas['unrelated-address']);
    assert.equal(
      count('NO_RECORD'),
      quotas['household-non-filer'] + quotas['same-name-same-city'] + quotas['never-filed'],
    );
    assert.equal(count('REJECTED'), quotas['rejected-filer'] + quotas['rejected-never-filed']);
    assert.equal(summary.movedFallbacks, 0);
  });

  it('interleaves the outcomes (the request order is shuffled)', () => {
    const firstTenth = truth.slice(0, SIZE.requests / 10).map((t) => t['expected_outcome']);
    assert.equal(new Set(firstTenth).size, 4);
  });

  it('names an existing taxpayer in every CONFIRMED and NOT_CONFIRMED truth row, and none otherwise', () => {
    const taxpayers = new Set(reference.map((r) => r['taxpayer_id']));
    for (const row of truth) {
      if (row['expected_outcome'] === 'CONFIRMED' || row['expected_outcome'] === 'NOT_CONFIRMED')
        assert.ok(taxpayers.has(row['taxpayer_id']), `${row['request_id']} names ${row['taxpayer_id']}`);
      else assert.equal(row['taxpayer_id'], '');
    }
  });

  it('asks CONFIRMED requests at the house number and ZIP of the latest tax year, NOT_CONFIRMED ones elsewhere', () => {
    const latest = latestRows();
    let confirmed = 0;
    truth.forEach((row, i) => {
      const request = requests[i] as RequestRecord;
      const record = latest.get(row['taxpayer_id'] ?? '');
      if (!record) return;
      // A misspelt suffix is the same street, however this test's plain word list reads it.
      const misspelt =
        /street-suffix-(misspelt|informal|key-slip)|street-name-(typo|key-slip|word-abbreviated)|directional-misspelt|pobox-form/.test(
          row['variations'] ?? '',
        );
      const zipMissing = (row['variations'] ?? '').includes('zip-missing');
      // A PO box however written ("P.O. Box 12", "POB 12") is its box number.
      const box = (line: string) => /^\D*(\d+)$/.exec(line.trim())?.[1];
      const boxes = /^\s*(P|Box)/i.test(record['address_line1'] ?? '');
      const same =
        (boxes
          ? box(request.address_line1) === box(record['address_line1'] ?? '')
          : houseNumber(request.address_line1) === houseNumber(record['address_line1'] ?? '')) &&
        (zipMissing || zip5(request.zip) === zip5(record['zip'] ?? '')) &&
        (misspelt || streetCore(request.address_line1) === streetCore(record['address_line1'] ?? ''));
      if (row['expected_outcome'] === 'CONFIRMED') {
        confirmed++;
        assert.ok(
          same,
          `${row['request_id']}: ${request.address_line1} ${request.zip} vs ${record['address_line1']} ${record['zip']}`,
        );
      } else if (row['scenario'] === 'unrelated-address-other-street-type') {
        const type = (line: string) =>
          standardizeAddress({ address_line1: line, address_line2: '', city: '', state: '', zip: '' }).suffix;
        assert.notEqual(type(request.address_line1), type(record['address_line1'] ?? ''), row['request_id']);
      } else if (row['scenario'] === 'unrelated-address-other-directional') {
        // The same number and street with another directional: another street.
        const directionals = (line: string) => {
          const a = standardizeAddress({
            address_line1: line,
            address_line2: '',
            city: '',
            state: '',
            zip: '',
          });
          return `${a.predir ?? ''}|${a.postdir ?? ''}`;
        };
        assert.notEqual(
          directionals(request.address_line1),
          directionals(record['address_line1'] ?? ''),
          `${row['request_id']}: ${request.address_line1} vs ${record['address_line1']}`,
        );
      } else assert.ok(!same, `${row['request_id']} (${row['scenario']}) is at the address of record`);
    });
    assert.ok(confirmed > 0);
  });

  it('writes every CONFIRMED request so that the desk standardizes it to the address of record, however spelt', () => {
    const latest = latestRows();
    const street = (fields: Record<string, string>, variations: string) => {
      const address = standardizeAddress({
        address_line1: fields['address_line1'] ?? '',
        address_line2: fields['address_line2'] ?? '',
        city: fields['city'] ?? '',
        state: fields['state'] ?? '',
        zip: fields['zip'] ?? '',
      });
      // TR stands for TRAIL and TERRACE alike: the type is not recoverable, only the street; a
      // request without a ZIP code is placed by its city.
      return [
        address.number,
        address.pobox,
        address.predir,
        address.street,
        variations.includes('street-suffix-informal') ? '' : address.suffix,
        address.postdir,
        variations.includes('zip-missing') ? address.city : address.zip5,
      ].join('|');
    };
    let compared = 0;
    truth.forEach((row, i) => {
      const record = latest.get(row['taxpayer_id'] ?? '');
      // A typo in a suffix the desk does not read as one (WYA for WAY), a slip in the street name and
      // a city without its vowels where no ZIP code is given leave the reading to the matcher, which
      // reads them against the streets and cities the reference lists (street-spelling.ts).
      const variations = row['variations'] ?? '';
      if (
        row['expected_outcome'] !== 'CONFIRMED' ||
        !record ||
        /street-suffix-(misspelt|key-slip)|street-name-(typo|key-slip)/.test(variations) ||
        (variations.includes('zip-missing') && variations.includes('city-vowels-dropped'))
      )
        return;
      const request = requests[i] as unknown as Record<string, string>;
      assert.equal(
        street(request, row['variations'] ?? ''),
        street(record, row['variations'] ?? ''),
        `${row['request_id']}: ${request['address_line1']} / ${record['address_line1']}`,
      );
      compared++;
    });
    assert.ok(compared > SIZE.requests / 3);
  });

  it('makes the hard cases of real request files: doubled surnames, dense households, namesakes, styled house numbers', () => {
    const count = (trait: string) =>
      truth.filter((t) => (t['traits'] ?? '').split(';').includes(trait)).length;
    for (const trait of [
      'doubled-surname',
      'dense-household',
      'namesake-household',
      'hyphenated-house-number',
      'pobox-address',
    ])
      assert.ok(count(trait) > 0, trait);
    const variations = (id: string) =>
      truth.filter((t) => (t['variations'] ?? '').split(';').includes(id)).length;
    for (const id of [
      'first-surname-dropped',
      'given-initial',
      'street-suffix-misspelt',
      'directional-respelled',
      'street-name-respelled',
      'street-ordinal-bare',
      'street-name-typo',
      'house-number-sign',
      'street-name-key-slip',
      'street-name-word-abbreviated',
      'street-suffix-key-slip',
      'directional-misspelt',
      'city-missing',
      'city-vowels-dropped',
      'zip9-no-dash',
      'pobox-form',
      'street-name-compass-respelled',
    ])
      assert.ok(variations(id) > 0, id);
    assert.ok(
      reference.some((r) =>
        /^\S+ No (St|Ave|Rd|Dr|Ln|Ct|Blvd|Pl|Way|Cir|Ter|Trl|Pkwy|Hwy)\b/i.test(r['address_line1'] ?? ''),
      ),
      'a street named No',
    );
    // A street named by a compass point, written by its letter on some rows and spelled out on others.
    const compassStreet = (letter: boolean) =>
      new RegExp(
        `^\\S+ ${letter ? '[NSEW]' : '(North|South|East|West)'} (St|Ave|Rd|Dr|Ln|Ct|Blvd|Pl|Way|Cir|Ter|Trl|Pkwy|Hwy)\\b(?! (James|Jerome|Louis|Charles|Andrews))`,
        'i',
      );
    assert.ok(
      reference.some((r) => compassStreet(true).test(r['address_line1'] ?? '')),
      'S St',
    );
    assert.ok(
      reference.some((r) => compassStreet(false).test(r['address_line1'] ?? '')),
      'South St',
    );
  });

  it('makes the slips real request files show: small DOB errors, Asian names reordered or romanized otherwise, ZIP missing, informal street types, twins, other directionals', () => {
    const variations = (id: string) =>
      truth.filter((t) => (t['variations'] ?? '').split(';').includes(id)).length;
    for (const id of [
      'dob-day-off-by-one',
      'dob-year-off-by-one',
      'dob-digit-typo',
      'dob-decade-slip',
      'dob-year-slipped-century-back',
      'dob-placeholder-mid-year',
      'name-order-swapped',
      'given-syllables-joined',
      'given-syllables-split-into-middle',
      'middle-name-before-given',
      'name-order-swapped-middle-merged',
      'zip-missing',
      'street-suffix-informal',
    ])
      assert.ok(variations(id) > 0, id);
    const scenarios = (id: string) => truth.filter((t) => t['scenario'] === id).length;
    assert.ok(scenarios('household-twin') > 0, 'a never-filed twin');
    assert.ok(
      truth.some((t) => (t['traits'] ?? '').split(';').includes('twin-household')),
      'twins who both file',
    );
    assert.ok(
      scenarios('unrelated-address-other-directional') > 0,
      'the same number on the other directional',
    );
    assert.ok(
      scenarios('unrelated-address-other-street-type') > 0,
      'the same number on a street of another type',
    );
    // A small DOB error still writes a calendar date (the round trip through Date keeps it).
    for (const [i, t] of truth.entries()) {
      if (
        !/dob-(day|year)-off-by-one|dob-digit-typo|dob-decade-slip|dob-year-slipped-century-back/.test(
          t['variations'] ?? '',
        )
      )
        continue;
      const dob = requests[i]?.dob ?? '';
      assert.match(dob, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(new Date(`${dob}T00:00:00Z`).toISOString().slice(0, 10), dob);
    }
  });

  it("slips a year a century back as one slip of the taxpayer's year, month and day kept, 100 years or more before the last tax year", () => {
    const dobOf = new Map(reference.map((r) => [r['taxpayer_id'], r['dob']]));
    const lastTaxYear = Number(AS_OF.slice(0, 4)) - 1;
    let checked = 0;
    for (const [i, t] of truth.entries()) {
      if (!(t['variations'] ?? '').split(';').includes('dob-year-slipped-century-back')) continue;
      const asked = requests[i]?.dob ?? '';
      const own = dobOf.get(t['taxpayer_id']);
      if (own === undefined) continue;
      const [year, ownYear] = [asked.slice(0, 4), own.slice(0, 4)];
      const differ = Array.from(year).flatMap((c, at) => (c === ownYear[at] ? [] : [at]));
      const swapped = differ.length === 2 && year[2] === ownYear[3] && year[3] === ownYear[2];
      assert.ok(differ.length === 1 || swapped, `${asked} for ${own}`);
      assert.equal(asked.slice(4), own.slice(4), `${asked} for ${own}`);
      assert.ok(
        lastTaxYear - Number(year) >= 100 && Number(ownYear) - Number(year) > 10,
        `${asked} for ${own}`,
      );
      checked++;
    }
    assert.ok(checked > 0, 'a taxpayer asked about with the year slipped a century back');
  });

  it('asks about never-filed namesakes both with and without a date of birth', () => {
    const namesakes = truth.filter((t) => /^household-namesake-(father|son)$/.test(t['scenario'] ?? ''));
    const withoutDob = namesakes.filter((t) => (t['variations'] ?? '').split(';').includes('dob-missing'));
    assert.ok(
      withoutDob.length > 0 && withoutDob.length < namesakes.length,
      `${withoutDob.length} of ${namesakes.length}`,
    );
  });

  it('keeps the statute and program fields valid on every request the truth does not reject', () => {
    const context = { program: loadProgram(), asOf: AS_OF, attestation: 'generic attestation' };
    const { first, last } = { first: 2018, last: 2024 };
    truth.forEach((row, i) => {
      if (row['expected_outcome'] === 'REJECTED') return;
      const request = requests[i] as RequestRecord;
      for (const rule of STATUTE_RULES)
        assert.equal(rule.check(request, context), null, `${request.request_id} ${rule.id}`);
      assert.ok(request.investigating_officer && request.investigation_id, request.request_id);
      assert.match(request.statutory_authority, /1253\s?\(a\)\(1\)/);
      const years = request.taxable_periods.split(/[;-]/).map(Number);
      assert.ok(
        years.every((y) => y >= first && y <= last),
        `${request.request_id}: ${request.taxable_periods}`,
      );
    });
  });

  it('keeps the world’s truth for requests that carry neither a DOB nor a TIN, of every outcome', () => {
    const withoutIdentifiers = new Map<string, number>();
    truth.forEach((row, i) => {
      const request = requests[i] as RequestRecord;
      const carries = ['dob', 'tin'] as const;
      if (carries.some((identifier) => identifierAbsence(identifier, request, AS_OF) === null)) return;
      const outcome = row['expected_outcome'] ?? '';
      withoutIdentifiers.set(outcome, (withoutIdentifiers.get(outcome) ?? 0) + 1);
    });
    for (const outcome of ['CONFIRMED', 'NOT_CONFIRMED', 'NO_RECORD'])
      assert.ok(
        (withoutIdentifiers.get(outcome) ?? 0) > 0,
        `${outcome}: ${[...withoutIdentifiers].join(' ')}`,
      );
  });

  it('gives each rejected request a defect that the statute rules catch where they cover it', () => {
    const context = { program: loadProgram(), asOf: AS_OF, attestation: 'generic attestation' };
    const covered =
      /address-|name-missing|taxable-periods-missing|statutory-authority-missing|reason-missing|removal-order-date/;
    let checked = 0;
    truth.forEach((row, i) => {
      if (row['expected_outcome'] !== 'REJECTED' || !covered.test(row['scenario'] ?? '')) return;
      const request = requests[i] as RequestRecord;
      const failures = STATUTE_RULES.filter((rule) => rule.check(request, context) !== null);
      assert.equal(
        failures.length,
        1,
        `${request.request_id} (${row['scenario']}): ${failures.map((f) => f.id).join(', ')}`,
      );
      checked++;
    });
    assert.ok(checked > 50);
  });

  it('uses never-issued SSN-style and well-formed ITIN-style TINs, one per taxpayer', () => {
    const tinOf = new Map<string, string>();
    const ownerOf = new Map<string, string>();
    for (const row of reference) {
      const tin = row['tin'] ?? '';
      assert.ok(
        row['tin_type'] === 'SSN' ? isNeverIssuedSsn(tin) : isItinFormat(tin),
        `${row['tin_type']} ${tin}`,
      );
      assert.equal(tinOf.get(row['taxpayer_id'] ?? '') ?? tin, tin);
      assert.equal(ownerOf.get(tin) ?? row['taxpayer_id'], row['taxpayer_id']);
      tinOf.set(row['taxpayer_id'] ?? '', tin);
      ownerOf.set(tin, row['taxpayer_id'] ?? '');
    }
    assert.ok(reference.some((r) => r['tin_type'] === 'ITIN'));
    truth.forEach((row, i) => {
      const tin = (requests[i] as RequestRecord).tin.replace(/-/g, '');
      if (!tin) return;
      if (row['expected_outcome'] === 'NO_RECORD')
        assert.ok(!ownerOf.has(tin), `${row['request_id']} has a filer's TIN`);
      if (row['expected_outcome'] === 'CONFIRMED') assert.equal(ownerOf.get(tin), row['taxpayer_id']);
    });
  });

  it('puts household members at one address and holds Jr/Sr pairs with the same name', () => {
    const latest = [...latestRows().values()];
    const byAddress = new Map<string, Record<string, string>[]>();
    for (const row of latest) {
      const key = `${houseNumber(row['address_line1'] ?? '')}|${streetCore(row['address_line1'] ?? '')}|${zip5(row['zip'] ?? '')}`;
      byAddress.set(key, [...(byAddress.get(key) ?? []), row]);
    }
    const shared = [...byAddress.values()].filter((rows) => rows.length > 1);
    assert.ok(shared.length > SIZE.taxpayers / 10, `only ${shared.length} shared addresses`);
    const surname = (row: Record<string, string>) => fold(row['last_name'] ?? '').split(' ')[0] ?? '';
    const sharingSurname = shared.filter((rows) => new Set(rows.map(surname)).size < rows.length);
    assert.ok(sharingSurname.length > shared.length / 2);
    const juniors = shared.flatMap((rows) =>
      rows
        .filter((jr) => / (JR|II)$/.test(fold(jr['last_name'] ?? '')))
        .filter((jr) =>
          rows.some(
            (father) =>
              father !== jr &&
              fold(father['first_name'] ?? '') === fold(jr['first_name'] ?? '') &&
              surname(father) === surname(jr) &&
              father['dob'] !== jr['dob'],
          ),
        ),
    );
    assert.ok(juniors.length >= 10, `only ${juniors.length} Jr/Sr pairs`);
  });

  it('writes a third or more Hispanic names, with two surnames, accents and compound given names', () => {
    const names = requests.map((r) => `${r.first_name} ${r.last_name}`);
    assert.ok(names.filter((n) => /[áéíóúñÁÉÍÓÚÑ]/.test(n)).length > SIZE.requests / 20);
    assert.ok(
      requests.filter((r) => /^(María|Juan|José|Ana|Luis|Rosa|Luz) \S/.test(r.first_name)).length > 10,
    );
    assert.ok(truth.filter((t) => (t['variations'] ?? '').includes('nickname')).length > 5);
    assert.ok(truth.filter((t) => (t['variations'] ?? '').includes('second-surname-dropped')).length > 5);
  });

  it('writes meta.json for program mode', () => {
    const meta = JSON.parse(readFileSync(path.join(root, 'a', 'meta.json'), 'utf8')) as Record<
      string,
      string
    >;
    assert.equal(meta['mode'], 'program');
    assert.equal(meta['as_of'], AS_OF);
    assert.equal(meta['program'], 'irs-ice-6103i2');
    assert.match(meta['source'] ?? '', /seed=7/);
  });

  it('spreads the requests over officers, none above the per-officer load', () => {
    const load = new Map<string, number>();
    for (const r of requests)
      if (r.investigating_officer)
        load.set(r.investigating_officer, (load.get(r.investigating_officer) ?? 0) + 1);
    assert.ok(Math.max(...load.values()) <= 200);
    assert.equal(load.size, summary.officers);
  });
});
