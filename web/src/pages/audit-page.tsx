import { useCallback, useState } from 'react';
import { api, problemText } from '../api/client.ts';
import { useLoad } from '../app/use-load.ts';
import styles from './pages.module.css';

type Verdict = NonNullable<Awaited<ReturnType<typeof verify>>['data']>;

function verify() {
  return api.POST('/api/audit/verify', { body: {} });
}

type Checkpoint = NonNullable<Awaited<ReturnType<typeof checkpoints>>['data']>['checkpoints'][number];
function checkpoints() {
  return api.GET('/api/audit/checkpoints');
}

/**
 * Verifies every event of the audit chain, the rows each wrote and every signed checkpoint, and
 * shows the latest checkpoint (what an auditor keeps outside the desk).
 */
export function AuditPage() {
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kept = useLoad(useCallback(() => checkpoints(), []));
  const latest: Checkpoint | undefined = kept.data?.checkpoints.reduce<Checkpoint | undefined>(
    (best, c) => (!best || c.treeSize > best.treeSize ? c : best),
    undefined,
  );

  const run = async () => {
    setBusy(true);
    setError(null);
    const { data, error: failure, response } = await verify();
    setBusy(false);
    if (!data) return setError(problemText(failure, response));
    setVerdict(data);
    kept.reload();
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
      {verdict && <VerdictPanel verdict={verdict} />}
      <section className={styles['panel']} aria-label="Latest checkpoint">
        <h2>Latest signed checkpoint</h2>
        {kept.error && <p className="error">{kept.error}</p>}
        {latest ? (
          <>
            <p data-testid="latest-checkpoint">
              {latest.treeSize} events, signed {latest.signedAt} by key {latest.keyName}; root{' '}
              <code>{latest.rootHash.slice(0, 16)}…</code>
            </p>
            <details>
              <summary>Signed note (keep it outside the desk)</summary>
              <pre>{latest.note}</pre>
            </details>
          </>
        ) : (
          kept.data && <p className="muted">No checkpoint yet.</p>
        )}
      </section>
    </>
  );
}

function VerdictPanel({ verdict }: { verdict: Verdict }) {
  return (
    <section className={styles['panel']} aria-label="Verification" role="status">
      {verdict.kind === 'intact' ? (
        <p className={styles['ok']} data-testid="audit-verdict">
          Intact: {verdict.size} events and the {verdict.rows} rows they wrote verify;{' '}
          {verdict.checkpointsChecked} checkpoints checked; Merkle root{' '}
          <code>{verdict.root.slice(0, 16)}…</code>
        </p>
      ) : (
        <>
          <p className={styles['bad']} data-testid="audit-verdict">
            Broken at event {verdict.seq}: {verdict.problem}
          </p>
          <ul>
            {verdict.problems.map((p, i) => (
              <li key={i}>
                {p.seq ?? '—'} {p.action ?? ''}: {p.problem}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
