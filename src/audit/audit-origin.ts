import os from 'node:os';

/**
 * Where an event came from (Publication 1075 § 9.3.1 asks for the origin of each event): the
 * host, the process and the interface through which the account acted. The CLI and the HTTP
 * server say which they are once at start-up; anything else (tests, the demo's library calls)
 * is `library`.
 */
export type AuditInterface = 'cli' | 'http' | 'library';

export interface AuditOrigin {
  host: string;
  processId: number;
  interface: AuditInterface;
}

let currentInterface: AuditInterface = 'library';

export function setAuditInterface(value: AuditInterface): void {
  currentInterface = value;
}

export function auditOrigin(): AuditOrigin {
  return { host: os.hostname(), processId: process.pid, interface: currentInterface };
}
