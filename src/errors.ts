/**
 * Typed errors with stable codes: the CLI maps each to an exit code and the HTTP API to a status
 * in one place each (style.md § 4). Expected outcomes are not errors; these are refusals and faults.
 */
export const ERROR_CODES = {
  INVALID_INPUT: { exit: 2, http: 400 },
  MALFORMED_FILE: { exit: 3, http: 422 },
  MANIFEST_MISMATCH: { exit: 3, http: 422 },
  SIGNATURE_INVALID: { exit: 4, http: 403 },
  NOT_AUTHORIZED: { exit: 4, http: 403 },
  NOT_SIGNED_IN: { exit: 4, http: 401 },
  REPLAY: { exit: 5, http: 409 },
  NOT_FOUND: { exit: 6, http: 404 },
  WRONG_STAGE: { exit: 7, http: 409 },
  ALREADY_RELEASED: { exit: 7, http: 409 },
  AUDIT_CHAIN_BROKEN: { exit: 8, http: 500 },
  /** Another process holds the database (DuckDB allows one writer): try again when it is done. */
  DATABASE_BUSY: { exit: 9, http: 503 },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class DeskError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DeskError';
    this.code = code;
    this.details = details;
  }
}

/** A command line the parser refuses (unknown option, missing argument, bad date or number). */
export const USAGE_ERROR_EXIT = 2;
/** Anything not in ERROR_CODES: a defect, reported with its stack. */
export const UNEXPECTED_ERROR_EXIT = 1;

export function exitCodeFor(error: unknown): number {
  return error instanceof DeskError ? ERROR_CODES[error.code].exit : UNEXPECTED_ERROR_EXIT;
}
