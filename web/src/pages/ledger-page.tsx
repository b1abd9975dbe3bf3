import { useState, type FormEvent } from 'react';
import { api, problemText } from '../api/client.ts';
import styles from './pages.module.css';

type Accounting = NonNullable<Awaited<ReturnType<typeof lookUp>>['data']>;

function lookUp(tin: string) {
  // In the body, not the URL: a TIN never lands in an access log. The service audits the read.
  return api.POST('/api/ledger/taxpayer', { body: { tin } });
}

/** The § 6103(p)(3) accounting of one taxpayer: every request that concerned them, every disclosure. */
export function LedgerPage() {
  const [tin, setTin] = useState('');
  const [result, setResult] = useState<Accounting | null>(null);
  const [error, setError] = useState<string | null>(null);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const { data, error: failure, response } = await lookUp(tin);
    if (!data) {
      setResult(null);
      return setError(problemText(failure, response));
    }
    setResult(data);
  };

  return (
    <>
      <h1>Ledger</h1>
      <form className={styles['toolbar']} onSubmit={(event) => void search(event)}>
        <label>
          Taxpayer TIN
          <input
            name="tin"
            value={tin}
            onChange={(event) => setTin(event.target.value)}
            autoComplete="off"
            inputMode="numeric"
            required
          />
        </label>
        <button type="submit" className="primary">
          Search
        </button>
        <span className="muted">
          Each search is recorded in the audit log (under a pseudonym of the TIN).
        </span>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <section className={styles['panel']} aria-label="Accounting">
          <h2>
            TIN {result.tin}: {result.disclosures.length} disclosure
            {result.disclosures.length === 1 ? '' : 's'}, {result.requests.length} request
            {result.requests.length === 1 ? '' : 's'}
          </h2>
          <h2>Disclosures</h2>
          {result.disclosures.length === 0 ? (
            <p>None.</p>
          ) : (
            <table className={styles['wide']}>
              <thead>
                <tr>
                  <th scope="col">Disclosed</th>
                  <th scope="col">Batch</th>
                  <th scope="col">Request</th>
                  <th scope="col">Agency</th>
                  <th scope="col">Authority</th>
                  <th scope="col">Purpose</th>
                  <th scope="col">Fields</th>
                </tr>
              </thead>
              <tbody>
                {result.disclosures.map((row) => (
                  <tr key={row.entry_id}>
                    <td>{row.disclosed_at}</td>
                    <td>{row.batch_id}</td>
                    <td>{row.request_id}</td>
                    <td>{row.agency}</td>
                    <td>{row.statutory_authority}</td>
                    <td>{row.purpose}</td>
                    <td>{row.fields_disclosed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>Requests that concerned this taxpayer</h2>
          <table className={styles['wide']}>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Batch</th>
                <th scope="col">Request</th>
                <th scope="col">Agency</th>
                <th scope="col">Outcome</th>
                <th scope="col">How</th>
                <th scope="col">Disclosed</th>
              </tr>
            </thead>
            <tbody>
              {result.requests.map((row) => (
                <tr key={`${row.batch_id}/${row.request_id}`}>
                  <td>{row.received_at}</td>
                  <td>{row.batch_id}</td>
                  <td>{row.request_id}</td>
                  <td>{row.agency}</td>
                  <td>{row.outcome}</td>
                  <td>{row.concerns}</td>
                  <td>{row.disclosed ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
