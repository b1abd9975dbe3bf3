import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REQUEST_COLUMNS } from '../intake/request-record.ts';
import { DEFAULT_PROGRAM_ID, loadProgram } from '../programs/program.ts';
import { embeddedNameSource, type NameSource } from './names/name-source.ts';
import { pseudopeopleNameSource } from './names/pseudopeople-names.ts';
import { LineWriter } from './output/line-writer.ts';
import { ShuffledRequests } from './output/shuffled-requests.ts';
import { Prng } from './prng.ts';
import { csvLine } from './render/csv-line.ts';
import { REFERENCE_HEADER, referenceLines } from './render/reference-rows.ts';
import { OfficerPool, DEFAULT_OFFICER_LOAD } from './requests/officer-pool.ts';
import {
  confirmedRequest,
  householdNonFilerRequest,
  movedRequest,
  neverFiledRequest,
  rejectedRequest,
  sameNameSameCityRequest,
  unrelatedAddressRequest,
  type GeneratedRequest,
  type RequestContext,
} from './requests/request-builder.ts';
import {
  FILER_KINDS,
  REQUEST_KINDS,
  StreamQuota,
  requestQuotas,
  resolveMix,
  type RequestKind,
  type TruthOutcome,
} from './requests/request-kinds.ts';
import { taxYearWindow } from './world/calendar.ts';
import { earlierAddresses, generateHousehold, type Household, type Taxpayer } from './world/household.ts';
import { TinIssuer } from './world/tin.ts';

/**
 * A fixed default screening date, so that a folder depends only on its flags and never on the day
 * it was generated (the 2025 requests were screened in the summer of that year).
 */
export const DEFAULT_AS_OF = '2025-08-01';

export interface SynthOptions {
  /** The benchmark folder to write (created if missing; its four files are replaced). */
  out: string;
  seed: number;
  /** Distinct taxpayers in reference.csv. */
  taxpayers: number;
  /** Rows in requests.csv. */
  requests: number;
  /** YYYY-MM-DD; default DEFAULT_AS_OF. */
  asOf?: string;
  /** A pseudopeople folder to draw names from instead of the embedded tables. */
  namesFrom?: string;
  /** Shares per request kind (merged into DEFAULT_MIX, normalized). */
  mix?: Partial<Record<RequestKind, number>>;
  /** Requests per investigating officer (the pool is sized from it). */
  officerLoad?: number;
  programId?: string;
}

export interface SynthProgress {
  phase: 'reference' | 'requests';
  done: number;
  total: number;
}

export interface SynthSummary {
  out: string;
  seed: number;
  asOf: string;
  program: string;
  names: string;
  taxpayers: number;
  households: number;
  referenceRows: number;
  requests: number;
  officers: number;
  outcomes: Record<TruthOutcome, number>;
  kinds: Record<RequestKind, number>;
  scenarios: Record<string, number>;
  /** Requests per subject trait (doubled surname, dense household, …; one request may have several). */
  traits: Record<string, number>;
  /** Requests carrying neither a date of birth nor a TIN (the shipped program rejects them). */
  withoutIdentifiers: number;
  /** Old-address requests that became unrelated-address ones because too few filers had moved. */
  movedFallbacks: number;
  elapsedMs: number;
}

export const TRUTH_COLUMNS = [
  'request_id',
  'expected_outcome',
  'taxpayer_id',
  'scenario',
  'variations',
  'traits',
] as const;

/** Recent filers kept for old-address requests still owed when the taxpayers run out. */
const RECENT_FILERS = 64;

/** Per-concern random streams: the reference depends only on the world stream, not on the requests. */
const STREAM = {
  world: 1,
  requests: 2,
  shuffle: 3,
  officers: 4,
  returns: 5,
  forms: 6,
  englishForms: 7,
  dates: 8,
  eastAsianForms: 9,
} as const;

/**
 * Writes a program-mode benchmark folder (datasets/README.md): reference.csv, requests.csv,
 * truth.csv, meta.json. Deterministic from the seed and options; streams to disk, holding one
 * household and one shuffle bucket at a time.
 */
export async function generateSynthFolder(
  options: SynthOptions,
  onProgress?: (progress: SynthProgress) => void,
): Promise<SynthSummary> {
  const started = performance.now();
  if (!Number.isInteger(options.taxpayers) || options.taxpayers < 1)
    throw new Error('taxpayers must be a positive integer');
  if (!Number.isInteger(options.requests) || options.requests < 0)
    throw new Error('requests must be a non-negative integer');
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
    throw new Error(`as-of "${asOf}" is not a YYYY-MM-DD date`);
  const programId = options.programId ?? DEFAULT_PROGRAM_ID;
  const program = loadProgram(programId);
  const window = taxYearWindow(asOf, program.taxablePeriodWindow.yearsBack);
  const names: NameSource = options.namesFrom
    ? await pseudopeopleNameSource(options.namesFrom)
    : embeddedNameSource();

  await mkdir(options.out, { recursive: true });
  const tmpDir = path.join(options.out, `.synth-buckets-${process.pid}`);
  await rm(tmpDir, { recursive: true, force: true });
  await mkdir(tmpDir);

  const world = new Prng(options.seed, STREAM.world);
  const asks = new Prng(options.seed, STREAM.requests);
  const shuffleRng = new Prng(options.seed, STREAM.shuffle);
  const returns = new Prng(options.seed, STREAM.returns);
  let taxpayerCount = 0;
  const worldContext = {
    names,
    asOf,
    window,
    tins: new TinIssuer(options.seed, 0),
    nextTaxpayerId: () => `T${String(++taxpayerCount).padStart(9, '0')}`,
  };
  const requestContext: RequestContext = {
    names,
    asOf,
    window,
    tins: new TinIssuer(options.seed, 1),
    forms: new Prng(options.seed, STREAM.forms),
    englishForms: new Prng(options.seed, STREAM.englishForms),
    dates: new Prng(options.seed, STREAM.dates),
    eastAsianForms: new Prng(options.seed, STREAM.eastAsianForms),
  };

  const mix = resolveMix(options.mix);
  const quotas = requestQuotas(options.requests, mix);
  const selections = new Map(
    FILER_KINDS.map((kind) => [kind, new StreamQuota(quotas[kind], options.taxpayers)]),
  );
  const shuffle = new ShuffledRequests(tmpDir, options.requests);
  const kinds = Object.fromEntries(REQUEST_KINDS.map((k) => [k, 0])) as Record<RequestKind, number>;
  const add = async (kind: RequestKind, request: GeneratedRequest) => {
    kinds[kind]++;
    await shuffle.add(shuffleRng, request);
  };

  // Phase 1: households → reference rows; requests drawn from the filers as they stream by.
  const reference = new LineWriter(path.join(options.out, 'reference.csv'));
  await reference.write(REFERENCE_HEADER);
  let referenceRows = 0;
  let households = 0;
  let movedOwed = 0;
  let movedFallbacks = 0;
  const recent: { household: Household; taxpayer: Taxpayer }[] = [];
  const progressEvery = Math.max(1, Math.floor(options.taxpayers / 100));

  while (taxpayerCount < options.taxpayers) {
    const full = generateHousehold(world, worldContext, households++);
    // The last household is cut to the exact taxpayer count.
    const overflow = taxpayerCount - options.taxpayers;
    const household: Household =
      overflow > 0 ? { ...full, members: full.members.slice(0, full.members.length - overflow) } : full;
    if (overflow > 0) taxpayerCount = options.taxpayers;
    const lines = referenceLines(world, household, returns);
    referenceRows += lines.rows;
    await reference.write(lines.text);

    for (const taxpayer of household.members) {
      for (const kind of FILER_KINDS) {
        const picks = selections.get(kind)?.next(asks.next()) ?? 0;
        for (let i = 0; i < picks; i++) {
          if (kind === 'moved-old-address') movedOwed++;
          else await add(kind, filerRequest(kind, household, taxpayer));
        }
      }
      const earlier = movedOwed > 0 ? earlierAddresses(household, taxpayer) : [];
      if (earlier.length > 0) {
        movedOwed--;
        await add('moved-old-address', movedRequest(asks, requestContext, taxpayer, asks.pick(earlier)));
      }
      recent.push({ household, taxpayer });
      if (recent.length > RECENT_FILERS) recent.shift();
    }
    if (households % progressEvery === 0)
      onProgress?.({ phase: 'reference', done: taxpayerCount, total: options.taxpayers });
  }
  await reference.close();
  onProgress?.({ phase: 'reference', done: taxpayerCount, total: options.taxpayers });

  for (; movedOwed > 0; movedOwed--) {
    const { household, taxpayer } = asks.pick(recent);
    movedFallbacks++;
    await add('unrelated-address', unrelatedAddressRequest(asks, requestContext, household, taxpayer));
  }
  for (let i = 0; i < quotas['never-filed']; i++)
    await add('never-filed', neverFiledRequest(asks, requestContext));
  for (let i = 0; i < quotas['rejected-never-filed']; i++)
    await add(
      'rejected-never-filed',
      rejectedRequest(asks, requestContext, neverFiledRequest(asks, requestContext), 'rejected-never-filed'),
    );

  function filerRequest(kind: RequestKind, household: Household, taxpayer: Taxpayer): GeneratedRequest {
    switch (kind) {
      case 'confirmed':
        return confirmedRequest(asks, requestContext, household, taxpayer);
      case 'unrelated-address':
        return unrelatedAddressRequest(asks, requestContext, household, taxpayer);
      case 'household-non-filer':
        return householdNonFilerRequest(asks, requestContext, household, taxpayer);
      case 'same-name-same-city':
        return sameNameSameCityRequest(asks, requestContext, household, taxpayer);
      case 'rejected-filer':
        return rejectedRequest(
          asks,
          requestContext,
          confirmedRequest(asks, requestContext, household, taxpayer),
          'rejected-filer',
        );
      case 'moved-old-address':
      case 'never-filed':
      case 'rejected-never-filed':
        throw new Error(`${kind} is not drawn per filer`);
    }
  }

  // Phase 2: shuffled order, ids, officers; requests.csv and truth.csv side by side.
  const officers = new OfficerPool(
    new Prng(options.seed, STREAM.officers),
    names,
    options.requests,
    options.officerLoad ?? DEFAULT_OFFICER_LOAD,
  );
  const requestsFile = new LineWriter(path.join(options.out, 'requests.csv'));
  const truthFile = new LineWriter(path.join(options.out, 'truth.csv'));
  await requestsFile.write(csvLine(REQUEST_COLUMNS));
  await truthFile.write(csvLine(TRUTH_COLUMNS));
  const outcomes: Record<TruthOutcome, number> = {
    CONFIRMED: 0,
    NOT_CONFIRMED: 0,
    NO_RECORD: 0,
    REJECTED: 0,
  };
  const scenarios: Record<string, number> = {};
  const traits: Record<string, number> = {};
  let withoutIdentifiers = 0;
  const idWidth = Math.max(7, String(options.requests).length);
  let written = 0;
  for await (const request of shuffle.drain(shuffleRng)) {
    const id = `R${String(++written).padStart(idWidth, '0')}`;
    const officer = officers.nextOfficer();
    const record = {
      ...request.body,
      request_id: id,
      investigating_officer: request.officerMissing ? '' : officer,
    };
    await requestsFile.write(csvLine(REQUEST_COLUMNS.map((column) => record[column])));
    await truthFile.write(
      csvLine([
        id,
        request.outcome,
        request.taxpayerId,
        request.scenario,
        request.variations.join(';'),
        request.traits.join(';'),
      ]),
    );
    outcomes[request.outcome]++;
    scenarios[request.scenario] = (scenarios[request.scenario] ?? 0) + 1;
    for (const trait of request.traits) traits[trait] = (traits[trait] ?? 0) + 1;
    if (!record.dob && !record.tin) withoutIdentifiers++;
    if (written % 50_000 === 0) onProgress?.({ phase: 'requests', done: written, total: options.requests });
  }
  await requestsFile.close();
  await truthFile.close();
  onProgress?.({ phase: 'requests', done: written, total: options.requests });

  const source = `ddesk synth seed=${options.seed} taxpayers=${options.taxpayers} requests=${options.requests}`;
  const meta = {
    mode: 'program',
    as_of: asOf,
    program: programId,
    source,
    notes:
      `Synthetic data only (no real person). Names: ${names.description}. ` +
      'SSN-style TINs use never-issued area/group numbers (000, 666, or group 00); ITIN-style TINs are random. ' +
      'truth.csv adds scenario, variations and traits columns (how each request was made, what makes its subject hard). ' +
      'A request carrying neither a DOB nor a TIN keeps the truth of its person: the program rejecting it counts as a confirmation missed. ' +
      `Mix: ${REQUEST_KINDS.map((k) => `${k}=${mix[k].toFixed(3)}`).join(', ')}.`,
  };
  await writeFile(path.join(options.out, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);

  return {
    out: options.out,
    seed: options.seed,
    asOf,
    program: programId,
    names: names.description,
    taxpayers: taxpayerCount,
    households,
    referenceRows,
    requests: written,
    officers: officers.size,
    outcomes,
    kinds,
    scenarios,
    traits,
    withoutIdentifiers,
    movedFallbacks,
    elapsedMs: Math.round(performance.now() - started),
  };
}
