import { useState } from 'react';
import { api, problemText } from '../api/client.ts';
import styles from './pages.module.css';

type Verification = NonNullable<Awaited<ReturnType<typeof verify>>['data']>;

function verify() {
  return api.POST('/api/audit/verify');
}

/** Verifies the whole audit chain, the rows each event wrote and the checkpoints; shows the latest. */
export function AuditPage() {
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(null);
    const { data, error: failure, response } = await verify();
    setBusy(false);
    if (!data) return setError(problemText(failure, response));
    setResult(data);
  };

  return (
    <>
      <h1>Audit</h1>
      <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
        {busy ? 'Verifying…' : 'Verify the audit chain'}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <section className={styles['panel']} aria-label="Verification" role="status">
          {result.verdict.kind === 'intact' ? (
            <p className={styles['ok']} data-testid="audit-verdict">
              Intact: {result.verdict.size} events, {result.verdict.checkpointsChecked} checkpoints checked;
              Merkle root {result.verdict.root.slice(0, 16)}…
            </p>
          ) : (
            <>
              <p className={styles['bad']} data-testid="audit-verdict">
                Broken at event {result.verdict.seq}: {result.verdict.problem}
              </p>
              <ul>
                {result.verdict.problems.map((p, i) => (
                  <li key={i}>
                    {p.seq ?? '—'} {p.action ?? ''}: {p.problem}
                  </li>
                ))}
              </ul>
            </>
          )}
          {result.latestCheckpoint ? (
            <p>
              Latest checkpoint: size {result.latestCheckpoint.size}, signed {result.latestCheckpoint.at}
            </p>
          ) : (
            <p className="muted">No checkpoint yet.</p>
          )}
        </section>
      )}
    </>
  );
}
