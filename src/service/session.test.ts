import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { osActor } from '../people/actor.ts';
import { createDeskIfNew } from '../people/roles.ts';
import { addAccount, issueToken } from './accounts/service-accounts.ts';
import { LOCKOUT_FAILURES } from './accounts/sign-in.ts';
import { inMemoryService } from './service-fixture.ts';

type Service = Awaited<ReturnType<typeof inMemoryService>>;
const PASSWORD = 'correct horse battery';

function cookieOf(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return (header ?? '').split(';')[0] ?? '';
}

async function events(service: Service, action: string) {
  return service.store.all<{ actor: string; outcome: string; detail: string; interface: string }>(
    'SELECT actor, outcome, detail, interface FROM audit_log WHERE action = $1 ORDER BY seq',
    [action],
  );
}

describe('accounts over HTTP: sessions, CSRF, lockout, API tokens', () => {
  let service: Service;
  let token: string;
  before(async () => {
    service = await inMemoryService();
    const admin = osActor('root-admin');
    await createDeskIfNew(service.store, { now: () => new Date('2026-03-02T12:00:00Z') }, admin, {
      demoDesk: false,
    });
    const clock = { now: () => new Date('2026-03-02T12:00:00Z') };
    await addAccount(service.store, clock, {
      actor: admin,
      account: 'rita',
      roles: ['reviewer'],
      password: PASSWORD,
    });
    await addAccount(service.store, clock, {
      actor: admin,
      account: 'lou',
      roles: ['auditor'],
      password: PASSWORD,
    });
    await addAccount(service.store, clock, {
      actor: admin,
      account: 'ice',
      roles: ['agency-client'],
      agency: 'DHS-ICE',
    });
    token = (await issueToken(service.store, clock, { actor: admin, account: 'ice', label: 'e2e' })).token;
  });
  after(() => service.close());

  it('signs a person in with an HttpOnly, Secure, SameSite=Strict cookie and audits it with its origin', async () => {
    const signIn = await service.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { account: 'rita', password: PASSWORD },
    });
    assert.equal(signIn.statusCode, 200, signIn.body);
    const setCookie = String(signIn.headers['set-cookie']);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /Secure/);
    assert.match(setCookie, /SameSite=Strict/);
    const body = signIn.json<{ roles: string[]; csrfToken: string }>();
    assert.deepEqual(body.roles, ['reviewer']);
    const me = await service.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: cookieOf(signIn.headers['set-cookie']) },
    });
    assert.equal(me.json<{ account: string }>().account, 'rita');
    const [event] = (await events(service, 'account.sign-in')).filter((e) => e.outcome === 'success');
    assert.equal(event?.actor, 'session:rita');
    assert.equal(event?.interface, 'library');
    assert.match(event?.detail ?? '', /"client":"127\.0\.0\.1"/);
  });

  it('refuses a change made in a session without its CSRF token', async () => {
    const signIn = await service.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { account: 'rita', password: PASSWORD },
    });
    const cookie = cookieOf(signIn.headers['set-cookie']);
    const csrf = signIn.json<{ csrfToken: string }>().csrfToken;
    const without = await service.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
    assert.equal(without.statusCode, 403);
    assert.match(without.json<{ message: string }>().message, /CSRF/);
    const withToken = await service.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    assert.equal(withToken.statusCode, 204);
    const after = await service.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    assert.equal(after.statusCode, 401, 'a signed-out session is over');
  });

  it(`locks an account after ${LOCKOUT_FAILURES} failed sign-ins, even against the right password, and audits each failure`, async () => {
    for (let i = 0; i < LOCKOUT_FAILURES; i++) {
      const wrong = await service.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { account: 'lou', password: 'not the password' },
      });
      assert.equal(wrong.statusCode, 401);
    }
    const locked = await service.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { account: 'lou', password: PASSWORD },
    });
    assert.equal(locked.statusCode, 401);
    assert.match(locked.json<{ message: string }>().message, /locked until/);
    const failures = (await events(service, 'account.sign-in')).filter((e) => e.actor === 'session:lou');
    assert.equal(failures.length, LOCKOUT_FAILURES + 1);
    assert.ok(failures.every((e) => e.outcome === 'failure'));
    assert.match(failures[LOCKOUT_FAILURES - 1]?.detail ?? '', /"locked":true/);
  });

  it('knows an agency client by its API token, audits every use, and refuses a forged one', async () => {
    const me = await service.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(me.statusCode, 200, me.body);
    assert.deepEqual(me.json<{ account: string; agency: string; via: string }>(), {
      account: 'ice',
      kind: 'client',
      agency: 'DHS-ICE',
      roles: ['agency-client'],
      via: 'token',
      idleTimeoutSeconds: 1800,
    });
    const forged = await service.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { authorization: `Bearer ${token.slice(0, -2)}xx` },
    });
    assert.equal(forged.statusCode, 401);
    const uses = await events(service, 'account.token-use');
    assert.deepEqual(
      uses.map((e) => [e.actor, e.outcome]),
      [
        ['token:ice', 'success'],
        ['token:ice', 'failure'],
      ],
    );
    assert.match(uses[1]?.detail ?? '', /wrong secret/);
  });

  it('ends a session idle past the timeout, and audits its end', async () => {
    let now = new Date('2026-03-02T12:00:00Z');
    const moving = { now: () => new Date(now) };
    const idle = await inMemoryService(moving);
    try {
      await createDeskIfNew(idle.store, moving, osActor('root-admin'), { demoDesk: false });
      await addAccount(idle.store, moving, {
        actor: osActor('root-admin'),
        account: 'rita',
        roles: ['reviewer'],
        password: PASSWORD,
      });
      const signIn = await idle.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { account: 'rita', password: PASSWORD },
      });
      const cookie = cookieOf(signIn.headers['set-cookie']);
      now = new Date('2026-03-02T12:29:00Z');
      assert.equal(
        (await idle.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode,
        200,
      );
      now = new Date('2026-03-02T12:58:00Z');
      assert.equal(
        (await idle.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode,
        200,
        'each use restarts the idle clock',
      );
      now = new Date('2026-03-02T13:30:00Z');
      assert.equal(
        (await idle.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode,
        401,
      );
      const [ended] = await idle.store.all<{ detail: string }>(
        "SELECT detail FROM audit_log WHERE action = 'account.session-end'",
      );
      assert.match(ended?.detail ?? '', /idle/);
    } finally {
      await idle.close();
    }
  });
});
