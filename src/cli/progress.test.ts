import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { progressBar, progressHeartbeat, setProgressQuiet } from './progress.ts';

/** A progress reporter off a terminal, on a clock the test moves. */
function offTerminal(label: string, total: number) {
  const lines: string[] = [];
  let now = 0;
  const progress = progressBar(label, total, {
    terminal: false,
    write: (line) => lines.push(line),
    now: () => now,
  });
  return { lines, progress, advance: (seconds: number) => (now += seconds * 1000) };
}

describe('progress off a terminal', () => {
  it('prints a plain line at most every 10 seconds, with rows per second and time left, and where it ended', () => {
    const { lines, progress, advance } = offTerminal('screening', 1_000_000);
    advance(4);
    progress.update(100_000);
    assert.deepEqual(lines, [], 'nothing before 10 s');
    advance(6);
    progress.update(250_000);
    advance(3);
    progress.update(300_000);
    assert.deepEqual(lines, ['screening: 250,000 / 1,000,000 (25%), 25,000/s, about 0:30 left\n']);
    advance(7);
    progress.update(500_000);
    progress.stop();
    assert.equal(lines.length, 3);
    assert.equal(lines[2], 'screening: 500,000 / 1,000,000 (50%), 25,000/s, done in 0:20\n');
  });

  it('counts rows when the total is unknown, and says nothing of work shorter than the interval', () => {
    const long = offTerminal('intake', 0);
    long.advance(12);
    long.progress.update(60_000);
    assert.deepEqual(long.lines, ['intake: 60,000 rows, 5,000/s\n']);
    const short = offTerminal('intake', 0);
    short.advance(2);
    short.progress.update(10);
    short.progress.stop();
    assert.deepEqual(short.lines, []);
  });

  it('prints nothing with --quiet', () => {
    setProgressQuiet(true);
    try {
      const { lines, progress, advance } = offTerminal('names', 100);
      advance(60);
      progress.update(50);
      progress.stop();
      assert.deepEqual(lines, []);
    } finally {
      setProgressQuiet(false);
    }
  });
});

describe('heartbeat of long work without counts, off a terminal', () => {
  it('says every interval how long it has run and the last step done, and stops', (t) => {
    // The interval runs on a clock the test moves, so a loaded machine cannot starve it.
    t.mock.timers.enable({ apis: ['setInterval'] });
    const lines: string[] = [];
    const heartbeat = progressHeartbeat('matching', {
      terminal: false,
      write: (l) => lines.push(l),
      intervalMs: 20,
    });
    heartbeat.stepDone('blocking');
    t.mock.timers.tick(19);
    assert.equal(lines.length, 0, 'no line before the first interval');
    t.mock.timers.tick(41);
    heartbeat.stop();
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /^matching: 0:00 so far; last step done: blocking\n$/);
    t.mock.timers.tick(100);
    assert.equal(lines.length, 3, 'no line after stop');
  });
});
