import { createHmac } from 'node:crypto';
import type { NoteSigner } from './signed-note.ts';

/**
 * How the audit log names the taxpayer a read concerned without holding the TIN: an HMAC of the
 * TIN keyed by the desk's signing key. Whoever holds the key (the desk, an auditor it trusts) can
 * ask "who looked up this taxpayer?" (`ddesk audit taxpayer-ref`); a reader of the log alone
 * cannot try all 10⁹ TINs against it.
 */
export function taxpayerPseudonym(signer: NoteSigner, tin: string): string {
  const seed = signer.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  return `tp-${createHmac('sha256', seed).update(`taxpayer-tin:${tin}`).digest('hex').slice(0, 24)}`;
}
