import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { format, resolveConfig } from 'prettier';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const SCHEMA = path.join(import.meta.dirname, 'schema.ts');

describe('the web API client types', () => {
  it("are generated from the service's committed OpenAPI document (npm run web:api rewrites them)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ddesk-web-api-'));
    try {
      const out = path.join(dir, 'schema.ts');
      const cli = path.join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
      const made = spawnSync(
        process.execPath,
        [cli, path.join(ROOT, 'src', 'service', 'openapi.json'), '-o', out],
        {
          encoding: 'utf8',
        },
      );
      assert.equal(made.status, 0, made.stderr);
      const options = { ...(await resolveConfig(SCHEMA)), filepath: SCHEMA };
      const fresh = await format(readFileSync(out, 'utf8'), options);
      assert.ok(
        readFileSync(SCHEMA, 'utf8') === fresh,
        'web/src/api/schema.ts is stale: run npm run web:api and commit it',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
