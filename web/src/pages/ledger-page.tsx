import { useCallback, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { useLoad } from '../app/use-load.ts';
import styles from './pages.module.css';
import { TaxpayerAccounting } from './taxpayer-accounting.tsx';

/**
 * The § 6103(p)(3) ledger: one taxpayer's accounting by TIN, and the disclosures, newest first,
 * narrowed to a batch or a taxpayer (the desk's taxpayer id). Every read is audited by the service.
 */
export function LedgerPage() {
  const [filter, setFilter] = useState<{ batchId: string; taxpayerId: string }>({
    batchId: '',
    taxpayerId: '',
  });
  const [draft, setDraft] = useState(filter);
  const { data, error } = useLoad(
    useCallback(
      () =>
        api.GET('/api/ledger', {
          params: {
            query: {
              ...(filter.batchId ? { batchId: filter.batchId } : {}),
              ...(filter.taxpayerId ? { taxpayerId: filter.taxpayerId } : {}),
              limit: 200,
            },
          },
        }),
      [filter],
    ),
  );

  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ batchId: draft.batchId.trim(), taxpayerId: draft.taxpayerId.trim() });
  };

  return (
    <>
      <h1>Ledger</h1>
      <TaxpayerAccounting />
      <h2>Disclosures</h2>
      <form className={styles['toolbar']} onSubmit={search}>
        <label>
          Batch
          <input
            value={draft.batchId}
            onChange={(event) => setDraft({ ...draft, batchId: event.target.value })}
          />
        </label>
        <label>
          Taxpayer id
          <input
            value={draft.taxpayerId}
            onChange={(event) => setDraft({ ...draft, taxpayerId: event.target.value })}
          />
        </label>
        <button type="submit" className="primary">
          Search
        </button>
        <span className="muted">Each search is recorded in the audit log.</span>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <section className={styles['panel']} aria-label="Disclosures">
          <h2 data-testid="ledger-count">
            {data.length} disclosure{data.length === 1 ? '' : 's'}
          </h2>
          {data.length > 0 && (
            <table className={styles['wide']}>
              <thead>
                <tr>
                  <th scope="col">Disclosed</th>
                  <th scope="col">Taxpayer</th>
                  <th scope="col">Batch</th>
                  <th scope="col">Request</th>
                  <th scope="col">Agency</th>
                  <th scope="col">Authority</th>
                  <th scope="col">Purpose</th>
                  <th scope="col">Fields</th>
                </tr>
              </thead>
              <tbody>
                {data.map((row) => (
                  <tr key={`${row.batch_id}/${row.request_id}/${row.taxpayer_id}`}>
                    <td>{row.disclosed_at}</td>
                    <td>{row.taxpayer_id}</td>
                    <td>{row.batch_id}</td>
                    <td>{row.request_id}</td>
                    <td>{row.requesting_agency}</td>
                    <td>{row.statutory_authority}</td>
                    <td>{row.purpose}</td>
                    <td>{row.fields_disclosed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}
