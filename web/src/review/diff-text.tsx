import { charDiff } from './char-diff.ts';
import styles from './review.module.css';

type Shown = string | number | null;

/**
 * A value with the characters that differ from the value it is compared with marked (<mark>, so
 * that the difference is not told by colour alone). A missing value says so.
 */
export function DiffText({ value, against }: { value: Shown; against: Shown }) {
  if (value === null || value === '') return <span className={styles['missing']}>missing</span>;
  if (against === null || against === '') return <span>{value}</span>;
  const { left } = charDiff(String(value), String(against));
  return (
    <span>
      {left.map((segment, i) =>
        segment.same ? (
          <span key={i}>{segment.text}</span>
        ) : (
          <mark key={i} className={styles['diff']}>
            {segment.text}
          </mark>
        ),
      )}
    </span>
  );
}
