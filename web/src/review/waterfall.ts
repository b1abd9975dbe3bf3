/** One field's weight in a match, in bits (log2 of m/u), as the service's explanation gives it. */
export interface FieldWeight {
  field: string;
  label: string;
  bits: number;
}

/** A bar of the waterfall: it starts where the running total was and ends where it is after it. */
export interface WaterfallBar {
  name: string;
  detail: string;
  from: number;
  to: number;
  kind: 'prior' | 'field' | 'total';
}

/**
 * The waterfall of a Fellegi–Sunter match weight (Splink's chart): the prior, then each field's
 * weight added in the order compared, then the total. Bars run from the running total before the
 * field to the total after it, so a negative weight is a bar going left.
 */
export function waterfallBars(priorBits: number, fields: readonly FieldWeight[]): WaterfallBar[] {
  const bars: WaterfallBar[] = [
    { name: 'prior', detail: 'before any field', from: 0, to: priorBits, kind: 'prior' },
  ];
  let total = priorBits;
  for (const field of fields) {
    bars.push({ name: field.field, detail: field.label, from: total, to: total + field.bits, kind: 'field' });
    total += field.bits;
  }
  bars.push({ name: 'match weight', detail: probabilityText(total), from: 0, to: total, kind: 'total' });
  return bars;
}

/** The probability a match weight stands for, 2^w / (1 + 2^w), as a reviewer reads it. */
export function probabilityOf(bits: number): number {
  return 1 / (1 + 2 ** -bits);
}

export function probabilityText(bits: number): string {
  const p = probabilityOf(bits);
  if (p > 0.9999) return 'probability > 0.9999';
  if (p < 0.0001) return 'probability < 0.0001';
  return `probability ${p.toFixed(4)}`;
}

/** The extent of the chart's axis: every bar end and zero, widened to whole bits. */
export function axisRange(bars: readonly WaterfallBar[]): { min: number; max: number } {
  const ends = bars.flatMap((bar) => [bar.from, bar.to]);
  return { min: Math.floor(Math.min(0, ...ends)), max: Math.ceil(Math.max(0, ...ends)) };
}
