import { z } from 'zod';
import { DEFAULT_IDLE_MINUTES, signIn, signOut, type Caller } from '../accounts/sign-in.ts';
import { callerOf, cookieValue, originOf, SESSION_COOKIE, sessionCookie } from '../caller.ts';
import { problemResponses } from '../http-errors.ts';
import type { ServiceOptions, TypedApp } from '../server.ts';

export const sessionViewSchema = z
  .object({
    account: z.string(),
    kind: z.enum(['person', 'client']),
    agency: z.string().nullable(),
    roles: z.array(z.string()),
    via: z.enum(['session', 'token']),
    csrfToken: z
      .string()
      .optional()
      .meta({ description: 'sessions only: send it in X-CSRF-Token with every POST, PUT, PATCH and DELETE' }),
    idleTimeoutSeconds: z.number().int(),
  })
  .meta({ id: 'Session' });

export function sessionView(caller: Caller, idleMinutes: number): z.infer<typeof sessionViewSchema> {
  return {
    account: caller.actor.account,
    kind: caller.kind,
    agency: caller.agency,
    roles: caller.roles,
    via: caller.via,
    ...(caller.csrfToken ? { csrfToken: caller.csrfToken } : {}),
    idleTimeoutSeconds: idleMinutes * 60,
  };
}

export function registerSessionRoutes(app: TypedApp, options: ServiceOptions): void {
  const { access, clock } = options;
  const idleMinutes = options.idleMinutes ?? DEFAULT_IDLE_MINUTES;
  app.post(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in with account and password: sets the session cookie, returns the CSRF token',
        body: z.object({ account: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
        response: { 200: sessionViewSchema, ...problemResponses },
      },
      config: { access: { kind: 'public', why: 'signing in is how one stops being nobody' } },
    },
    async (request, reply) => {
      const { sessionId, caller } = await access.exclusive((store) =>
        signIn(store, clock, { ...request.body, origin: originOf(request) }),
      );
      void reply.header('set-cookie', sessionCookie(sessionId, 12 * 3600));
      return sessionView(caller, idleMinutes);
    },
  );

  app.get(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Who is signed in (or which account the API token is), with roles and the CSRF token',
        response: { 200: sessionViewSchema, ...problemResponses },
      },
      config: { access: { kind: 'signed-in', why: 'every account may know itself' } },
    },
    (request) => sessionView(callerOf(request), idleMinutes),
  );

  app.delete(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign out: ends the session and clears the cookie',
        response: { 204: z.null(), ...problemResponses },
      },
      config: { access: { kind: 'signed-in', why: 'every account may end its own session' } },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const sessionId = cookieValue(request, SESSION_COOKIE);
      if (caller.via === 'session' && sessionId)
        await access.exclusive((store) => signOut(store, clock, caller, sessionId));
      return reply.header('set-cookie', sessionCookie('', 0)).code(204).send(null);
    },
  );
}
