import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { ADDRESS_CONFIRMS_AT } from '../src/linkage/comparison-levels.ts';
import { E2E_ADMIN, PEOPLE } from './cli.ts';
import { queryDesk } from './db-query.ts';
import { syntheticMatchedDesk } from './desk-fixture.ts';

interface AuditRow {
  actor: string;
  action: string;
  outcome: string;
  detail: unknown;
}

describe('reviews that can only be right or refused, end to end through the CLI', () => {
  let desk: Awaited<ReturnType<typeof syntheticMatchedDesk>>;
  /** Requests awaiting review, each with a candidate whose address of record agrees. */
  let awaiting: { request_id: string; taxpayer_id: string; state: string }[];
  const review = (person: string, ...args: string[]) => desk.as(person, 'review', ...args);
  const audit = async () =>
    JSON.parse(
      (await desk.as(PEOPLE.auditor, 'audit', 'log', '--limit', '1000', '--json')).stdout,
    ) as AuditRow[];
  const outcomeOf = async (requestId: string) =>
    (
      await queryDesk<{ outcome: string; decided_by: string }>(
        desk.db,
        `SELECT outcome, decided_by FROM decisions WHERE batch_id = '${desk.batchId}' AND request_id = '${requestId}'`,
      )
    )[0];
  /** A taxpayer in another state who is no candidate for the request. */
  const strangerFor = async (requestId: string, state: string) =>
    (
      await queryDesk<{ taxpayer_id: string; tin: string }>(
        desk.db,
        `SELECT taxpayer_id, n_tin AS tin FROM address_of_record
         WHERE state <> '${state}' AND n_tin IS NOT NULL AND taxpayer_id NOT IN
           (SELECT taxpayer_id FROM match_candidates WHERE batch_id = '${desk.batchId}' AND request_id = '${requestId}')
         ORDER BY taxpayer_id LIMIT 1`,
      )
    )[0];

  before(async () => {
    // Large enough that several requests wait for a reviewer whatever the matcher's holds of the day.
    desk = await syntheticMatchedDesk('review', { taxpayers: 3000, requests: 800 });
    awaiting = await queryDesk(
      desk.db,
      `SELECT d.request_id, arg_max(c.taxpayer_id, c.match_probability) AS taxpayer_id, any_value(r.state) AS state
       FROM decisions d JOIN match_candidates c USING (batch_id, request_id) JOIN requests r USING (batch_id, request_id)
       WHERE d.batch_id = '${desk.batchId}' AND d.outcome = 'AMBIGUOUS' AND c.aor_level >= ${ADDRESS_CONFIRMS_AT}
       GROUP BY d.request_id ORDER BY d.request_id`,
    );
    assert.ok(awaiting.length >= 4, `the synthetic batch leaves requests to review (${awaiting.length})`);
  });

  it('refuses to confirm a taxpayer who is no candidate (a stranger in another state), and audits it', async () => {
    const [a] = awaiting;
    assert.ok(a);
    const stranger = await strangerFor(a.request_id, a.state);
    assert.ok(stranger);
    const decided = await review(
      PEOPLE.reviewer,
      'decide',
      desk.batchId,
      a.request_id,
      '--outcome',
      'CONFIRMED',
      '--taxpayer',
      stranger.taxpayer_id,
      '--note',
      'looks right',
    );
    assert.equal(decided.code, 4, decided.stderr);
    assert.match(decided.stderr, /NOT_AUTHORIZED: taxpayer \S+ is not a candidate for request/);
    assert.equal((await outcomeOf(a.request_id))?.outcome, 'AMBIGUOUS');
    const refused = (await audit()).find((e) => e.action === 'review.decide' && e.outcome === 'refused');
    assert.ok(refused, 'the refusal is audited');
    assert.match(JSON.stringify(refused.detail), new RegExp(a.request_id));
  });

  it('lets a reviewer look further with an audited search, but not confirm a found taxpayer whose address differs', async () => {
    const b = awaiting[1];
    assert.ok(b);
    const stranger = await strangerFor(b.request_id, b.state);
    assert.ok(stranger);
    const broad = await review(PEOPLE.reviewer, 'search', desk.batchId, b.request_id, '--zip', '12345');
    assert.equal(broad.code, 2, 'a ZIP alone is browsing, not a search');
    const searched = await review(
      PEOPLE.reviewer,
      'search',
      desk.batchId,
      b.request_id,
      '--tin',
      stranger.tin,
      '--json',
    );
    assert.equal(searched.code, 0, searched.stderr);
    const found = JSON.parse(searched.stdout) as { hits: { taxpayer_id: string; tin: string }[] };
    assert.deepEqual(
      found.hits.map((h) => h.taxpayer_id),
      [stranger.taxpayer_id],
    );
    assert.match(found.hits[0]?.tin ?? '', /^XXX-XX-\d{4}$/, 'a search shows the last four digits only');
    const confirm = await review(
      PEOPLE.reviewer,
      'decide',
      desk.batchId,
      b.request_id,
      '--outcome',
      'CONFIRMED',
      '--taxpayer',
      stranger.taxpayer_id,
      '--note',
      'found by TIN',
    );
    assert.equal(confirm.code, 4, confirm.stderr);
    assert.match(
      confirm.stderr,
      /agrees with the address of record .* only as ".*"; a confirmation needs "same number and street or PO box in the same place, no other unit" or closer, or "same number and street name in the same place, the type asked one slip/,
    );
    const events = await audit();
    const search = events.find((e) => e.action === 'reference.search');
    assert.ok(search, 'the search is audited');
    assert.ok(
      !JSON.stringify(search.detail).includes(stranger.tin),
      'the audit event does not echo the TIN searched for',
    );
    // What the search found may be named when nothing is disclosed: identified, address differs.
    const notConfirmed = await review(
      PEOPLE.reviewer,
      'decide',
      desk.batchId,
      b.request_id,
      '--outcome',
      'NOT_CONFIRMED',
      '--taxpayer',
      stranger.taxpayer_id,
      '--note',
      'TIN agrees, address differs',
    );
    assert.equal(notConfirmed.code, 0, notConfirmed.stderr);
    assert.equal((await outcomeOf(b.request_id))?.outcome, 'NOT_CONFIRMED');
  });

  it("needs a second reviewer for a reviewer's confirmation, and the proposer cannot be it", async () => {
    const [a] = awaiting;
    assert.ok(a);
    const args = [
      'decide',
      desk.batchId,
      a.request_id,
      '--outcome',
      'CONFIRMED',
      '--taxpayer',
      a.taxpayer_id,
    ];
    const proposed = await review(PEOPLE.reviewer, ...args, '--note', 'DOB and home agree');
    assert.equal(proposed.code, 0, proposed.stderr);
    assert.match(proposed.stderr, /CONFIRMED proposed; a second reviewer must concur/);
    assert.equal(
      (await outcomeOf(a.request_id))?.outcome,
      'AMBIGUOUS',
      'nothing is confirmed by one reviewer',
    );
    const again = await review(PEOPLE.reviewer, ...args, '--note', 'I agree with myself');
    assert.equal(again.code, 4, again.stderr);
    assert.match(again.stderr, /requires a second reviewer, another account/);
    const concurred = await review(PEOPLE.secondReviewer, ...args, '--note', 'checked the DOB too');
    assert.equal(concurred.code, 0, concurred.stderr);
    assert.deepEqual(await outcomeOf(a.request_id), {
      outcome: 'CONFIRMED',
      decided_by: `review:${PEOPLE.reviewer}+${PEOPLE.secondReviewer}`,
    });
  });

  it('sends a request to a second reviewer, whom the sender cannot replace, and audits each step', async () => {
    const b = awaiting[1];
    assert.ok(b);
    const decide = (person: string, outcome: string, note: string) =>
      review(person, 'decide', desk.batchId, b.request_id, '--outcome', outcome, '--note', note);
    const sent = await decide(PEOPLE.reviewer, 'SECOND_REVIEW', 'Send to expert: cannot tell');
    assert.equal(sent.code, 0, sent.stderr);
    assert.match(sent.stderr, /sent to a second reviewer/);
    assert.deepEqual(await outcomeOf(b.request_id), {
      outcome: 'AMBIGUOUS',
      decided_by: `review:${PEOPLE.reviewer}`,
    });
    const listed = JSON.parse(
      (await review(PEOPLE.secondReviewer, 'list', desk.batchId, '--json')).stdout,
    ) as { request_id: string; status: string }[];
    assert.equal(listed.find((r) => r.request_id === b.request_id)?.status, 'awaiting a second reviewer');
    const self = await decide(PEOPLE.reviewer, 'NO_RECORD', 'on second thought');
    assert.equal(self.code, 4, self.stderr);
    assert.match(self.stderr, /sent request \S+ to a second reviewer; another reviewer decides it/);
    const adjudicated = await decide(PEOPLE.secondReviewer, 'NO_RECORD', 'none of them is the person');
    assert.equal(adjudicated.code, 0, adjudicated.stderr);
    assert.deepEqual(await outcomeOf(b.request_id), {
      outcome: 'NO_RECORD',
      decided_by: `review:${PEOPLE.secondReviewer}`,
    });
    const steps = (await audit())
      .filter((e) => e.action === 'review.decide' && JSON.stringify(e.detail).includes(b.request_id))
      .map((e) => [
        e.actor.replace(/^asserted:(\S+).*$/, '$1'),
        e.outcome,
        (e.detail as { step?: string }).step ?? null,
      ]);
    // The log lists the newest first.
    assert.deepEqual(steps.slice(0, 3).reverse(), [
      [PEOPLE.reviewer, 'success', 'referred'],
      [PEOPLE.reviewer, 'refused', null],
      [PEOPLE.secondReviewer, 'success', 'decided'],
    ]);
  });

  it('shows a request beside each candidate, with the levels, the waterfall and the history', async () => {
    const [a] = awaiting;
    assert.ok(a);
    const shown = await review(PEOPLE.reviewer, 'show', desk.batchId, a.request_id);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^field\s+request\s+\S+/m);
    for (const field of ['name', 'dob', 'tin', 'address', 'zip', 'tax_year'])
      assert.match(shown.stdout, new RegExp(`^${field}\\s`, 'm'));
    assert.match(shown.stdout, new RegExp(a.taxpayer_id));
    assert.match(shown.stdout, /may_confirm/);
    assert.match(shown.stdout, /match weight .* bits; identity probability/, 'the waterfall');
    assert.match(shown.stdout, /review history/);
    const json = JSON.parse(
      (await review(PEOPLE.reviewer, 'show', desk.batchId, a.request_id, '--json')).stdout,
    ) as {
      history: { step: string; reviewer: string }[];
    };
    assert.deepEqual(
      json.history.map((h) => [h.step, h.reviewer]),
      [
        ['decide', PEOPLE.reviewer],
        ['second-review', PEOPLE.secondReviewer],
      ],
    );
  });

  it('takes many decisions from a file, all or nothing, and revisions until approval, each audited', async () => {
    const [, , c, d] = awaiting;
    assert.ok(c && d);
    const stranger = await strangerFor(d.request_id, d.state);
    assert.ok(stranger);
    const bad = path.join(desk.dir, 'decisions-bad.csv');
    writeFileSync(
      bad,
      `request_id,outcome,taxpayer_id,note\n${c.request_id},NO_RECORD,,no one fits\n${d.request_id},CONFIRMED,${stranger.taxpayer_id},sure\n`,
    );
    const refused = await review(PEOPLE.reviewer, 'decide', desk.batchId, '--file', bad);
    assert.equal(refused.code, 4, refused.stderr);
    assert.match(refused.stderr, /decision 2 \(request \S+\): .*no decision of the file was applied/);
    assert.equal(
      (await outcomeOf(c.request_id))?.outcome,
      'AMBIGUOUS',
      'the good row was not applied either',
    );

    const rest = (
      await queryDesk<{ request_id: string }>(
        desk.db,
        `SELECT request_id FROM decisions WHERE batch_id = '${desk.batchId}' AND outcome = 'AMBIGUOUS' ORDER BY request_id`,
      )
    ).map((r) => r.request_id);
    const good = path.join(desk.dir, 'decisions.jsonl');
    writeFileSync(
      good,
      rest
        .map((id) => JSON.stringify({ request_id: id, outcome: 'NO_RECORD', note: 'not enough to tell' }))
        .join('\n'),
    );
    const applied = await review(PEOPLE.reviewer, 'decide', desk.batchId, '--file', good, '--json');
    assert.equal(applied.code, 0, applied.stderr);
    assert.equal((JSON.parse(applied.stdout) as { remaining: number }).remaining, 0);

    const revised = await review(
      PEOPLE.secondReviewer,
      'decide',
      desk.batchId,
      c.request_id,
      '--outcome',
      'NOT_CONFIRMED',
      '--taxpayer',
      c.taxpayer_id,
      '--note',
      'on reflection: the person, another home',
    );
    assert.equal(revised.code, 0, revised.stderr);
    assert.match(revised.stderr, /revision 2/);
    const decides = (await audit()).filter(
      (e) =>
        e.action === 'review.decide' &&
        e.outcome === 'success' &&
        JSON.stringify(e.detail).includes(c.request_id),
    );
    assert.equal(decides.length, 2, 'the decision and its revision are each audited');
  });

  it('refuses approval to anyone who reviewed, lets an officer who did not approve, and ends review at approval', async () => {
    const [, , c] = awaiting;
    assert.ok(c);
    // e2e-tester holds the reviewer and the disclosure-officer roles: once a reviewer, never the approver.
    const decided = await desk.as(
      E2E_ADMIN,
      'review',
      'decide',
      desk.batchId,
      c.request_id,
      '--outcome',
      'NO_RECORD',
      '--note',
      'third look',
    );
    assert.equal(decided.code, 0, decided.stderr);
    const approveByReviewer = await desk.as(E2E_ADMIN, 'batch', 'approve', desk.batchId);
    assert.equal(approveByReviewer.code, 4, approveByReviewer.stderr);
    assert.match(approveByReviewer.stderr, /two-person rule/);
    const approved = await desk.as(PEOPLE.officer, 'batch', 'approve', desk.batchId);
    assert.equal(approved.code, 0, approved.stderr);
    const late = await review(
      PEOPLE.reviewer,
      'decide',
      desk.batchId,
      c.request_id,
      '--outcome',
      'NO_RECORD',
      '--note',
      'late',
    );
    assert.equal(late.code, 7, late.stderr);
    assert.match(late.stderr, /until the batch is approved/);
    const releaseByReviewer = await desk.as(
      E2E_ADMIN,
      'batch',
      'release',
      desk.batchId,
      '--out',
      desk.dir,
      '--keys',
      desk.keys,
    );
    assert.equal(releaseByReviewer.code, 4, releaseByReviewer.stderr);
    const refusals = (await audit()).filter(
      (e) => e.outcome === 'refused' && ['batch.approve', 'batch.release'].includes(e.action),
    );
    assert.equal(refusals.length, 2, 'both refusals are audited');
  });
});
