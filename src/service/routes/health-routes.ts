import { z } from 'zod';
import type { ServiceOptions, TypedApp } from '../server.ts';

export function registerHealthRoutes(app: TypedApp, options: ServiceOptions): void {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['service'],
        summary: 'Whether the service runs, and how many uses of the desk are queued',
        response: { 200: z.object({ status: z.literal('ok'), queued: z.number().int(), time: z.string() }) },
      },
      config: { access: { kind: 'public', why: 'a load balancer asks it' } },
    },
    () => ({ status: 'ok' as const, queued: options.access.busy, time: options.clock.now().toISOString() }),
  );
}
