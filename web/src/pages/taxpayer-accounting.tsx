import { useState, type FormEvent } from 'react';
import { api, problemText } from '../api/client.ts';
import type { components } from '../api/schema.ts';
import styles from './pages.module.css';

type Accounting = components['schemas']['TaxpayerAccounting'];

/**
 * The § 6103(p)(3) accounting of one taxpayer, looked up by TIN: every request that concerned them
 * and every disclosure. The TIN goes in the request body, never the URL, and the read is audited.
 */
export function TaxpayerAccounting() {
  const [tin, setTin] = useState('');
  const [result, setResult] = useState<Accounting | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const {
      data,
      error: failure,
      response,
    } = await api.POST('/api/ledger/taxpayer', {
      body: { tin: tin.trim() },
    });
    setBusy(false);
    if (!data) {
      setResult(null);
      return setError(problemText(failure, response));
    }
    setResult(data);
    // The answer shows the TIN's last four digits; the full number does not stay on screen.
    setTin('');
  };

  return (
    <section className={styles['panel']} aria-labelledby="by-tin">
      <h2 id="by-tin">A taxpayer's accounting, by TIN</h2>
      <form className={styles['toolbar']} onSubmit={(event) => void search(event)}>
        <label>
          Taxpayer TIN
          <input
            value={tin}
            onChange={(event) => setTin(event.target.value)}
            inputMode="numeric"
            autoComplete="off"
            placeholder="123-45-6789"
            required
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          Look up
        </button>
        <span className="muted">Recorded in the audit log (the TIN itself is not).</span>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div data-testid="taxpayer-accounting">
          <p>
            TIN {result.tin}:{' '}
            {result.taxpayerIds.length > 0
              ? `taxpayer ${result.taxpayerIds.join(', ')}`
              : 'no taxpayer of record'}{' '}
            · <strong data-testid="tin-requests">{result.requests.length}</strong> request
            {result.requests.length === 1 ? '' : 's'} ·{' '}
            <strong data-testid="tin-disclosures">{result.disclosures.length}</strong> disclosure
            {result.disclosures.length === 1 ? '' : 's'}
          </p>
          {result.requests.length > 0 && (
            <table className={styles['wide']}>
              <caption>Requests that concerned this taxpayer</caption>
              <thead>
                <tr>
                  <th scope="col">Received</th>
                  <th scope="col">Batch</th>
                  <th scope="col">Request</th>
                  <th scope="col">Agency</th>
                  <th scope="col">Authority</th>
                  <th scope="col">Outcome (internal)</th>
                  <th scope="col">How it concerned them</th>
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
                    <td>{row.statutory_authority}</td>
                    <td>{row.outcome}</td>
                    <td>{row.concerns}</td>
                    <td>{row.disclosed ? 'yes' : 'no'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.disclosures.length > 0 && (
            <table className={styles['wide']}>
              <caption>Disclosures</caption>
              <thead>
                <tr>
                  <th scope="col">Disclosed</th>
                  <th scope="col">Batch</th>
                  <th scope="col">Request</th>
                  <th scope="col">Agency</th>
                  <th scope="col">Authority</th>
                  <th scope="col">Purpose</th>
                  <th scope="col">Recipient</th>
                  <th scope="col">Fields</th>
                  <th scope="col">Entry</th>
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
                    <td>{row.recipient}</td>
                    <td>{row.fields_disclosed}</td>
                    <td>{row.entry_id}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
