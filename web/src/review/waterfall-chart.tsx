import { axisRange, waterfallBars, type FieldWeight } from './waterfall.ts';
import styles from './review.module.css';

const ROW = 24;
const LABEL = 190;
const WIDTH = 560;

/**
 * The per-field waterfall of the matcher's weight for the best candidate (Splink's chart): green
 * bars add evidence for the same person, red bars against. An SVG with a text alternative.
 */
export function WaterfallChart({ priorBits, fields }: { priorBits: number; fields: readonly FieldWeight[] }) {
  const bars = waterfallBars(priorBits, fields);
  const { min, max } = axisRange(bars);
  const plot = WIDTH - LABEL - 60;
  const x = (bits: number) => LABEL + ((bits - min) / (max - min || 1)) * plot;
  const height = bars.length * ROW + 24;
  const summary = bars
    .map((bar) => `${bar.name} ${signed(bar.to - bar.from)} bits (${bar.detail})`)
    .join('; ');
  return (
    <figure className={styles['waterfall']}>
      <svg width={WIDTH} height={height} role="img" aria-label={`Match weight waterfall: ${summary}`}>
        <line x1={x(0)} x2={x(0)} y1={0} y2={height - 20} stroke="#59636e" />
        {bars.map((bar, i) => {
          const left = x(Math.min(bar.from, bar.to));
          const width = Math.max(1, Math.abs(x(bar.to) - x(bar.from)));
          const fill = bar.kind === 'field' ? (bar.to >= bar.from ? '#2f8f4e' : '#c2413a') : '#0b5cad';
          const y = i * ROW + 4;
          return (
            <g key={`${bar.name}-${i}`}>
              <text x={0} y={y + 14} fontSize={12}>
                {bar.name}
                <title>{bar.detail}</title>
              </text>
              <rect x={left} y={y} width={width} height={ROW - 8} fill={fill}>
                <title>{`${bar.name}: ${bar.detail}, ${signed(bar.to - bar.from)} bits`}</title>
              </rect>
              <text x={WIDTH - 55} y={y + 14} fontSize={12}>
                {signed(bar.kind === 'total' ? bar.to : bar.to - bar.from)}
              </text>
            </g>
          );
        })}
        <text x={x(min)} y={height - 4} fontSize={11}>
          {min}
        </text>
        <text x={x(max) - 10} y={height - 4} fontSize={11}>
          {max} bits
        </text>
      </svg>
      <figcaption className="muted">
        Match weight {signed(bars.at(-1)?.to ?? 0)} bits: {bars.at(-1)?.detail} for this taxpayer alone; the
        identity probability shares the odds with the other candidates and with “none of them”.
      </figcaption>
    </figure>
  );
}

function signed(bits: number): string {
  return `${bits >= 0 ? '+' : '−'}${Math.abs(bits).toFixed(1)}`;
}
