/**
 * The kind of reason a request awaits a reviewer, for filtering the queue: the matcher's reasons
 * (src/linkage/decide-requests.ts) and the reviewers' (src/review/review-decision.ts) without their
 * figures, names and notes, so that requests waiting for the same reason group together.
 */
export function reasonKind(reason: string): string {
  const contradiction = /but (the date of birth|the TIN|the generational suffix) contradicts/.exec(reason);
  if (contradiction) return `${contradiction[1] ?? 'a field'} contradicts`;
  if (/^two candidates within/.test(reason)) return 'two candidates too close to tell';
  if (/^identity probability .* is between/.test(reason))
    return 'identity probability between the thresholds';
  if (/^reviewer \S+ proposes CONFIRMED/.test(reason))
    return 'confirmation proposed, awaiting a second reviewer';
  if (/^reviewer \S+ sends it to a second reviewer/.test(reason)) return 'sent to a second reviewer';
  // Anything else (a program's review rule, a newer matcher reason): its words without figures.
  return reason
    .replace(/:.*$/, '')
    .replace(/-?\d+(\.\d+)?/g, '…')
    .trim();
}
