import { useCallback, useState } from 'react';
import { api } from '../api/client.ts';
import { useLoad } from '../app/use-load.ts';
import { BarChart } from '../charts/bar-chart.tsx';
import styles from './pages.module.css';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The annual § 6103(p)(3) report: totals, requests and disclosures by month, and per authority. */
export function ReportPage() {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const { data, error } = useLoad(
    useCallback(() => api.GET('/api/ledger/report', { params: { query: { year } } }), [year]),
  );
  return (
    <>
      <h1>Annual report § 6103(p)(3)</h1>
      <div className={styles['toolbar']}>
        <label>
          Year
          <input
            type="number"
            value={year}
            min={2000}
            max={2100}
            onChange={(event) => setYear(Number(event.target.value))}
          />
        </label>
      </div>
      {error && <p className="error">{error}</p>}
      {data && (
        <>
          <p className={styles['panel']} data-testid="report-totals">
            {data.year}: {data.totals.requests} requests received, {data.totals.rejected} rejected at
            screening, {data.totals.disclosures} disclosures about {data.totals.taxpayers} taxpayers.
          </p>
          <BarChart
            title={`Requests and disclosures by month, ${data.year}`}
            series={[
              { name: 'requests', color: '#0b5cad' },
              { name: 'disclosures', color: '#c2410c' },
            ]}
            groups={data.months.map((month) => ({
              label: MONTHS[month.month - 1] ?? String(month.month),
              values: [month.requests, month.disclosures],
            }))}
          />
          {data.lines.length > 0 && (
            <BarChart
              title="Disclosures by agency and authority"
              series={[
                { name: 'requests', color: '#0b5cad' },
                { name: 'rejected', color: '#a3201b' },
                { name: 'disclosures', color: '#c2410c' },
              ]}
              groups={data.lines.map((line) => ({
                label: line.agency,
                values: [line.requests, line.rejected, line.disclosures],
              }))}
            />
          )}
          <table className={styles['wide']}>
            <thead>
              <tr>
                <th scope="col">Agency</th>
                <th scope="col">Authority</th>
                <th scope="col">Requests</th>
                <th scope="col">Rejected</th>
                <th scope="col">Disclosures</th>
                <th scope="col">Taxpayers</th>
                <th scope="col">Purposes</th>
              </tr>
            </thead>
            <tbody>
              {data.lines.map((line) => (
                <tr key={`${line.agency}|${line.statutoryAuthority}`}>
                  <td>{line.agency}</td>
                  <td>{line.statutoryAuthority}</td>
                  <td>{line.requests}</td>
                  <td>{line.rejected}</td>
                  <td>{line.disclosures}</td>
                  <td>{line.taxpayers}</td>
                  <td>
                    {line.purposes.map((p) => `${p.purpose} (${p.disclosures})`).join('; ')}
                    {line.otherPurposes.purposes > 0 &&
                      `; ${line.otherPurposes.purposes} other purposes (${line.otherPurposes.disclosures})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
