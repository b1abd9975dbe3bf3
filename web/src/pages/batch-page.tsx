import { useCallback, useEffect, useState } from 'react';
import { api, problemText } from '../api/client.ts';
import { routeHref } from '../app/router.ts';
import { can, useSession } from '../app/session.ts';
import { useLoad } from '../app/use-load.ts';
import { BarChart } from '../charts/bar-chart.tsx';
import styles from './pages.module.css';

const STAGES = ['received', 'verified', 'screened', 'matched', 'reviewed', 'approved', 'released', 'purged'];
const OUTCOME_COLORS: Record<string, string> = {
  CONFIRMED: '#17663a',
  NOT_CONFIRMED: '#8a6d00',
  NO_RECORD: '#59636e',
  AMBIGUOUS: '#b45309',
  REJECTED: '#a3201b',
};

/**
 * One batch: its stage timeline, outcomes as a chart, rejections by rule with their citations,
 * holds, and the step its stage allows next (screen, match, approve, release) for whoever may
 * take it; the service enforces the two-person rule and says why when it refuses.
 */
export function BatchPage({ batchId }: { batchId: string }) {
  const { session } = useSession();
  const { data, error, reload } = useLoad(
    useCallback(() => api.GET('/api/batches/{batchId}', { params: { path: { batchId } } }), [batchId]),
  );
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [asOf, setAsOf] = useState(() => new Date().toISOString().slice(0, 10));
  const running = data?.job?.state === 'running' || data?.job?.state === 'queued';

  // A match runs in the background: poll the batch while its job runs.
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
        ? { text: `${label}: done`, error: false }
        : { text: problemText(failure, response), error: true },
    );
    reload();
  };
  const path = { params: { path: { batchId } } };

  if (error) return <p className="error">{error}</p>;
  if (!data) return <p role="status">Loading {batchId}…</p>;
  const { batch } = data;
  const reached = STAGES.indexOf(batch.stage);
  return (
    <>
      <h1>
        Batch {batch.batchId} <span className="muted">· {batch.stage}</span>
      </h1>
      <section className={styles['panel']} aria-label="Stage timeline">
        <ol className={styles['timeline']}>
          {STAGES.map((stage, i) => {
            const event = data.timeline.find((entry) => entry.stage === stage);
            return (
              <li key={stage} className={i <= reached ? styles['done'] : undefined}>
                {stage}
                {event && (
                  <span className="muted">
                    {' '}
                    {event.at.slice(0, 16).replace('T', ' ')} · {event.actor}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
        <p>
          {batch.requestingAgency} · {batch.recordCount} requests ·{' '}
          {batch.statutoryAuthority ?? 'no authority stated'}
        </p>
        {data.job && (
          <p role="status">
            {data.job.kind}: {data.job.state}
            {data.job.progress !== null && ` (${Math.round(data.job.progress * 100)}%)`}
            {data.job.error && <span className="error"> — {data.job.error}</span>}
          </p>
        )}
      </section>

      <section className={styles['panel']} aria-label="Next step">
        <h2>Next step</h2>
        <div className={styles['toolbar']}>
          {batch.stage === 'verified' && can(session, 'batch.screen') && (
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
          {batch.stage === 'screened' && can(session, 'batch.match') && (
            <button
              type="button"
              className="primary"
              disabled={busy || running}
              onClick={() => void step('matching', () => api.POST('/api/batches/{batchId}/match', path))}
            >
              Match
            </button>
          )}
          {(batch.stage === 'matched' || batch.stage === 'reviewed') && can(session, 'review.decide') && (
            <a href={routeHref({ page: 'review', batchId })}>Review this batch</a>
          )}
          {(batch.stage === 'reviewed' || batch.stage === 'matched') && can(session, 'batch.approve') && (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void step('approval', () => api.POST('/api/batches/{batchId}/approve', path))}
            >
              Approve
            </button>
          )}
          {batch.stage === 'approved' && can(session, 'batch.release') && (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void step('release', () => api.POST('/api/batches/{batchId}/release', path))}
            >
              Release
            </button>
          )}
          {(batch.stage === 'released' || batch.stage === 'purged') && (
            <>
              <a href={`/api/batches/${encodeURIComponent(batchId)}/response`} download>
                Download the response
              </a>
              <a href={`/api/batches/${encodeURIComponent(batchId)}/response/signature`} download>
                Download its signature (.jws)
              </a>
            </>
          )}
        </div>
        {message && (
          <p className={message.error ? 'error' : styles['ok']} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
      </section>

      <div className={styles['grid2']}>
        {data.outcomes.length > 0 && (
          <BarChart
            title="Outcomes"
            series={[{ name: 'requests', color: '#0b5cad' }]}
            groups={data.outcomes.map((row) => ({ label: row.outcome, values: [row.count] }))}
          />
        )}
        {data.outcomes.length > 0 && (
          <section className={styles['panel']}>
            <h2>Outcomes</h2>
            <ul>
              {data.outcomes.map((row) => (
                <li key={row.outcome} style={{ color: OUTCOME_COLORS[row.outcome] }}>
                  {row.outcome}: {row.count}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>

      {data.rejections.length > 0 && (
        <section className={styles['panel']}>
          <h2>Rejections by rule</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Citation</th>
                <th scope="col">Requests</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {data.rejections.map((rule) => (
                <tr key={rule.ruleId}>
                  <td>{rule.ruleId}</td>
                  <td>{rule.citation}</td>
                  <td>{rule.count}</td>
                  <td>{rule.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
