import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { AccessRule } from './access-rule.ts';
import type { DeskAccess } from './desk-access.ts';
import { sendError } from './http-errors.ts';
import { accessHook } from './caller.ts';
import { DEFAULT_IDLE_MINUTES } from './accounts/sign-in.ts';
import type { MatchJobs } from './jobs/match-jobs.ts';
import { registerAccountingRoutes } from './routes/accounting-routes.ts';
import { registerBatchRoutes } from './routes/batch-routes.ts';
import { registerHealthRoutes } from './routes/health-routes.ts';
import { registerReleaseRoutes } from './routes/release-routes.ts';
import { registerReviewRoutes } from './routes/review-routes.ts';
import { registerSessionRoutes } from './routes/session-routes.ts';

export const API_TITLE = 'Disclosure Desk API';
export const API_VERSION = '1';

export interface ServiceOptions {
  access: DeskAccess;
  clock: Clock;
  /** The database file: the desk's signing key lives beside it (src/audit/desk-signing-key.ts). */
  dbFile: string;
  /** Trust configuration (agency-ca.pem, revoked.json) and the desk's response signing key. */
  keysDir: string;
  /** Where released responses are written. */
  responsesDir: string;
  /** Where uploads are streamed before intake reads them. */
  uploadsDir: string;
  /**
   * The taxpayer reference when the record is kept apart from it (the record on PostgreSQL, the
   * reference with the engine): release reads the addresses of record there. Default: the record.
   */
  reference?: Store;
  /** Matching jobs, run beside the requests (jobs/match-jobs.ts). */
  jobs: MatchJobs;
  /** Minutes a session may sit unused (default 30). */
  idleMinutes?: number;
  /** The static web app served at / when the folder exists (web/dist). */
  webDir?: string;
  logger?: boolean;
}

export type DeskApp = FastifyInstance;

/** Every API route with its access rule, as registered (the authorization test walks them all). */
export interface RouteRule {
  method: string;
  url: string;
  access: AccessRule;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeRules: RouteRule[];
  }
}
export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * The HTTP service: zod schemas are the single source of truth for validation, serialization and
 * the OpenAPI 3.1 document (/openapi.json, reference page at /api/docs). Routes are thin: they
 * authorize, call the same stage functions the CLI calls, and present the result.
 */
export async function buildService(options: ServiceOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Uploads are streamed to disk by their route, never buffered; JSON bodies stay small.
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));

  // A route under /api without an access rule is a route nobody decided who may call.
  const rules: RouteRule[] = [];
  app.decorate('routeRules', rules);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    if (!route.config?.access)
      throw new Error(`route ${String(route.method)} ${route.url} has no access rule`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') rules.push({ method, url: route.url, access: route.config.access });
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: API_TITLE,
        version: API_VERSION,
        description:
          'Screens, matches, reviews, releases and accounts for bulk § 6103 disclosure requests. People sign in (POST /api/session) and send the CSRF token of their session in X-CSRF-Token with every change; machine clients send an API token as `Authorization: Bearer …`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ddesk_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
    // Emits the schemas named with .meta({ id }) under components.schemas, where the paths $ref them.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await app.register(fastifyMultipart, {
    limits: { files: 1, fields: 4, fieldSize: 256 * 1024, fileSize: 64 * 1024 * 1024 * 1024 },
  });

  app.decorateRequest('caller', null);
  app.addHook(
    'onRequest',
    accessHook(options.access, options.clock, options.idleMinutes ?? DEFAULT_IDLE_MINUTES),
  );

  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/openapi.json',
    { schema: { hide: true }, config: { access: { kind: 'public', why: 'the API description' } } },
    () => app.swagger(),
  );
  registerHealthRoutes(typed, options);
  registerSessionRoutes(typed, options);
  registerBatchRoutes(typed, options);
  registerReviewRoutes(typed, options);
  registerReleaseRoutes(typed, options);
  registerAccountingRoutes(typed, options);

  if (options.webDir && existsSync(path.join(options.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(options.webDir), wildcard: false });
    // The web app routes in the browser: any other page is its index.
    app.setNotFoundHandler((request, reply) =>
      request.method === 'GET' && !request.url.startsWith('/api/')
        ? reply.sendFile('index.html')
        : reply.code(404).send({ code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` }),
    );
  } else
    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send({ code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` }),
    );
  return app;
}
