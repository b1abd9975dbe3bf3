import styles from './charts.module.css';

export interface BarSeries {
  name: string;
  color: string;
}

export interface BarGroup {
  label: string;
  values: readonly number[];
}

/**
 * Grouped vertical bars (one group per label, one bar per series) as SVG, with the numbers as a
 * table under it (folded: "Figures") for screen readers and whoever wants figures, not shapes.
 */
export function BarChart({
  title,
  series,
  groups,
  height = 180,
}: {
  title: string;
  series: readonly BarSeries[];
  groups: readonly BarGroup[];
  height?: number;
}) {
  const max = Math.max(1, ...groups.flatMap((group) => group.values));
  const barWidth = 18;
  const gap = 14;
  // Wide enough for its label (about 7 px a character at 11 px).
  const longest = Math.max(0, ...groups.map((group) => group.label.length));
  const groupWidth = Math.max(series.length * barWidth + gap, longest * 7 + gap);
  const width = Math.max(240, groups.length * groupWidth + 40);
  const plot = height - 40;
  return (
    <figure className={styles['chart']}>
      <figcaption>{title}</figcaption>
      <svg width={width} height={height} role="img" aria-label={title}>
        <line x1={30} x2={width} y1={plot + 5} y2={plot + 5} stroke="#8a949e" />
        <text x={0} y={12} fontSize={11}>
          {max}
        </text>
        <text x={0} y={plot + 5} fontSize={11}>
          0
        </text>
        {groups.map((group, g) =>
          group.values.map((value, s) => {
            const h = (value / max) * (plot - 10);
            const x = 34 + g * groupWidth + s * barWidth;
            return (
              <rect
                key={`${g}-${s}`}
                x={x}
                y={plot + 5 - h}
                width={barWidth - 2}
                height={h}
                fill={series[s]?.color}
              >
                <title>{`${group.label} · ${series[s]?.name}: ${value}`}</title>
              </rect>
            );
          }),
        )}
        {groups.map((group, g) => (
          <text key={group.label} x={34 + g * groupWidth} y={plot + 20} fontSize={11}>
            {group.label}
          </text>
        ))}
      </svg>
      <ul className={styles['legend']}>
        {series.map((s) => (
          <li key={s.name}>
            <span className={styles['swatch']} style={{ background: s.color }} /> {s.name}
          </li>
        ))}
      </ul>
      <details>
        <summary>Figures</summary>
        <table className={styles['figures']}>
          <caption>{title}: figures</caption>
          <thead>
            <tr>
              <th scope="col" />
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.label}>
                <th scope="row">{group.label}</th>
                {group.values.map((value, s) => (
                  <td key={s}>{value}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
