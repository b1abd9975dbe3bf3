/** A run of characters of one side, and whether the other side has it at that place. */
export interface DiffSegment {
  text: string;
  same: boolean;
}

export interface CharDiff {
  left: DiffSegment[];
  right: DiffSegment[];
}

/** Past this length a field is compared whole: the table below is length × length. */
const MAX_COMPARED = 300;

/**
 * Which characters of two field values differ, as a longest common subsequence of their
 * characters, ignoring case and accents (the desk compares normalized values, so a reviewer should
 * see spelling, not capitals or José for JOSE). Each side keeps its own text; only the marking is
 * shared.
 */
export function charDiff(left: string, right: string): CharDiff {
  if (left.length > MAX_COMPARED || right.length > MAX_COMPARED) {
    const same = [...left].map(folded).join('') === [...right].map(folded).join('');
    return { left: segments(left, () => same), right: segments(right, () => same) };
  }
  // Per code unit, so that indices stay those of the texts shown (ß upper-cases to two letters).
  const a = Array.from({ length: left.length }, (_, k) => folded(left.charAt(k)));
  const b = Array.from({ length: right.length }, (_, k) => folded(right.charAt(k)));
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: the LCS length of a[i..] and b[j..], one flat row-major array.
  const lengths = new Uint16Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => lengths[i * (m + 1) + j] ?? 0;
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lengths[i * (m + 1) + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
  const leftSame = new Array<boolean>(n).fill(false);
  const rightSame = new Array<boolean>(m).fill(false);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      leftSame[i++] = true;
      rightSame[j++] = true;
    } else if (at(i + 1, j) >= at(i, j + 1)) i++;
    else j++;
  }
  return {
    left: segments(left, (k) => leftSame[k] ?? false),
    right: segments(right, (k) => rightSame[k] ?? false),
  };
}

/** One character as the desk compares it: upper case, accents dropped. */
function folded(c: string): string {
  return c.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
}

function segments(text: string, isSame: (index: number) => boolean): DiffSegment[] {
  const out: DiffSegment[] = [];
  for (let k = 0; k < text.length; k++) {
    const same = isSame(k);
    const last = out.at(-1);
    if (last && last.same === same) last.text += text[k];
    else out.push({ text: text[k] ?? '', same });
  }
  return out;
}
