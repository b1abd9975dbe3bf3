import type { Outcome, Program } from '../programs/program.ts';

/**
 * The code the requesting agency sees for an internal outcome (the program's `response.codes`
 * table; the program schema guarantees exactly one per outcome). CONFIRMED, NOT_CONFIRMED (every
 * case where nothing is confirmed) and REJECTED in the shipped program.
 */
export function externalCode(program: Program, outcome: Outcome): { code: string; meaning: string } {
  for (const [code, entry] of Object.entries(program.response.codes))
    if (entry.answers.includes(outcome)) return { code, meaning: entry.meaning };
  throw new Error(`program ${program.id}@${program.version} has no response code for ${outcome}`);
}
