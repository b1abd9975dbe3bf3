import { useCallback, useMemo, useState } from 'react';
import { api, problemText } from '../api/client.ts';
import { navigate } from '../app/router.ts';
import { useSession } from '../app/session.ts';
import { useLoad } from '../app/use-load.ts';
import type { components } from '../api/schema.ts';
import { reasonKind } from '../review/reason-kind.ts';
import type { SearchCriteria } from '../review/reference-search.tsx';
import { Workbench, type Verdict, type VerdictResult } from '../review/workbench.tsx';
import styles from './pages.module.css';

/** How long a request has waited in its status (since the matcher left it, or a reviewer's last answer). */
const AGES = [
  { label: 'any', days: 0 },
  { label: 'waiting over 1 day', days: 1 },
  { label: 'waiting over 7 days', days: 7 },
];

/** The desk's timestamps are UTC without a zone (DuckDB TIMESTAMP as text). */
function daysSince(timestamp: string, now: number): number {
  const at = Date.parse(
    /[zZ]|[+-]\d\d:?\d\d$/.test(timestamp) ? timestamp : `${timestamp.replace(' ', 'T')}Z`,
  );
  return (now - at) / 86_400_000;
}

type RequestView = components['schemas']['ReviewView'];

/**
 * The review queue: pick a batch (oldest first), narrow its queue by how long requests have waited,
 * their status or kind of reason, then work through it in the workbench.
 */
export function ReviewPage({ batchId }: { batchId: string | null }) {
  const { session } = useSession();
  const batches = useLoad(useCallback(() => api.GET('/api/batches'), []));
  const reviewable = useMemo(
    () =>
      (batches.data ?? [])
        .filter((batch) => batch.stage === 'matched' || batch.stage === 'reviewed')
        .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)),
    [batches.data],
  );

  return (
    <>
      <h1>Review{batchId && ` · ${batchId}`}</h1>
      <div className={styles['toolbar']}>
        <label>
          Batch
          <select
            value={batchId ?? ''}
            onChange={(event) => navigate({ page: 'review', batchId: event.target.value || null })}
          >
            <option value="">— choose a batch —</option>
            {reviewable.map((batch) => (
              <option key={batch.batchId} value={batch.batchId}>
                {batch.batchId} ({batch.stage}, received {batch.receivedAt.slice(0, 10)})
              </option>
            ))}
          </select>
        </label>
      </div>
      {batches.error && <p className="error">{batches.error}</p>}
      {batchId ? (
        <BatchQueue key={batchId} batchId={batchId} account={session.account} />
      ) : (
        <p>Choose a batch to review.</p>
      )}
    </>
  );
}

function BatchQueue({ batchId, account }: { batchId: string; account: string }) {
  const queue = useLoad(
    useCallback(
      () => api.GET('/api/batches/{batchId}/reviews', { params: { path: { batchId } } }),
      [batchId],
    ),
  );
  const [status, setStatus] = useState('');
  const [reason, setReason] = useState('');
  const [minAge, setMinAge] = useState(0);
  const [now] = useState(() => Date.now());
  const rows = useMemo(() => {
    const days = AGES[minAge]?.days ?? 0;
    return (queue.data ?? []).filter(
      (row) =>
        (!status || row.status === status) &&
        (!reason || reasonKind(row.reason) === reason) &&
        (days === 0 || daysSince(row.status_since, now) > days),
    );
  }, [queue.data, status, reason, minAge, now]);
  // The kinds of reason in this queue, each with how many requests wait for it.
  const reasons = useMemo(() => {
    const counts = new Map<string, number>();
    for (const row of queue.data ?? []) {
      const kind = reasonKind(row.reason);
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    return [...counts].sort(([a], [b]) => a.localeCompare(b));
  }, [queue.data]);
  // The workbench walks the queue as filtered when the reviewer starts: it is keyed on the filter.
  const load = useCallback(
    async (requestId: string): Promise<RequestView> => {
      const { data, error, response } = await api.GET('/api/batches/{batchId}/reviews/{requestId}', {
        params: { path: { batchId, requestId } },
      });
      if (!data) throw new Error(problemText(error, response));
      return data;
    },
    [batchId],
  );
  const decide = useCallback(
    async (requestId: string, verdict: Verdict, note: string): Promise<VerdictResult> => {
      const { data, error, response } = await api.POST('/api/batches/{batchId}/reviews/{requestId}', {
        params: { path: { batchId, requestId } },
        body: { ...verdict, note },
      });
      const result = data?.results[0];
      if (!result) throw new Error(problemText(error, response));
      return { ...result, remaining: data.remaining };
    },
    [batchId],
  );

  const search = useCallback(
    async (requestId: string, criteria: SearchCriteria) => {
      const { data, error, response } = await api.POST('/api/batches/{batchId}/reviews/{requestId}/search', {
        params: { path: { batchId, requestId } },
        body: criteria,
      });
      if (!data) throw new Error(problemText(error, response));
      return { shown: data.hits.length, more: data.more };
    },
    [batchId],
  );

  if (queue.error) return <p className="error">{queue.error}</p>;
  if (!queue.data) return <p role="status">Loading the queue…</p>;
  return (
    <>
      <div className={styles['toolbar']}>
        <label>
          Age
          <select value={minAge} onChange={(event) => setMinAge(Number(event.target.value))}>
            {AGES.map((age, i) => (
              <option key={age.label} value={i}>
                {age.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">all</option>
            <option value="awaiting review">awaiting review</option>
            <option value="awaiting a second reviewer">awaiting a second reviewer</option>
          </select>
        </label>
        <label>
          Reason
          <select value={reason} onChange={(event) => setReason(event.target.value)}>
            <option value="">all</option>
            {reasons.map(([kind, count]) => (
              <option key={kind} value={kind}>
                {kind} ({count})
              </option>
            ))}
          </select>
        </label>
      </div>
      <Workbench
        key={`${status}|${reason}|${minAge}`}
        account={account}
        queue={rows}
        load={load}
        decide={decide}
        search={search}
      />
    </>
  );
}
