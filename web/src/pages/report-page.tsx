import { useState } from 'react';
import styles from './pages.module.css';

/**
 * The annual § 6103(p)(3) report as the desk renders it (`ddesk ledger report --format html`: the
 * totals, a chart of requests and disclosures by month, and a line per agency and authority), so
 * the page and the command can never disagree. Reading it is an audited read.
 */
export function ReportPage() {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const valid = Number.isInteger(year) && year >= 1900 && year <= 9999;
  const url = (format: string) => `/api/ledger/report?year=${year}&format=${format}`;
  return (
    <>
      <h1>Annual report § 6103(p)(3)</h1>
      <div className={styles['toolbar']}>
        <label>
          Year
          <input
            type="number"
            value={year}
            min={1900}
            max={9999}
            onChange={(event) => setYear(Number(event.target.value))}
          />
        </label>
        {valid && (
          <>
            <a href={url('csv')} download={`accounting-${year}.csv`}>
              Download as CSV
            </a>
            <a href={url('text')} download={`accounting-${year}.txt`}>
              Download as text
            </a>
          </>
        )}
      </div>
      {valid && <iframe className={styles['report']} title={`Annual report ${year}`} src={url('html')} />}
    </>
  );
}
