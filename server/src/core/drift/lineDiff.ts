/**
 * A line diff in process (Myers' O(ND) algorithm after trimming the common head and tail), giving
 * hunks shaped like `git diff -U0`'s: used between the index and the working tree or an unsaved
 * editor buffer, so no git process (and no repository-configured filter) is needed for them.
 */
import type { Hunk } from './hunks';

/** Beyond this many differences the middle is reported as one replaced block. */
const MAX_EDIT_DISTANCE = 2000;

/** Lines of a text, without their terminators (`\r\n` and `\n`); a final newline adds no line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function diffLines(a: readonly string[], b: readonly string[]): Hunk[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n === 0 && m === 0) return [];
  if (n === 0 || m === 0) return [hunk(head, n, head, m)];
  // Lines as small integers: equal lines, equal ids.
  const ids = new Map<string, number>();
  const id = (s: string) => {
    let v = ids.get(s);
    if (v === undefined) {
      v = ids.size;
      ids.set(s, v);
    }
    return v;
  };
  const x = Int32Array.from({ length: n }, (_, i) => id(a[head + i]!));
  const y = Int32Array.from({ length: m }, (_, i) => id(b[head + i]!));
  const ops = myers(x, y);
  if (!ops) return [hunk(head, n, head, m)];
  const hunks: Hunk[] = [];
  // ops: per aligned step, 0 = equal, 1 = delete from a, 2 = insert from b.
  let i = 0;
  let j = 0;
  let k = 0;
  while (k < ops.length) {
    if (ops[k] === 0) {
      i++;
      j++;
      k++;
      continue;
    }
    const i0 = i;
    const j0 = j;
    while (k < ops.length && ops[k] !== 0) {
      if (ops[k] === 1) i++;
      else j++;
      k++;
    }
    hunks.push(hunk(head + i0, i - i0, head + j0, j - j0));
  }
  return hunks;
}

/** A hunk from 0-based starts and counts, in git's -U0 numbering. */
function hunk(oldIndex: number, oldCount: number, newIndex: number, newCount: number): Hunk {
  return { oldStart: oldCount === 0 ? oldIndex : oldIndex + 1, oldCount, newStart: newCount === 0 ? newIndex : newIndex + 1, newCount };
}

/** The edit script (0 equal, 1 delete, 2 insert), or undefined when too far apart. */
function myers(a: Int32Array, b: Int32Array): Uint8Array | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    // Only the diagonals step d can read are kept: [-d-1, d+1], at their own offset d+1.
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let xPos: number;
      if (k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)) xPos = v[offset + k + 1]!;
      else xPos = v[offset + k - 1]! + 1;
      let yPos = xPos - k;
      while (xPos < n && yPos < m && a[xPos] === b[yPos]) {
        xPos++;
        yPos++;
      }
      next[offset + k] = xPos;
      if (xPos >= n && yPos >= m) {
        return backtrack(trace, n, m, d);
      }
    }
    v = next;
  }
  return undefined;
}

function backtrack(trace: Int32Array[], n: number, m: number, dEnd: number): Uint8Array {
  const ops: number[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d]!; // state before step d, diagonals [-d-1, d+1]
    const offset = d + 1;
    const k = x - y;
    let prevK: number;
    if (k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)) prevK = k + 1;
    else prevK = k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(0);
      x--;
      y--;
    }
    if (x === prevX) {
      ops.push(2);
      y--;
    } else {
      ops.push(1);
      x--;
    }
  }
  while (x > 0 && y > 0) {
    ops.push(0);
    x--;
    y--;
  }
  return Uint8Array.from(ops.reverse());
}
