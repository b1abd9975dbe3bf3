import type { Action } from '../people/duties.ts';

/**
 * What each route requires, declared with the route and checked before its handler: a route
 * under /api without one does not start (server.ts), and the authorization test calls every
 * route as every role and as nobody against these rules and the duties table.
 */
export type AccessRule =
  /** Anyone, signed in or not: signing in, the API description, health. */
  | { kind: 'public'; why: string }
  /** Any signed-in account, whatever its roles: its own session. */
  | { kind: 'signed-in'; why: string }
  /**
   * A duty of src/people/duties.ts. `subject` says where the batch comes from: the `batchId`
   * path parameter, none, or the handler (which learns it from the body and authorizes again with
   * it; before the body is read, the caller's roles are checked as for `none`).
   */
  | { kind: 'duty'; action: Action; subject: 'batch-param' | 'none' | 'in-handler' };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}
