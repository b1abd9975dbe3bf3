import { useCallback, useState } from 'react';
import { api } from '../api/client.ts';
import { useLoad } from '../app/use-load.ts';
import { BarChart } from '../charts/bar-chart.tsx';
import styles from './pages.module.css';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const REQUESTS = { name: 'requests', color: '#0b5cad' };
const REJECTED = { name: 'rejected', color: '#b3261e' };
const DISCLOSURES = { name: 'disclosures', color: '#1e7b34' };

/**
 * The annual § 6103(p)(3) accounting (`ddesk ledger report`): totals, requests and disclosures by
 * month and by agency and authority as charts, and each line's purposes. Reading it is an audited
 * read; the same report downloads as CSV, text or the desk's printable HTML page.
 */
export function ReportPage() {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const valid = Number.isInteger(year) && year >= 1900 && year <= 9999;
  const report = useLoad(
    useCallback(
      () => api.GET('/api/ledger/report', { params: { query: { year, format: 'json', top: 10 } } }),
      [year],
    ),
  );
  const url = (format: string) => `/api/ledger/report?year=${year}&format=${format}`;
  const data = valid && report.data?.year === year ? report.data : null;
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
            <a href={url('html')} target="_blank" rel="noreferrer">
              Printable page
            </a>
          </>
        )}
      </div>
      {report.error && valid && (
        <p className="error" role="alert">
          {report.error}
        </p>
      )}
      {!data ? (
        valid && !report.error && <p role="status">Loading {year}…</p>
      ) : (
        <>
          <section className={styles['panel']} aria-label="Totals">
            <h2>{data.year}</h2>
            <ul className={styles['tiles']} data-testid="report-totals">
              <li>
                <strong>{data.totals.requests}</strong> requests
              </li>
              <li>
                <strong>{data.totals.rejected}</strong> rejected
              </li>
              <li>
                <strong>{data.totals.disclosures}</strong> disclosures
              </li>
              <li>
                <strong>{data.totals.taxpayers}</strong> taxpayers
              </li>
            </ul>
            <p className="muted">Generated {data.generatedAt}.</p>
          </section>
          <div className={styles['charts']}>
            <BarChart
              title={`Requests and disclosures by month, ${data.year}`}
              series={[REQUESTS, DISCLOSURES]}
              groups={MONTHS.map((label, i) => {
                const month = data.months.find((m) => m.month === i + 1);
                return { label, values: [month?.requests ?? 0, month?.disclosures ?? 0] };
              })}
            />
            <BarChart
              title="By agency and statutory authority"
              series={[REQUESTS, REJECTED, DISCLOSURES]}
              groups={data.lines.map((line) => ({
                label: `${line.agency} ${line.statutoryAuthority}`,
                values: [line.requests, line.rejected, line.disclosures],
              }))}
            />
          </div>
          {data.lines.length === 0 ? (
            <p>No request was received in {data.year}.</p>
          ) : (
            <table className={styles['wide']}>
              <caption>Lines of the accounting: agency, authority and the purposes disclosed for</caption>
              <thead>
                <tr>
                  <th scope="col">Agency</th>
                  <th scope="col">Authority</th>
                  <th scope="col">Requests</th>
                  <th scope="col">Rejected</th>
                  <th scope="col">Disclosures</th>
                  <th scope="col">Taxpayers</th>
                  <th scope="col">Specific reasons</th>
                  <th scope="col">Purposes (disclosures)</th>
                </tr>
              </thead>
              <tbody>
                {data.lines.map((line) => (
                  <tr key={`${line.agency}/${line.statutoryAuthority}`}>
                    <td>{line.agency}</td>
                    <td>{line.statutoryAuthority}</td>
                    <td>{line.requests}</td>
                    <td>{line.rejected}</td>
                    <td>{line.disclosures}</td>
                    <td>{line.taxpayers}</td>
                    <td>{line.specificReasons}</td>
                    <td>
                      {line.purposes.map((p) => `${p.purpose} (${p.disclosures})`).join('; ')}
                      {line.otherPurposes.purposes > 0 &&
                        `; ${line.otherPurposes.purposes} other purposes (${line.otherPurposes.disclosures})`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
