import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { authorize } from '../people/duties.ts';
import type { Caller, ClientOrigin } from './accounts/sign-in.ts';
import { sessionCaller, tokenCaller } from './accounts/sign-in.ts';
import type { DeskAccess } from './desk-access.ts';

export const SESSION_COOKIE = 'ddesk_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

export function cookieValue(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** The session cookie: never readable by scripts, sent only to this site, only over HTTPS (or localhost). */
export function sessionCookie(sessionId: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}

export function originOf(request: FastifyRequest): ClientOrigin {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, ...(userAgent ? { userAgent } : {}) };
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller)
    throw new DeskError('NOT_SIGNED_IN', 'sign in (POST /api/session) or send an API token');
  return request.caller;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Before any route runs: who calls (an API token, else the session cookie), whether a session's
 * change carries its CSRF token, and whether the route's access rule allows the caller. A
 * refusal by the duties table is audited there (src/people/duties.ts).
 */
export function accessHook(access: DeskAccess, clock: Clock, idleMinutes: number) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const rule = request.routeOptions.config.access;
    if (!rule) return; // the reference page's own assets and the web app
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const sessionId = cookieValue(request, SESSION_COOKIE);
    request.caller = null;
    if (bearer)
      request.caller = await access.exclusive((store) =>
        tokenCaller(store, clock, {
          token: bearer,
          origin: originOf(request),
          route: `${request.method} ${request.routeOptions.url ?? request.url}`,
        }),
      );
    else if (sessionId)
      request.caller = await access.exclusive((store) =>
        sessionCaller(store, clock, { sessionId, idleMinutes }),
      );
    if (rule.kind === 'public') return;
    const caller = callerOf(request);
    if (caller.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== caller.csrfToken)
        throw new DeskError(
          'NOT_AUTHORIZED',
          `a change made in a session carries the session's CSRF token in the ${CSRF_HEADER} header`,
        );
    }
    if (rule.kind === 'signed-in') return;
    // 'in-handler': the roles are checked here, the subject (known from the body) by the handler.
    const batchId =
      rule.subject === 'batch-param' ? (request.params as { batchId?: string }).batchId : undefined;
    await access.exclusive((store) =>
      authorize(store, clock, caller.actor, rule.action, batchId === undefined ? {} : { batchId }),
    );
  };
}
