import { useState, type FormEvent } from 'react';
import styles from './review.module.css';

export interface SearchCriteria {
  tin: string;
  lastName: string;
  firstName: string;
  zip: string;
  dob: string;
}

const EMPTY: SearchCriteria = { tin: '', lastName: '', firstName: '', zip: '', dob: '' };
const FIELDS: readonly { key: keyof SearchCriteria; label: string; placeholder?: string }[] = [
  { key: 'tin', label: 'TIN', placeholder: '123-45-6789' },
  { key: 'lastName', label: 'Surname' },
  { key: 'firstName', label: 'Given name' },
  { key: 'zip', label: 'ZIP' },
  { key: 'dob', label: 'Date of birth', placeholder: 'YYYY-MM-DD' },
];

/**
 * Looking beyond the matcher's candidates (`ddesk review search`): a TIN, or a surname with one
 * more field. The service stores and audits each search; the taxpayers it shows join the request's
 * candidates, and only they may be named in a decision.
 */
export function ReferenceSearch({
  search,
}: {
  /** Runs the search; resolves to a line saying what it found, or rejects with the refusal. */
  search: (criteria: SearchCriteria) => Promise<string>;
}) {
  const [criteria, setCriteria] = useState<SearchCriteria>(EMPTY);
  const [result, setResult] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      setResult({ text: await search(criteria), error: false });
      setCriteria(EMPTY);
    } catch (error) {
      setResult({ text: error instanceof Error ? error.message : String(error), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className={styles['search']}>
      <summary>Search the reference beyond the candidates (audited)</summary>
      <form onSubmit={(event) => void submit(event)}>
        {FIELDS.map(({ key, label, placeholder }) => (
          <label key={key}>
            {label}
            <input
              value={criteria[key]}
              autoComplete="off"
              placeholder={placeholder}
              onChange={(event) => setCriteria({ ...criteria, [key]: event.target.value })}
            />
          </label>
        ))}
        <button type="submit" disabled={busy}>
          Search
        </button>
      </form>
      <p className="muted">A TIN, or a surname with a given name, ZIP or date of birth.</p>
      {result && (
        <p className={result.error ? 'error' : undefined} role={result.error ? 'alert' : 'status'}>
          {result.text}
        </p>
      )}
    </details>
  );
}
