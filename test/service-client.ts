import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { E2E_ADMIN, ROOT, runCli } from './cli.ts';

/** A real `ddesk serve` process on a free port, and a way to stop it as an operator would (SIGTERM). */
export async function startServer(
  db: string,
  serveArgs: readonly string[],
): Promise<{
  url: string;
  child: ChildProcess;
  stop: () => Promise<{ code: number | null; stderr: string }>;
}> {
  const child = spawn(path.join(ROOT, 'bin', 'ddesk'), ['--db', db, 'serve', '--port', '0', ...serveArgs], {
    cwd: ROOT,
    env: { ...process.env, DDESK_DEMO_DESK: '1', DDESK_ACTOR: E2E_ADMIN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${stderr}`)), 60_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /serving .* at (http:\/\/\S+) /.exec(stderr);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}): ${stderr}`)));
  });
  const stop = () =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      child.once('exit', (code) => resolve({ code, stderr }));
      child.kill('SIGTERM');
    });
  return { url, child, stop };
}

/** Adds a service account through the CLI as the desk's admin; returns its password (people) or API token (clients). */
export async function addAccount(
  db: string,
  account: string,
  role: string,
  agency?: string,
): Promise<string> {
  const added = await runCli([
    '--db',
    db,
    'user',
    'add',
    account,
    '--role',
    role,
    ...(agency ? ['--agency', agency] : []),
    '--json',
  ]);
  assert.equal(added.code, 0, added.stderr);
  if (!agency) return (JSON.parse(added.stdout) as { password: string }).password;
  const token = await runCli(['--db', db, 'user', 'token', account, '--json']);
  assert.equal(token.code, 0, token.stderr);
  return (JSON.parse(token.stdout) as { token: string }).token;
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** One signed-in person (cookie + CSRF token) or one API token, calling the service. */
export class ServiceClient {
  private readonly url: string;
  private cookie = '';
  private csrf = '';
  private readonly token: string | null;

  constructor(url: string, token: string | null = null) {
    this.url = url;
    this.token = token;
  }

  static async signIn(url: string, account: string, password: string): Promise<ServiceClient> {
    const client = new ServiceClient(url);
    const answer = await client.call<{ csrfToken: string }>('POST', '/api/session', { account, password });
    assert.equal(answer.status, 200, answer.text);
    client.cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    client.csrf = answer.body.csrfToken;
    return client;
  }

  async call<T = unknown>(method: string, route: string, body?: unknown): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    if (this.cookie) headers['cookie'] = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.url}${route}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: a response file, an HTML page
    }
    return { status: response.status, body: parsed as T, text, headers: response.headers };
  }

  /** Uploads a signed batch as multipart: the manifest field first, then the records file. */
  async upload(jwsFile: string, recordsFile: string): Promise<Answer<{ batchId?: string; code?: string }>> {
    const form = new FormData();
    form.append('manifest', readFileSync(jwsFile, 'utf8'));
    form.append('records', new Blob([readFileSync(recordsFile)], { type: 'text/csv' }), 'requests.csv');
    const headers: Record<string, string> = {};
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    const response = await fetch(`${this.url}/api/batches`, { method: 'POST', headers, body: form });
    const text = await response.text();
    return {
      status: response.status,
      body: JSON.parse(text) as { batchId?: string },
      text,
      headers: response.headers,
    };
  }
}
