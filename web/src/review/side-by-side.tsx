import type { components } from '../api/schema.ts';
import { DiffText } from './diff-text.tsx';
import {
  addressLine,
  FIELD_LABELS,
  LEVEL_FIELDS,
  SIDE_BY_SIDE_FIELDS,
  spanLabel,
  yearSpans,
} from './fields.ts';
import styles from './review.module.css';

type Values = components['schemas']['SideBySideValues'];
type Candidate = components['schemas']['ReviewCandidate'];

/**
 * The request and each candidate side by side, field by field, the characters that differ from the
 * request marked; under each candidate's value, the matcher's comparison level; then whether the
 * address of record agrees and the candidate's other tax years (a mover's earlier addresses, a
 * namesake's different ones). In blind mode the probabilities are hidden so that they do not bias
 * the reviewer.
 */
export function SideBySide({
  request,
  candidates,
  selected,
  onSelect,
  blind,
}: {
  request: Values;
  candidates: readonly Candidate[];
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
                {candidate.foundBy === 'candidate' ? 'matcher candidate' : "found by a reviewer's search"}
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
                <DiffText value={candidate.values[field]} against={request[field]} />
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
        <tr>
          <th scope="row">Other tax years</th>
          <td className="muted">{addressLine(request)}</td>
          {candidates.map((candidate, i) => {
            const others = yearSpans(candidate.years.slice(1));
            return (
              <td
                key={candidate.taxpayerId}
                className={i === selected ? styles['selectedColumn'] : undefined}
                data-testid="other-years"
              >
                {others.length === 0 ? (
                  <span className="muted">no other year filed</span>
                ) : (
                  <ul className={styles['years']}>
                    {others.map((span) => (
                      <li key={spanLabel(span)}>
                        <strong>{spanLabel(span)}</strong>{' '}
                        <DiffText value={span.address} against={addressLine(request)} />
                        {span.name !== candidate.values.name && (
                          <span className="muted"> · as {span.name}</span>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            );
          })}
        </tr>
      </tbody>
    </table>
  );
}
