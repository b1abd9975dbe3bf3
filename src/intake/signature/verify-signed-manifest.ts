import { compactVerify, decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import { DeskError } from '../../errors.ts';
import type { Program } from '../../programs/program.ts';
import { isoDate } from '../../clock.ts';
import { manifestSchema, type Manifest } from '../manifest.ts';
import { canonicalSerial, displayName, sameName, sameSerial } from './certificate-identity.ts';
import { MANIFEST_JWS_ALG, MANIFEST_JWS_TYP } from './jws-profile.ts';
import { checkPathConstraints, checkSignerUsage } from './certificate-constraints.ts';
import { describe, verifySignerChain } from './signer-chain.ts';
import type { TrustConfig } from './trust-config.ts';

export interface ManifestSigner {
  /** RFC 4514-style subject, as the certificate encodes it. */
  subject: string;
  /** Hexadecimal, canonical (upper case, no leading zeros). */
  serialNumber: string;
  /** The title the program gives this signer. */
  title: string;
  issuer: string;
  notAfter: string;
  /** SHA-256 of the certificate's DER, colon-separated hex as Node prints it. */
  fingerprint256: string;
}

export interface VerifiedManifest {
  manifest: Manifest;
  /** The signed payload exactly as signed: what intake should store as the manifest. */
  manifestJson: string;
  signer: ManifestSigner;
}

/**
 * Verifies a signed manifest before intake: the signer's certificate chain against the agency CA
 * (SIGNATURE_INVALID), the JWS signature with the signer's key (SIGNATURE_INVALID), the manifest
 * itself (INVALID_INPUT), and the signer's authority under the program (NOT_AUTHORIZED). Whether
 * the batch id was used before is intake's question, against the store.
 */
export async function verifySignedManifest(
  jws: string,
  program: Program,
  trust: TrustConfig,
  at: Date,
): Promise<VerifiedManifest> {
  const header = readHeader(jws);
  const { leaf, intermediates, anchor } = verifySignerChain(header.x5c, trust, at);
  checkPathConstraints([leaf, ...intermediates], anchor);
  checkSignerUsage(leaf, program.intake.signerExtendedKeyUsages);

  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws.trim(), leaf.publicKey, { algorithms: [MANIFEST_JWS_ALG] }));
  } catch (error) {
    throw new DeskError(
      'SIGNATURE_INVALID',
      `the signature does not verify with the key of ${describe(leaf)}: the manifest was altered after signing or signed with another key (${(error as Error).message})`,
    );
  }

  const manifestJson = new TextDecoder('utf-8', { fatal: false }).decode(payload);
  const manifest = parseManifest(manifestJson);
  const today = isoDate(at);
  if (manifest.date > today)
    throw new DeskError('INVALID_INPUT', `the manifest is dated ${manifest.date}, after today (${today})`);
  checkFreshness(manifest, program, at);

  const signer = authorizedSigner(program, manifest, leaf.subject, leaf.serialNumber, today);
  checkRequester(program, manifest, signer.title, leaf.subject);
  return {
    manifest,
    manifestJson,
    signer: {
      subject: displayName(leaf.subject),
      serialNumber: canonicalSerial(leaf.serialNumber),
      title: signer.title,
      issuer: displayName(leaf.issuer),
      notAfter: leaf.validToDate.toISOString(),
      fingerprint256: leaf.fingerprint256,
    },
  };
}

/** A signer's clock may run a little ahead of ours; more than this is a manifest from the future. */
const CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

/**
 * The program's freshness window (`intake.manifestMaxAgeDays`): a manifest is acted on within it
 * of its signing and of its date, or signed again — an old signed request cannot be replayed, and
 * the official's authority is current.
 */
function checkFreshness(manifest: Manifest, program: Program, at: Date): void {
  const maxDays = program.intake.manifestMaxAgeDays;
  if (!manifest.issued_at)
    throw new DeskError(
      'INVALID_INPUT',
      'the signed manifest has no issued_at (the time it was signed, ISO 8601 UTC); sign it again with ddesk batch sign',
    );
  const issued = new Date(manifest.issued_at);
  if (issued.getTime() > at.getTime() + CLOCK_SKEW_MS)
    throw new DeskError(
      'INVALID_INPUT',
      `the manifest was issued at ${manifest.issued_at}, after now (${at.toISOString()})`,
    );
  const oldest = new Date(at.getTime() - maxDays * DAY_MS);
  const stale = (what: string) =>
    new DeskError(
      'INVALID_INPUT',
      `the manifest was ${what}, more than ${maxDays} days ago (program ${program.id}, intake.manifestMaxAgeDays); the agency must sign a new one`,
    );
  if (issued < oldest) throw stale(`issued at ${manifest.issued_at}`);
  if (manifest.date < isoDate(oldest)) throw stale(`dated ${manifest.date}`);
}

/** Case, spacing and punctuation do not make another official ("Director,  ICE" is "director ice"). */
function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The agency the manifest names must be the program's requesting agency (its code or its name),
 * and the official it names must be the one who signed it: the signer's title in the program or
 * the name on their certificate. A manifest naming "FBI" or "Santa Claus" over the ICE Director's
 * signature asserts something its signature does not.
 */
function checkRequester(program: Program, manifest: Manifest, signerTitle: string, subject: string): void {
  const agency = program.requestingAgency;
  if (![agency.code, agency.name].some((name) => comparable(name) === comparable(manifest.requesting_agency)))
    throw new DeskError(
      'NOT_AUTHORIZED',
      `the manifest names requesting agency "${manifest.requesting_agency}"; program ${program.id} answers ${agency.name} (${agency.code}) only`,
    );
  const commonName = /(?:^|,|\n)\s*CN=([^,\n]+)/.exec(subject)?.[1] ?? '';
  if (
    ![signerTitle, commonName].some((name) => comparable(name) === comparable(manifest.requesting_official))
  )
    throw new DeskError(
      'NOT_AUTHORIZED',
      `the manifest names requesting official "${manifest.requesting_official}", but it is signed by ${signerTitle} ("${commonName}"); the official named must be the one who signs`,
    );
}

/** A manifest and a few certificates fit in a few kilobytes; more is not a manifest. */
export const MAX_SIGNED_MANIFEST_CHARS = 64 * 1024;

function readHeader(jws: string): ProtectedHeaderParameters {
  const text = jws.trim();
  if (text.length > MAX_SIGNED_MANIFEST_CHARS)
    throw new DeskError(
      'SIGNATURE_INVALID',
      `the signed manifest is ${text.length} characters; at most ${MAX_SIGNED_MANIFEST_CHARS} are accepted`,
    );
  if (text.startsWith('{'))
    throw new DeskError(
      'SIGNATURE_INVALID',
      'the manifest is unsigned JSON; a manifest must be a compact JWS signed by an authorized official (ddesk batch sign)',
    );
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text))
    throw new DeskError(
      'SIGNATURE_INVALID',
      'the manifest is not a compact JWS (three base64url parts separated by dots, payload attached)',
    );
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(text);
  } catch (error) {
    throw new DeskError(
      'SIGNATURE_INVALID',
      `the JWS protected header does not decode: ${(error as Error).message}`,
    );
  }
  if (header.alg !== MANIFEST_JWS_ALG)
    throw new DeskError(
      'SIGNATURE_INVALID',
      `the JWS algorithm is ${String(header.alg)}; signed manifests use ${MANIFEST_JWS_ALG} only`,
    );
  if (header.typ !== MANIFEST_JWS_TYP)
    throw new DeskError(
      'SIGNATURE_INVALID',
      `the JWS type is ${String(header.typ)}, not ${MANIFEST_JWS_TYP}: this JWS was not signed as a batch manifest`,
    );
  return header;
}

function parseManifest(json: string): Manifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new DeskError('INVALID_INPUT', `the signed payload is not JSON: ${(error as Error).message}`);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success)
    throw new DeskError(
      'INVALID_INPUT',
      `the signed manifest is invalid: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  return result.data;
}

/**
 * The program's signer entry for this certificate, refusing a manifest for another program, a
 * certificate the program does not list, or a date outside the signer's term: both the manifest's
 * date (the official held the authority when signing) and today (it still holds when we act).
 */
function authorizedSigner(
  program: Program,
  manifest: Manifest,
  subject: string,
  serialNumber: string,
  today: string,
): Program['authorizedSigners'][number] {
  if (manifest.program !== program.id)
    throw new DeskError(
      'NOT_AUTHORIZED',
      `the manifest names program ${manifest.program}, but is being verified under program ${program.id}`,
    );
  const who = `"${displayName(subject)}" serial ${canonicalSerial(serialNumber)}`;
  const signer = program.authorizedSigners.find(
    (candidate) => sameName(candidate.subject, subject) && sameSerial(candidate.serialNumber, serialNumber),
  );
  if (!signer) {
    const sameSubject = program.authorizedSigners.find((candidate) => sameName(candidate.subject, subject));
    throw new DeskError(
      'NOT_AUTHORIZED',
      sameSubject
        ? `${who} is not an authorized signer of program ${program.id}@${program.version}: the program authorizes this official's certificate serial ${canonicalSerial(sameSubject.serialNumber)} only`
        : `${who} is not an authorized signer of program ${program.id}@${program.version}`,
    );
  }
  for (const [what, date] of [
    ['the manifest date', manifest.date],
    ['today', today],
  ] as const)
    if (date < signer.validFrom || date > signer.validTo)
      throw new DeskError(
        'NOT_AUTHORIZED',
        `${who} (${signer.title}) may sign for program ${program.id} from ${signer.validFrom} to ${signer.validTo}; ${what} is ${date}`,
      );
  return signer;
}

/**
 * The program id a signed manifest names, read WITHOUT verification: only to choose which program
 * to verify under (verification then refuses a signed program that differs). Undefined when the
 * text is not a JWS with a plausible program id.
 */
export function unverifiedProgramId(jws: string): string | undefined {
  try {
    const payload = jws.trim().split('.')[1] ?? '';
    const named = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { program?: unknown })
      .program;
    if (typeof named === 'string' && /^[a-z0-9-]{1,100}$/.test(named)) return named;
  } catch {
    // Not a JWS: verification reports that precisely.
  }
  return undefined;
}
