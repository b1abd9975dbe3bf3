import { toCsv } from '../release/response-file.ts';
import type { AnnualReport } from './annual-report.ts';

const count = (value: number) => value.toLocaleString('en-US');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const numeric = (value: string) => /^[\d,]+$/.test(value);
  const render = (row: readonly string[]) =>
    row
      .map((cell, i) => (numeric(cell) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...rows.map(render)];
}

/** The report for a person at a terminal: the summary table, then each line's purposes. */
export function reportAsText(report: AnnualReport): string {
  const out: string[] = [
    `Accounting of disclosures under 26 U.S.C. § 6103(p)(3), calendar year ${report.year}`,
    `generated ${report.generatedAt}`,
    '',
    ...table(
      ['agency', 'statutory authority', 'requests', 'rejected', 'disclosures', 'taxpayers'],
      [
        ...report.lines.map((line) => [
          line.agency,
          line.statutoryAuthority,
          count(line.requests),
          count(line.rejected),
          count(line.disclosures),
          count(line.taxpayers),
        ]),
        [
          'total',
          '',
          count(report.totals.requests),
          count(report.totals.rejected),
          count(report.totals.disclosures),
          count(report.totals.taxpayers),
        ],
      ],
    ),
  ];
  for (const line of report.lines) {
    if (!line.purposes.length) continue;
    out.push(
      '',
      `purposes of the disclosures to ${line.agency} under ${line.statutoryAuthority} (and ${count(line.specificReasons)} record-level reasons, not listed: each names a person):`,
    );
    for (const purpose of line.purposes)
      out.push(`  ${count(purpose.disclosures).padStart(9)}  ${purpose.purpose}`);
    if (line.otherPurposes.purposes)
      out.push(
        `  ${count(line.otherPurposes.disclosures).padStart(9)}  (${count(line.otherPurposes.purposes)} other purposes)`,
      );
  }
  return `${out.join('\n')}\n`;
}

/**
 * One row per agency, authority and purpose (tidy: a spreadsheet pivots it); the line's totals
 * repeat on each of its rows, and a line without disclosures has one row with no purpose.
 */
export function reportAsCsv(report: AnnualReport): string {
  const header = [
    'year',
    'agency',
    'statutory_authority',
    'requests',
    'rejected',
    'disclosures',
    'taxpayers',
    'specific_reasons',
    'purpose',
    'purpose_disclosures',
  ];
  const rows: string[][] = [];
  for (const line of report.lines) {
    const head = [
      String(report.year),
      line.agency,
      line.statutoryAuthority,
      String(line.requests),
      String(line.rejected),
      String(line.disclosures),
      String(line.taxpayers),
      String(line.specificReasons),
    ];
    const purposes = [
      ...line.purposes.map((p) => [p.purpose, String(p.disclosures)]),
      ...(line.otherPurposes.purposes
        ? [[`(${line.otherPurposes.purposes} other purposes)`, String(line.otherPurposes.disclosures)]]
        : []),
    ];
    if (purposes.length === 0) rows.push([...head, '', '0']);
    for (const purpose of purposes) rows.push([...head, ...purpose]);
  }
  return toCsv(header, rows);
}
