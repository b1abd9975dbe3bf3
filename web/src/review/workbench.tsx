import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SideBySide } from './side-by-side.tsx';
import { WaterfallChart } from './waterfall-chart.tsx';
import type { components } from '../api/schema.ts';
import { waterfallOf } from './fields.ts';
import { ReferenceSearch, type SearchCriteria } from './reference-search.tsx';
import { commandForKey, isTyping, NOTE_PRESETS, SHORTCUTS, type ReviewCommand } from './shortcuts.ts';
import styles from './review.module.css';

type Schemas = components['schemas'];
type QueueRow = Schemas['ReviewQueueItem'];
type RequestView = Schemas['ReviewView'];
type HistoryRow = RequestView['history'][number];
/** A reviewer's verdict: the outcome, and the taxpayer for CONFIRMED and NOT_CONFIRMED. */
export type Verdict = Omit<Schemas['ReviewDecision'], 'note'>;
export type VerdictResult = Schemas['ReviewResults']['results'][number];

export interface WorkbenchProps {
  account: string;
  /** The queue when the reviewer opened the batch; the workbench walks it in file order. */
  queue: readonly QueueRow[];
  load: (requestId: string) => Promise<RequestView>;
  decide: (requestId: string, verdict: Verdict, note: string) => Promise<VerdictResult>;
  /** Searches the reference for a request; resolves to how many taxpayers it showed. */
  search: (requestId: string, criteria: SearchCriteria) => Promise<{ shown: number; more: boolean }>;
}

interface Decided {
  requestId: string;
  outcome: string;
  step: string;
}

/**
 * What a second reviewer adjudicates: another reviewer's proposed confirmation or referral that
 * still awaits an answer (the request is still AMBIGUOUS, last answered by a reviewer).
 */
export function pendingSecondReview(view: RequestView): HistoryRow | null {
  if (view.decision.outcome !== 'AMBIGUOUS' || !view.decision.decidedBy.startsWith('review:')) return null;
  const last = view.history.at(-1);
  if (!last) return null;
  if (last.step === 'refer' || (last.step === 'decide' && last.outcome === 'CONFIRMED')) return last;
  return null;
}

/**
 * One request at a time, keyboard first (the shortcuts are listed beside it): pick a candidate,
 * answer, and the next request opens. Every answer goes to the service, which audits it; a
 * confirmation is a proposal until a second reviewer concurs.
 */
export function Workbench({ account, queue, load, decide, search }: WorkbenchProps) {
  // A reviewer never adjudicates their own proposal (the service refuses it too).
  const items = useMemo(
    () => queue.filter((row) => !(row.status === 'awaiting a second reviewer' && row.decided_by === account)),
    [queue, account],
  );
  const [index, setIndex] = useState(0);
  const [loaded, setView] = useState<RequestView | null>(null);
  const [selected, setSelected] = useState(0);
  const [note, setNote] = useState('');
  const [blind, setBlind] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [decided, setDecided] = useState<Decided[]>([]);
  const [remaining, setRemaining] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  // Bumped after a search, so that the request is read again with the taxpayers it found.
  const [generation, setGeneration] = useState(0);
  const [rate, setRate] = useState<{ since: number; perMinute: number | null }>({
    since: 0,
    perMinute: null,
  });
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const current = items[index];
  // The view shown is the current request's; while the next one loads, none.
  const view = loaded && loaded.requestId === current?.request_id ? loaded : null;
  const waterfall = useMemo(() => (view ? waterfallOf(view.explanation) : null), [view]);
  // Another reviewer's proposal or referral is this reviewer's to adjudicate; their own is not.
  const pending = useMemo(() => {
    const row = view ? pendingSecondReview(view) : null;
    return row && row.reviewer !== account ? row : null;
  }, [view, account]);

  useEffect(() => {
    if (!current) return;
    let live = true;
    load(current.request_id).then(
      (loaded) => {
        if (!live) return;
        setView(loaded);
        // A second reviewer starts on the taxpayer proposed; anyone else on the best candidate.
        const pending = pendingSecondReview(loaded);
        const proposed = loaded.candidates.findIndex(
          (c) => pending?.outcome === 'CONFIRMED' && c.taxpayerId === pending.taxpayer_id,
        );
        setSelected(Math.max(0, proposed));
      },
      (error: unknown) => live && setMessage({ text: String(error), error: true }),
    );
    return () => {
      live = false;
    };
  }, [current, load, generation]);

  const runSearch = useCallback(
    async (criteria: SearchCriteria) => {
      if (!current) return '';
      const { shown, more } = await search(current.request_id, criteria);
      setGeneration((g) => g + 1);
      return `${shown} taxpayer${shown === 1 ? '' : 's'} found${more ? ' (more matched: narrow the search)' : ''}; ${shown ? 'shown beside the candidates' : 'nothing new to compare'}.`;
    },
    [current, search],
  );

  const decidedIds = useMemo(() => new Set(decided.map((d) => d.requestId)), [decided]);
  const nextOpen = useCallback(
    (from: number) => {
      for (let i = from + 1; i < items.length; i++) if (!decidedIds.has(items[i]?.request_id ?? '')) return i;
      return Math.min(from + 1, items.length);
    },
    [items, decidedIds],
  );

  const answer = useCallback(
    async (verdict: Verdict) => {
      if (!current || busy) return;
      if (!note.trim()) {
        setMessage({
          text: 'A decision needs a note: pick a preset (q w e r t) or write one (/).',
          error: true,
        });
        return;
      }
      setBusy(true);
      try {
        const result = await decide(current.request_id, verdict, note.trim());
        const count = decided.filter((d) => d.requestId !== current.request_id).length + 1;
        setDecided((list) => [
          ...list.filter((d) => d.requestId !== current.request_id),
          { requestId: current.request_id, outcome: result.outcome, step: result.step },
        ]);
        // Decisions per minute since the first one of this session.
        const now = Date.now();
        setRate((r) => {
          const since = r.since || now;
          return { since, perMinute: now > since ? ((count - 1) * 60_000) / (now - since) : null };
        });
        setRemaining(result.remaining);
        setMessage({ text: `${current.request_id}: ${describeStep(result, pending)}`, error: false });
        setNote('');
        setIndex(nextOpen(index));
      } catch (error) {
        setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
      } finally {
        setBusy(false);
      }
    },
    [current, busy, note, decide, index, nextOpen, decided, pending],
  );

  const run = useCallback(
    (command: ReviewCommand) => {
      const candidate = view?.candidates[selected];
      switch (command.kind) {
        case 'select-candidate':
          if (view && command.index < view.candidates.length) setSelected(command.index);
          return;
        case 'confirm':
          if (candidate) void answer({ outcome: 'CONFIRMED', taxpayerId: candidate.taxpayerId });
          return;
        case 'address-differs':
          if (candidate) void answer({ outcome: 'NOT_CONFIRMED', taxpayerId: candidate.taxpayerId });
          return;
        case 'no-record':
          void answer({ outcome: 'NO_RECORD' });
          return;
        case 'second-review':
          void answer({ outcome: 'SECOND_REVIEW' });
          return;
        case 'next':
          setIndex((i) => Math.min(i + 1, items.length));
          return;
        case 'previous':
          setIndex((i) => Math.max(i - 1, 0));
          return;
        case 'undo': {
          const last = decided.at(-1);
          const at = last ? items.findIndex((row) => row.request_id === last.requestId) : -1;
          if (!last || at < 0) {
            setMessage({ text: 'Nothing decided in this session to reopen.', error: true });
            return;
          }
          if (last.step === 'referred') {
            setMessage({
              text: `${last.requestId} went to a second reviewer: another reviewer decides it now (the service refuses the sender).`,
              error: true,
            });
            return;
          }
          setDecided((list) => list.slice(0, -1));
          setIndex(at);
          setMessage({
            text: `Reopened ${last.requestId} (${last.outcome}); your next answer revises it.`,
            error: false,
          });
          return;
        }
        case 'preset-note':
          setNote(NOTE_PRESETS[command.index] ?? '');
          return;
        case 'focus-note':
          noteRef.current?.focus();
          return;
        case 'toggle-blind':
          setBlind((b) => !b);
          return;
      }
    },
    [view, selected, answer, items, decided],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) {
        if (event.key === 'Escape' && event.target instanceof HTMLElement) event.target.blur();
        return;
      }
      const command = commandForKey(event);
      if (!command) return;
      event.preventDefault();
      run(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  const left = remaining ?? items.length - decided.length;
  return (
    <div className={styles['workbench']}>
      <div className={styles['main']}>
        <p className={styles['counters']} role="status" aria-live="polite">
          <strong data-testid="left">{left}</strong> left in this batch · {decided.length} decided by you in
          this session
          {rate.perMinute !== null && <> · {rate.perMinute.toFixed(1)} per minute</>} · request{' '}
          {Math.min(index + 1, items.length)} of {items.length}
        </p>
        {message && (
          <p className={message.error ? 'error' : styles['note']} role={message.error ? 'alert' : undefined}>
            {message.text}
          </p>
        )}
        {!current ? (
          <p data-testid="queue-done">
            Nothing left here for you. {decided.length > 0 && 'Press u to reopen your last decision.'}
          </p>
        ) : !view ? (
          <p>Loading {current.request_id}…</p>
        ) : (
          <>
            <h2>
              Request {view.requestId}{' '}
              <span className="muted">
                row {current.row_number} · {current.status}
                {decidedIds.has(view.requestId) && ' · decided in this session'}
              </span>
            </h2>
            <p className="muted">{view.decision.reason}</p>
            {pending && (
              <section
                className={styles['adjudication']}
                aria-label="Second review"
                data-testid="second-review"
              >
                <h2>Second review</h2>
                <p>
                  <strong>{pending.reviewer}</strong>{' '}
                  {pending.step === 'refer'
                    ? 'sent this request to a second reviewer'
                    : `proposes to confirm ${pending.taxpayer_id ?? ''}`}
                  : “{pending.note}”
                </p>
                <p className="muted">
                  {pending.step === 'refer'
                    ? 'Your answer decides it (a confirmation is again a proposal for another reviewer).'
                    : `Confirm ${pending.taxpayer_id ?? ''} (c) to concur; any other answer overrules the proposal and decides the request.`}
                </p>
              </section>
            )}
            {view.candidates.length === 0 ? (
              <p>The matcher found no candidate; answer no record (n) or search the reference below.</p>
            ) : (
              <SideBySide
                request={view.request}
                candidates={view.candidates}
                selected={selected}
                onSelect={setSelected}
                blind={blind}
              />
            )}
            <ReferenceSearch key={view.requestId} search={runSearch} />
            <div className={styles['actions']}>
              <label className={styles['noteField']}>
                Note (required)
                <textarea
                  ref={noteRef}
                  value={note}
                  rows={2}
                  onChange={(event) => setNote(event.target.value)}
                  placeholder="Why — or press q w e r t for a preset"
                />
              </label>
              <div className={styles['presets']} aria-label="Preset notes">
                {NOTE_PRESETS.map((preset, i) => (
                  <button key={preset} type="button" onClick={() => setNote(preset)}>
                    <kbd>{'qwert'[i]}</kbd> {preset}
                  </button>
                ))}
              </div>
              <div className={styles['verdicts']}>
                <button
                  type="button"
                  className="primary"
                  disabled={busy || !view.candidates[selected]}
                  onClick={() => run({ kind: 'confirm' })}
                >
                  <kbd>c</kbd> Confirm {view.candidates[selected]?.taxpayerId}
                </button>
                <button
                  type="button"
                  disabled={busy || !view.candidates[selected]}
                  onClick={() => run({ kind: 'address-differs' })}
                >
                  <kbd>a</kbd> Address differs
                </button>
                <button type="button" disabled={busy} onClick={() => run({ kind: 'no-record' })}>
                  <kbd>n</kbd> No record
                </button>
                <button
                  type="button"
                  disabled={busy || pending?.step === 'refer'}
                  onClick={() => run({ kind: 'second-review' })}
                >
                  <kbd>s</kbd> Send to a second reviewer
                </button>
              </div>
            </div>
            {!blind && waterfall && (
              <section aria-label="Match weight waterfall">
                <h2>The matcher's weights for its best candidate ({waterfall.bestCandidate ?? 'none'})</h2>
                <WaterfallChart priorBits={waterfall.priorBits} fields={waterfall.fields} />
              </section>
            )}
            {blind && <p className="muted">Blind mode: scores and the waterfall are hidden (b to show).</p>}
            {view.history.length > 0 && (
              <section>
                <h2>Review history</h2>
                <ol>
                  {view.history.map((row) => (
                    <li key={row.revision}>
                      {row.decided_at} {row.reviewer} {row.step} {row.outcome} {row.taxpayer_id ?? ''} —{' '}
                      {row.note}
                    </li>
                  ))}
                </ol>
              </section>
            )}
          </>
        )}
      </div>
      <aside className={styles['help']} aria-label="Keyboard shortcuts">
        <h2>Keys</h2>
        <dl>
          {SHORTCUTS.map((shortcut) => (
            <div key={shortcut.label}>
              <dt>
                <kbd>{shortcut.label}</kbd>
              </dt>
              <dd>{shortcut.does}</dd>
            </div>
          ))}
        </dl>
        <p>
          Blind mode: <strong>{blind ? 'on' : 'off'}</strong>
        </p>
      </aside>
    </div>
  );
}

function describeStep(result: VerdictResult, pending: HistoryRow | null): string {
  switch (result.step) {
    case 'proposed':
      return pending?.step === 'decide'
        ? `you overruled ${pending.reviewer}'s proposal with another confirmation; a further reviewer must concur`
        : 'confirmation proposed; a second reviewer must concur';
    case 'concurred':
      return `you concurred: ${result.outcome}`;
    case 'referred':
      return 'sent to a second reviewer';
    case 'decided':
      return pending
        ? `decided ${result.outcome}, adjudicating ${pending.reviewer}'s ${pending.step === 'refer' ? 'referral' : 'proposal'}`
        : `decided ${result.outcome}`;
  }
}
