import { useCallback, useEffect, useState } from 'react';
import { api, problemText } from '../api/client.ts';
import type { paths } from '../api/schema.ts';
import { routeHref } from '../app/router.ts';
import { can, useSession } from '../app/session.ts';
import { useLoad } from '../app/use-load.ts';
import { BarChart } from '../charts/bar-chart.tsx';
import styles from './pages.module.css';

const STAGES = ['received', 'verified', 'screened', 'matched', 'reviewed', 'approved', 'released', 'purged'];

type Receipt = NonNullable<
  paths['/api/batches/{batchId}/release']['post']['responses'][200]['content']['application/json']
>;

/**
 * Saves a downloaded file under the name the service gives it (Content-Disposition). Fetched, not
 * linked, so that an agency's API token goes with the request as it does with every other call.
 */
async function save<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ error?: unknown; response: Response }> {
  const { data, error, response } = await call;
  if (!response.ok || !(data instanceof Blob)) return { error, response };
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
  const link = document.createElement('a');
  link.href = URL.createObjectURL(data);
  link.download = name;
  link.click();
  // The browser reads the object URL after the click returns.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  return { response };
}

/**
 * One batch: its stage and the events that moved it (the audit log's timeline), outcomes as a
 * chart, the screening report by rule with citations, holds to resolve, and the step its stage
 * allows next for whoever may take it. The service enforces the two-person rule and says why when
 * it refuses.
 */
export function BatchPage({ batchId }: { batchId: string }) {
  const { session } = useSession();
  const path = { params: { path: { batchId } } };
  const batch = useLoad(
    useCallback(() => api.GET('/api/batches/{batchId}', { params: { path: { batchId } } }), [batchId]),
  );
  const data = batch.data;
  const screened = data !== null && STAGES.indexOf(data.stage) >= STAGES.indexOf('screened');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [asOf, setAsOf] = useState(() => new Date().toISOString().slice(0, 10));
  const [holdNote, setHoldNote] = useState('');
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const job = data?.matchJob ?? null;
  const running = job?.state === 'running' || job?.state === 'queued';
  const reload = batch.reload;

  // A match runs in the background: follow the batch while its job runs.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, 1000);
    return () => clearInterval(timer);
  }, [running, reload]);

  const step = async (label: string, call: () => Promise<{ error?: unknown; response: Response }>) => {
    setBusy(true);
    setMessage(null);
    const { error: failure, response } = await call();
    setBusy(false);
    setMessage(
      response.ok
        ? { text: `${label}: ${response.status === 202 ? 'started' : 'done'}`, error: false }
        : { text: problemText(failure, response), error: true },
    );
    reload();
  };

  if (batch.error) return <p className="error">{batch.error}</p>;
  if (!data) return <p role="status">Loading {batchId}…</p>;
  const reached = STAGES.indexOf(data.stage);
  const outcomes = Object.entries(data.outcomes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <h1>
        Batch {data.batchId} <span className="muted">· {data.stage}</span>
      </h1>
      <section className={styles['panel']} aria-label="Stage">
        <ol className={styles['timeline']}>
          {STAGES.map((stage, i) => (
            <li
              key={stage}
              className={i <= reached ? styles['done'] : undefined}
              aria-current={i === reached ? 'step' : undefined}
            >
              {stage}
            </li>
          ))}
        </ol>
        <p>
          {data.requestingAgency} · {data.records} requests · program {data.programId} {data.programVersion} ·
          signed by {data.signer ?? 'unknown'} · received {data.receivedAt}
        </p>
        {job && (
          <p role="status" data-testid="match-job">
            Matching ({job.matcher}): {job.state}
            {job.steps.length > 0 &&
              ` — ${job.steps.map((s) => `${s.step} ${s.seconds.toFixed(1)} s`).join(', ')}`}
            {job.error && <span className="error"> — {job.error.message}</span>}
          </p>
        )}
      </section>

      <section className={styles['panel']} aria-label="Next step">
        <h2>Next step</h2>
        <div className={styles['toolbar']}>
          {data.stage === 'verified' && can(session, 'batch.screen') && (
            <>
              <label>
                Screen as of
                <input type="date" value={asOf} onChange={(event) => setAsOf(event.target.value)} />
              </label>
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() =>
                  void step('screening', () =>
                    api.POST('/api/batches/{batchId}/screen', { ...path, body: { asOf } }),
                  )
                }
              >
                Screen
              </button>
            </>
          )}
          {data.stage === 'screened' && can(session, 'batch.match') && (
            <button
              type="button"
              className="primary"
              disabled={busy || running}
              onClick={() =>
                void step('matching', () => api.POST('/api/batches/{batchId}/match', { ...path, body: {} }))
              }
            >
              Match
            </button>
          )}
          {(data.stage === 'matched' || data.stage === 'reviewed') && can(session, 'review.decide') && (
            <a href={routeHref({ page: 'review', batchId })}>Review this batch</a>
          )}
          {(data.stage === 'matched' || data.stage === 'reviewed') && can(session, 'batch.approve') && (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() =>
                void step('approval', () => api.POST('/api/batches/{batchId}/approve', { ...path, body: {} }))
              }
            >
              Approve
            </button>
          )}
          {data.stage === 'approved' && can(session, 'batch.release') && (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() =>
                void step('release', async () => {
                  const answer = await api.POST('/api/batches/{batchId}/release', { ...path, body: {} });
                  if (answer.data) setReceipt(answer.data);
                  return answer;
                })
              }
            >
              Release
            </button>
          )}
          {(data.stage === 'released' || data.stage === 'purged') && can(session, 'response.download') && (
            <>
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() =>
                  void step('response downloaded', () =>
                    save(api.GET('/api/batches/{batchId}/response', { ...path, parseAs: 'blob' })),
                  )
                }
              >
                Download the response
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void step('signature downloaded', () =>
                    save(api.GET('/api/batches/{batchId}/response/signature', { ...path, parseAs: 'blob' })),
                  )
                }
              >
                Download its signature (.jws)
              </button>
            </>
          )}
          {data.stage === 'released' && !can(session, 'response.download') && (
            <span className="muted">Released: the requesting agency downloads the signed response.</span>
          )}
        </div>
        {message && (
          <p className={message.error ? 'error' : styles['ok']} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
        {receipt && (
          <p data-testid="release-receipt">
            Released {receipt.releasedAt}: {receipt.records} records, {receipt.disclosures} disclosures; the
            response ({receipt.format}) has SHA-256 <code>{receipt.sha256}</code> and a detached signature by
            the desk, which the agency downloads with it.
          </p>
        )}
      </section>

      {outcomes.length > 0 && (
        <BarChart
          title="Outcomes"
          series={[{ name: 'requests', color: '#0b5cad' }]}
          groups={outcomes.map(([outcome, count]) => ({ label: outcome, values: [count] }))}
        />
      )}

      {screened && (
        <Screening
          batchId={batchId}
          canResolve={can(session, 'batch.approve')}
          note={holdNote}
          setNote={setHoldNote}
          resolve={(ruleId) =>
            step(`hold ${ruleId} resolved`, () =>
              api.POST('/api/batches/{batchId}/holds/{ruleId}/resolve', {
                params: { path: { batchId, ruleId } },
                body: { note: holdNote },
              }),
            )
          }
          generation={data.timeline.length}
        />
      )}

      <section className={styles['panel']}>
        <h2>Timeline</h2>
        <table className={styles['wide']}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {data.timeline.map((event) => (
              <tr key={event.seq}>
                <td>{event.at.slice(0, 19).replace('T', ' ')}</td>
                <td>{event.actor}</td>
                <td>{event.description ?? event.action}</td>
                <td>{event.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** The screening report: each rule with its citation and counts, and the batch's holds. */
function Screening({
  batchId,
  canResolve,
  note,
  setNote,
  resolve,
  generation,
}: {
  batchId: string;
  canResolve: boolean;
  note: string;
  setNote: (note: string) => void;
  resolve: (ruleId: string) => Promise<void>;
  /** Reloads the report when the batch moved on. */
  generation: number;
}) {
  const report = useLoad(
    useCallback(
      () => api.GET('/api/batches/{batchId}/screening', { params: { path: { batchId } } }),
      // eslint-disable-next-line react-hooks/exhaustive-deps -- generation is the reload signal
      [batchId, generation],
    ),
  );
  if (report.error) return <p className="error">{report.error}</p>;
  if (!report.data) return null;
  const failing = report.data.rules.filter((rule) => rule.failures > 0 || rule.citedByRejections > 0);
  return (
    <section className={styles['panel']} aria-label="Screening">
      <h2>Screening: {report.data.rejected} rejected</h2>
      {failing.length === 0 ? (
        <p>No request failed a rule.</p>
      ) : (
        <table className={styles['wide']}>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Citation</th>
              <th scope="col">Failures</th>
              <th scope="col">Rejections citing it</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {failing.map((rule) => (
              <tr key={rule.ruleId}>
                <td>{rule.ruleId}</td>
                <td>{rule.citation}</td>
                <td>{rule.failures}</td>
                <td>{rule.citedByRejections}</td>
                <td>{rule.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.data.findings.length > 0 && (
        <>
          <h2 id="holds">Holds and findings</h2>
          <ul aria-labelledby="holds">
            {report.data.findings.map((finding) => (
              <li key={finding.ruleId}>
                <strong>{finding.ruleId}</strong> ({finding.citation}, {finding.effect}): {finding.reason}
                {finding.resolvedBy ? (
                  <span className={styles['ok']}>
                    {' '}
                    — resolved by {finding.resolvedBy}: {finding.resolution}
                  </span>
                ) : (
                  canResolve &&
                  finding.effect === 'hold-batch' && (
                    <span className={styles['toolbar']}>
                      <label>
                        Resolution note
                        <input value={note} onChange={(event) => setNote(event.target.value)} />
                      </label>
                      <button
                        type="button"
                        disabled={!note.trim()}
                        onClick={() => void resolve(finding.ruleId)}
                      >
                        Resolve hold
                      </button>
                    </span>
                  )
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
