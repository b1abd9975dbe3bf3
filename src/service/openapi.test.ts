import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { inMemoryService } from './service-fixture.ts';

/** The committed API description the web app and agency clients build against. */
const COMMITTED = path.join(import.meta.dirname, 'openapi.json');

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1, served at /openapi.json, and the committed copy matches it (DDESK_UPDATE_OPENAPI=1 rewrites it)', async () => {
    const service = await inMemoryService();
    try {
      const response = await service.app.inject({ method: 'GET', url: '/openapi.json' });
      assert.equal(response.statusCode, 200);
      const served = response.json<{ openapi: string; paths: Record<string, unknown> }>();
      assert.equal(served.openapi, '3.1.0');
      if (process.env['DDESK_UPDATE_OPENAPI'] === '1')
        writeFileSync(COMMITTED, `${JSON.stringify(served, null, 2)}\n`);
      const committed = JSON.parse(readFileSync(COMMITTED, 'utf8')) as unknown;
      assert.deepEqual(
        served,
        committed,
        'src/service/openapi.json is stale: DDESK_UPDATE_OPENAPI=1 node --test src/service/openapi.test.ts',
      );
    } finally {
      await service.close();
    }
  });

  it('serves the reference page', async () => {
    const service = await inMemoryService();
    try {
      const page = await service.app.inject({ method: 'GET', url: '/api/docs/' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /swagger-ui/i);
    } finally {
      await service.close();
    }
  });
});
