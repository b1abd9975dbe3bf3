/** What a reviewer can do from the keyboard in the workbench. */
export type ReviewCommand =
  | { kind: 'confirm' }
  | { kind: 'address-differs' }
  | { kind: 'no-record' }
  | { kind: 'second-review' }
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'undo' }
  | { kind: 'select-candidate'; index: number }
  | { kind: 'preset-note'; index: number }
  | { kind: 'focus-note' }
  | { kind: 'toggle-blind' };

export interface Shortcut {
  /** As shown. */
  label: string;
  /** The KeyboardEvent.key values it stands for. */
  keys: readonly string[];
  does: string;
}

/** Note presets, in the order of their keys (the ONS clerical tool's preset comments). */
export const NOTE_PRESETS = [
  'Same person: name, date of birth and address agree',
  'Different person: date of birth or TIN differs',
  'Twins or a namesake relative at the same address',
  'Moved: the address of record is another address',
  'Send to expert: cannot tell from the records',
] as const;
const PRESET_KEYS = ['q', 'w', 'e', 'r', 't'] as const;

/** Shown beside the workbench; the same table the key handler reads. */
export const SHORTCUTS: readonly Shortcut[] = [
  { label: '1–9', keys: ['1', '9'], does: 'select candidate' },
  { label: 'c', keys: ['c'], does: 'confirm the selected candidate (a second reviewer concurs)' },
  { label: 'a', keys: ['a'], does: 'identified, address differs (not confirmed)' },
  { label: 'n', keys: ['n'], does: 'no record: none of the candidates' },
  { label: 's', keys: ['s'], does: 'send to a second reviewer (another reviewer decides)' },
  { label: 'j / →', keys: ['j', 'ArrowRight'], does: 'next request' },
  { label: 'k / ←', keys: ['k', 'ArrowLeft'], does: 'previous request' },
  { label: 'u', keys: ['u'], does: 'undo: reopen the last decision to revise it' },
  { label: PRESET_KEYS.join(' '), keys: PRESET_KEYS, does: 'preset notes' },
  { label: '/', keys: ['/'], does: 'write a note' },
  { label: 'b', keys: ['b'], does: 'blind mode (hide scores)' },
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** The command of a key press, or null for keys the workbench leaves alone (typing, browser keys). */
export function commandForKey(press: KeyPress): ReviewCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (/^[1-9]$/.test(key)) return { kind: 'select-candidate', index: Number(key) - 1 };
  const preset = (PRESET_KEYS as readonly string[]).indexOf(key);
  if (preset >= 0) return { kind: 'preset-note', index: preset };
  switch (key) {
    case 'c':
      return { kind: 'confirm' };
    case 'a':
      return { kind: 'address-differs' };
    case 'n':
      return { kind: 'no-record' };
    case 's':
      return { kind: 'second-review' };
    case 'j':
    case 'ArrowRight':
      return { kind: 'next' };
    case 'k':
    case 'ArrowLeft':
      return { kind: 'previous' };
    case 'u':
      return { kind: 'undo' };
    case '/':
      return { kind: 'focus-note' };
    case 'b':
      return { kind: 'toggle-blind' };
    default:
      return null;
  }
}

/** Keys typed into a text field are text, not commands. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
