import { DiffText } from './diff-text.tsx';
import { FIELD_LABELS, LEVEL_FIELDS, SIDE_BY_SIDE_FIELDS, type CandidateView } from './review-types.ts';
import styles from './review.module.css';

/**
 * The request and each candidate side by side, field by field, the characters that differ from the
 * request marked; under each candidate's value, the matcher's comparison level. In blind mode the
 * probabilities are hidden so that they do not bias the reviewer.
 */
export function SideBySide({
  request,
  candidates,
  selected,
  onSelect,
  blind,
}: {
  request: Readonly<Record<string, string | number | null>>;
  candidates: readonly CandidateView[];
  selected: number;
  onSelect: (index: number) => void;
  blind: boolean;
}) {
  return (
    <table className={styles['sideBySide']} aria-label="Request and candidates side by side">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Request</th>
          {candidates.map((candidate, i) => (
            <th
              key={candidate.taxpayerId}
              scope="col"
              className={i === selected ? styles['selectedColumn'] : undefined}
              aria-selected={i === selected}
            >
              <button type="button" onClick={() => onSelect(i)} aria-pressed={i === selected}>
                <kbd>{i + 1}</kbd> {candidate.taxpayerId}
              </button>
              <div className="muted">
                {candidate.foundBy === 'candidate' ? 'matcher candidate' : `found by ${candidate.foundBy}`}
                {!blind && candidate.matchProbability !== null && (
                  <> · p = {candidate.matchProbability.toFixed(4)}</>
                )}
              </div>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {SIDE_BY_SIDE_FIELDS.map((field) => (
          <tr key={field}>
            <th scope="row">{FIELD_LABELS[field]}</th>
            <td>{request[field] ?? <span className={styles['missing']}>missing</span>}</td>
            {candidates.map((candidate, i) => (
              <td
                key={candidate.taxpayerId}
                className={i === selected ? styles['selectedColumn'] : undefined}
              >
                <DiffText value={candidate.values[field] ?? null} against={request[field] ?? null} />
                {LEVEL_FIELDS[field]
                  .map((level) => candidate.levels[level])
                  .filter((label) => label !== undefined)
                  .map((label, k) => (
                    <div key={k} className={styles['level']}>
                      {label}
                    </div>
                  ))}
              </td>
            ))}
          </tr>
        ))}
        <tr>
          <th scope="row">Address of record</th>
          <td className="muted">as requested</td>
          {candidates.map((candidate, i) => (
            <td key={candidate.taxpayerId} className={i === selected ? styles['selectedColumn'] : undefined}>
              <span className={candidate.addressOfRecord.agrees ? styles['agrees'] : styles['disagrees']}>
                {candidate.addressOfRecord.agrees ? '✓ agrees' : '✗ does not agree'}
              </span>{' '}
              ({candidate.addressOfRecord.label}
              {candidate.addressOfRecord.taxYear !== null &&
                `, tax year ${candidate.addressOfRecord.taxYear}`}
              )
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
