/** One CSV line (RFC 4180): a field is quoted only when it holds a comma, a quote or a line break. */
export function csvLine(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] ?? '';
    if (i > 0) line += ',';
    line += /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
  }
  return `${line}\n`;
}
