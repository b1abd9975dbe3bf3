import { useState, type FormEvent } from 'react';
import { api, problemText } from '../api/client.ts';
import { navigate } from '../app/router.ts';
import styles from './pages.module.css';

/** The intake clerk uploads a signed manifest and its records file; the service streams both. */
export function SubmitPage() {
  const [manifest, setManifest] = useState<File | null>(null);
  const [records, setRecords] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!manifest || !records) return;
    setBusy(true);
    setError(null);
    // The signed manifest is a text field and comes first: the service checks who may submit it
    // before it stores a byte of the records, which it streams to disk.
    const form = new FormData();
    form.append('manifest', (await manifest.text()).trim());
    form.append('records', records);
    // The document describes no body for this multipart upload, so the form goes in as is.
    const { data, error: failure, response } = await api.POST('/api/batches', { body: form as never });
    setBusy(false);
    if (!data) return setError(problemText(failure, response));
    navigate({ page: 'batch', batchId: data.batchId });
  };

  return (
    <>
      <h1>Submit a batch</h1>
      <form className={styles['panel']} onSubmit={(event) => void submit(event)}>
        <div className={styles['toolbar']}>
          <label>
            Signed manifest (.jws)
            <input
              type="file"
              name="manifest"
              accept=".jws,.json"
              required
              onChange={(event) => setManifest(event.target.files?.[0] ?? null)}
            />
          </label>
          <label>
            Records file (.csv)
            <input
              type="file"
              name="records"
              accept=".csv,text/csv"
              required
              onChange={(event) => setRecords(event.target.files?.[0] ?? null)}
            />
          </label>
          <button type="submit" className="primary" disabled={busy || !manifest || !records}>
            {busy ? 'Uploading…' : 'Submit'}
          </button>
        </div>
        <p className="muted">
          The desk checks the manifest's signature, its record count and SHA-256 against the file before it
          keeps anything.
        </p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </>
  );
}
