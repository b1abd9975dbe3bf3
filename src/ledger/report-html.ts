import type { AnnualReport } from './annual-report.ts';

/**
 * The annual report as one self-contained HTML page: inline CSS and an inline SVG chart of
 * requests and disclosures by month, nothing fetched (the page is read on machines without a
 * network, and a CDN would learn who reads the accounting).
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const REQUEST_COLOR = '#8da9c4';
const DISCLOSURE_COLOR = '#134074';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const count = (value: number) => value.toLocaleString('en-US');

/** A round axis maximum (1, 2 or 5 × a power of ten) at or above the largest value. */
function axisMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Grouped bars per month: requests received and disclosures made. */
export function monthlyChartSvg(report: AnnualReport): string {
  const width = 760;
  const height = 280;
  const left = 64;
  const bottom = 32;
  const top = 24;
  const plotHeight = height - top - bottom;
  const slot = (width - left - 16) / 12;
  const bar = slot * 0.36;
  const max = axisMax(Math.max(...report.months.map((m) => Math.max(m.requests, m.disclosures))));
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const parts: string[] = [];
  for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
    const value = max * fraction;
    parts.push(
      `<line x1="${left}" x2="${width - 16}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end" font-size="11">${count(Math.round(value))}</text>`,
    );
  }
  report.months.forEach((m, i) => {
    const x = left + i * slot + slot * 0.12;
    for (const [j, value, color, what] of [
      [0, m.requests, REQUEST_COLOR, 'requests'],
      [1, m.disclosures, DISCLOSURE_COLOR, 'disclosures'],
    ] as const) {
      const barTop = y(value);
      parts.push(
        `<rect x="${(x + j * bar).toFixed(1)}" y="${barTop.toFixed(1)}" width="${bar.toFixed(1)}" height="${(top + plotHeight - barTop).toFixed(1)}" fill="${color}"><title>${MONTHS[i]} ${report.year}: ${count(value)} ${what}</title></rect>`,
      );
    }
    parts.push(
      `<text x="${(x + bar).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" font-size="11">${MONTHS[i]}</text>`,
    );
  });
  parts.push(
    `<rect x="${left}" y="4" width="10" height="10" fill="${REQUEST_COLOR}"/><text x="${left + 14}" y="13" font-size="11">requests received</text>`,
    `<rect x="${left + 130}" y="4" width="10" height="10" fill="${DISCLOSURE_COLOR}"/><text x="${left + 144}" y="13" font-size="11">disclosures made</text>`,
  );
  return `<svg role="img" aria-label="Requests and disclosures by month, ${report.year}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif">${parts.join('')}</svg>`;
}

export function reportAsHtml(report: AnnualReport): string {
  const rows = report.lines
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.agency)}</td><td>${escapeHtml(line.statutoryAuthority)}</td><td class="n">${count(line.requests)}</td><td class="n">${count(line.rejected)}</td><td class="n">${count(line.disclosures)}</td><td class="n">${count(line.taxpayers)}</td></tr>`,
    )
    .join('\n');
  const purposes = report.lines
    .filter((line) => line.purposes.length > 0)
    .map((line) => {
      const items = line.purposes
        .map((p) => `<tr><td class="n">${count(p.disclosures)}</td><td>${escapeHtml(p.purpose)}</td></tr>`)
        .join('');
      const others = line.otherPurposes.purposes
        ? `<tr><td class="n">${count(line.otherPurposes.disclosures)}</td><td><em>${count(line.otherPurposes.purposes)} other purposes</em></td></tr>`
        : '';
      return `<h3>${escapeHtml(line.agency)} — ${escapeHtml(line.statutoryAuthority)}</h3><p class="note">${count(line.specificReasons)} record-level reasons were given besides (counted, not listed: each names a person).</p><table><thead><tr><th>disclosures</th><th>purpose stated</th></tr></thead><tbody>${items}${others}</tbody></table>`;
    })
    .join('\n');
  const t = report.totals;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Accounting of disclosures, ${report.year}</title>
<style>
body { font-family: sans-serif; margin: 2rem auto; max-width: 60rem; color: #111; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #ccc; padding: 0.25rem 0.75rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: bold; }
.note { color: #555; font-size: 0.9rem; }
</style></head>
<body>
<h1>Accounting of disclosures, calendar year ${report.year}</h1>
<p class="note">26 U.S.C. § 6103(p)(3): requests received and disclosures of return information made, per requesting agency and statutory authority. Generated ${escapeHtml(report.generatedAt)} by Disclosure Desk.</p>
<h2>Requests and disclosures by month</h2>
${monthlyChartSvg(report)}
<h2>By agency and statutory authority</h2>
<table>
<thead><tr><th>agency</th><th>statutory authority</th><th class="n">requests</th><th class="n">rejected at screening</th><th class="n">disclosures</th><th class="n">taxpayers</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><td>total</td><td></td><td class="n">${count(t.requests)}</td><td class="n">${count(t.rejected)}</td><td class="n">${count(t.disclosures)}</td><td class="n">${count(t.taxpayers)}</td></tr></tfoot>
</table>
<h2>Purposes stated</h2>
${purposes || '<p>No disclosures this year.</p>'}
</body></html>
`;
}
