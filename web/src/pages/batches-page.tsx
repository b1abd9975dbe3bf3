import { useCallback } from 'react';
import { api } from '../api/client.ts';
import { routeHref } from '../app/router.ts';
import { useLoad } from '../app/use-load.ts';
import styles from './pages.module.css';

/** Every batch with its stage, size and the outcomes decided so far. */
export function BatchesPage() {
  const { data, error } = useLoad(useCallback(() => api.GET('/api/batches'), []));
  return (
    <>
      <h1>Batches</h1>
      {error && <p className="error">{error}</p>}
      {data && data.length === 0 && <p>No batch has been received yet.</p>}
      {data && data.length > 0 && (
        <table className={styles['wide']}>
          <thead>
            <tr>
              <th scope="col">Batch</th>
              <th scope="col">Agency</th>
              <th scope="col">Stage</th>
              <th scope="col">Requests</th>
              <th scope="col">Outcomes</th>
              <th scope="col">Received</th>
              <th scope="col">Program</th>
            </tr>
          </thead>
          <tbody>
            {data.map((batch) => (
              <tr key={batch.batchId}>
                <td>
                  <a href={routeHref({ page: 'batch', batchId: batch.batchId })}>{batch.batchId}</a>
                </td>
                <td>{batch.requestingAgency}</td>
                <td>{batch.stage}</td>
                <td>{batch.records}</td>
                <td>{outcomeSummary(batch.outcomes)}</td>
                <td>{batch.receivedAt}</td>
                <td>{batch.programId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** "CONFIRMED 12 · NO_RECORD 30", alphabetical; a dash before matching. */
export function outcomeSummary(outcomes: Record<string, number>): string {
  const entries = Object.entries(outcomes).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '–' : entries.map(([outcome, n]) => `${outcome} ${n}`).join(' · ');
}
