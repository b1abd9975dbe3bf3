import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SideBySide } from './side-by-side.tsx';
import { WaterfallChart } from './waterfall-chart.tsx';
import { commandForKey, isTyping, NOTE_PRESETS, SHORTCUTS, type ReviewCommand } from './shortcuts.ts';
import {
  waterfallOf,
  type QueueRow,
  type RequestView,
  type Verdict,
  type VerdictResult,
} from './review-types.ts';
import styles from './review.module.css';

export interface WorkbenchProps {
  account: string;
  /** The queue when the reviewer opened the batch; the workbench walks it in file order. */
  queue: readonly QueueRow[];
  load: (requestId: string) => Promise<RequestView>;
  decide: (requestId: string, verdict: Verdict, note: string) => Promise<VerdictResult>;
}

interface Decided {
  requestId: string;
  outcome: string;
  step: string;
}

/**
 * One request at a time, keyboard first (the shortcuts are listed beside it): pick a candidate,
 * answer, and the next request opens. Every answer goes to the service, which audits it; a
 * confirmation is a proposal until a second reviewer concurs.
 */
export function Workbench({ account, queue, load, decide }: WorkbenchProps) {
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
  const [rate, setRate] = useState<{ since: number; perMinute: number | null }>({
    since: 0,
    perMinute: null,
  });
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const current = items[index];
  // The view shown is the current request's; while the next one loads, none.
  const view = loaded && loaded.requestId === current?.request_id ? loaded : null;
  const waterfall = useMemo(() => (view ? waterfallOf(view.explanation) : null), [view]);

  useEffect(() => {
    if (!current) return;
    let live = true;
    load(current.request_id).then(
      (loaded) => {
        if (!live) return;
        setView(loaded);
        // A second reviewer starts on the taxpayer proposed; anyone else on the best candidate.
        const proposal = [...loaded.history].reverse().find((row) => row.step === 'decide');
        const proposed = loaded.candidates.findIndex(
          (c) => proposal?.outcome === 'CONFIRMED' && c.taxpayerId === proposal.taxpayer_id,
        );
        setSelected(Math.max(0, proposed));
      },
      (error: unknown) => live && setMessage({ text: String(error), error: true }),
    );
    return () => {
      live = false;
    };
  }, [current, load]);

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
        setMessage({ text: `${current.request_id}: ${describeStep(result)}`, error: false });
        setNote('');
        setIndex(nextOpen(index));
      } catch (error) {
        setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
      } finally {
        setBusy(false);
      }
    },
    [current, busy, note, decide, index, nextOpen, decided],
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
            {view.candidates.length === 0 ? (
              <p>The matcher found no candidate; answer no record (n) or search the reference.</p>
            ) : (
              <SideBySide
                request={view.request}
                candidates={view.candidates}
                selected={selected}
                onSelect={setSelected}
                blind={blind}
              />
            )}
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

function describeStep(result: VerdictResult): string {
  switch (result.step) {
    case 'proposed':
      return 'confirmation proposed; a second reviewer must concur';
    case 'concurred':
      return `you concurred: ${result.outcome}`;
    case 'decided':
      return `decided ${result.outcome}`;
  }
}
