import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../clock.ts';
import { osActor } from '../people/actor.ts';
import { DUTIES, type Action } from '../people/duties.ts';
import { createDeskIfNew, ROLES, type Role } from '../people/roles.ts';
import { addAccount, issueToken, sha256Hex } from './accounts/service-accounts.ts';
import { inMemoryService } from './service-fixture.ts';

const clock = fixedClock('2026-03-02T12:00:00Z');
const BATCH = 'B-MATRIX';
const who = (role: Role) => `only-${role}`;

/** What the duties table says a caller may do on a route: 401 for nobody, 403 for a role without the duty. */
function expected(access: { kind: string; action?: Action }, role: Role | null): 'allowed' | 401 | 403 {
  if (access.kind === 'public') return 'allowed';
  if (role === null) return 401;
  if (access.kind === 'signed-in') return 'allowed';
  const roles: readonly string[] = DUTIES[access.action as Action].roles;
  return roles.includes(role) ? 'allowed' : 403;
}

describe('the authorization matrix: every route, as every role and as nobody, against the duties table', () => {
  let service: Awaited<ReturnType<typeof inMemoryService>>;
  let agencyToken: string;
  before(async () => {
    service = await inMemoryService(clock);
    const admin = osActor('root-admin');
    await createDeskIfNew(service.store, clock, admin, { demoDesk: false });
    for (const role of ROLES)
      await addAccount(service.store, clock, {
        actor: admin,
        account: who(role),
        roles: [role],
        ...(role === 'agency-client' ? { agency: 'DHS-ICE' } : { password: 'matrix password 1' }),
      });
    agencyToken = (
      await issueToken(service.store, clock, { actor: admin, account: who('agency-client'), label: 'matrix' })
    ).token;
    await service.store.run(
      `INSERT INTO batches (batch_id, program_id, program_version, requesting_agency, requesting_official, record_count,
                            records_sha256, manifest_json, stage, received_at, updated_at)
       VALUES ($1, 'irs-ice-6103i2', '2025.3', 'DHS-ICE', 'Director', 0, '', '{}', 'verified', '2026-03-01', '2026-03-01')`,
      [BATCH],
    );
  });
  after(() => service.close());

  /** A fresh session for a person (so that one route signing out does not sign out the next). */
  async function headersFor(role: Role | null): Promise<Record<string, string>> {
    if (role === null) return {};
    if (role === 'agency-client') return { authorization: `Bearer ${agencyToken}` };
    const id = randomBytes(16).toString('hex');
    await service.store.run(
      "INSERT INTO account_sessions VALUES ($1, $2, 'csrf', '127.0.0.1', '2026-03-02 12:00:00', '2026-03-02 12:00:00', NULL)",
      [sha256Hex(id), who(role)],
    );
    return { cookie: `ddesk_session=${id}`, 'x-csrf-token': 'csrf' };
  }

  it('has a rule for every API route, naming a duty the table has', () => {
    assert.ok(service.app.routeRules.length >= 25, `${service.app.routeRules.length} routes`);
    for (const route of service.app.routeRules)
      if (route.access.kind === 'duty')
        assert.ok(route.access.action in DUTIES, `${route.method} ${route.url}`);
  });

  it('answers each caller as the table says (401 for nobody, 403 without the duty, neither with it)', async () => {
    const mismatches: string[] = [];
    for (const route of service.app.routeRules)
      for (const role of [null, ...ROLES]) {
        const url = route.url
          .replace(':batchId', BATCH)
          .replace(':requestId', 'R1')
          .replace(':ruleId', 'rule.x');
        const answer = await service.app.inject({
          method: route.method as 'GET',
          url,
          headers: await headersFor(role),
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        const want = expected(route.access, role);
        const got = answer.statusCode;
        const ok = want === 'allowed' ? got !== 401 && got !== 403 : got === want;
        if (!ok)
          mismatches.push(
            `${route.method} ${route.url} as ${role ?? 'nobody'}: ${got} (want ${want}) ${answer.body.slice(0, 160)}`,
          );
      }
    assert.deepEqual(mismatches, []);
  });

  it("shows an agency client only its own agency's batches and responses", async () => {
    await service.store.run(
      `INSERT INTO batches (batch_id, program_id, program_version, requesting_agency, requesting_official, record_count,
                            records_sha256, manifest_json, stage, received_at, updated_at)
       VALUES ('B-OTHER', 'irs-ice-6103i2', '2025.3', 'OTHER-AGENCY', 'Director', 0, '', '{}', 'verified', '2026-03-01', '2026-03-01')`,
    );
    const headers = await headersFor('agency-client');
    const list = await service.app.inject({ method: 'GET', url: '/api/batches', headers });
    assert.deepEqual(
      list.json<{ batchId: string }[]>().map((b) => b.batchId),
      [BATCH],
    );
    for (const url of ['/api/batches/B-OTHER', '/api/batches/B-OTHER/response'])
      assert.equal((await service.app.inject({ method: 'GET', url, headers })).statusCode, 403, url);
    const clerk = await service.app.inject({
      method: 'GET',
      url: '/api/batches',
      headers: await headersFor('intake-clerk'),
    });
    assert.equal(clerk.json<unknown[]>().length, 2);
  });

  it('audits each refusal by the table as a refused event of its action', async () => {
    const [row] = await service.store.all<{ n: bigint }>(
      "SELECT count(*) AS n FROM audit_log WHERE outcome = 'refused' AND detail LIKE '%NOT_AUTHORIZED%'",
    );
    assert.ok(Number(row?.n) > 50);
  });
});
