import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandForKey, SHORTCUTS } from './shortcuts.ts';

const press = (
  key: string,
  modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {},
) => commandForKey({ key, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });

describe('review shortcuts', () => {
  it('maps the keys shown to their commands', () => {
    assert.deepEqual(press('c'), { kind: 'confirm' });
    assert.deepEqual(press('N'), { kind: 'no-record' });
    assert.deepEqual(press('3'), { kind: 'select-candidate', index: 2 });
    assert.deepEqual(press('ArrowRight'), { kind: 'next' });
    assert.deepEqual(press('e'), { kind: 'preset-note', index: 2 });
    assert.deepEqual(press('u'), { kind: 'undo' });
    assert.deepEqual(press('s'), { kind: 'second-review' });
  });

  it('leaves browser shortcuts and unbound keys alone', () => {
    assert.equal(press('c', { ctrlKey: true }), null);
    assert.equal(press('r', { metaKey: true }), null);
    assert.equal(press('0'), null);
    assert.equal(press('Enter'), null);
  });

  it('every key in the help table does something', () => {
    for (const key of SHORTCUTS.flatMap((s) => s.keys)) assert.notEqual(press(key), null, key);
  });
});
