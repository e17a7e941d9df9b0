/** Markdown documents the parser tests run over, and a seeded generator for random edits. */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/** Every model fixture's input, then the real documents beside the project when present. */
export function markdownDocumentFiles(): string[] {
  const files: string[] = [];
  const fixtures = path.join(ROOT, 'test/fixtures/model');
  for (const dir of fs.readdirSync(fixtures)) for (const f of fs.readdirSync(path.join(fixtures, dir))) if (f.endsWith('.md')) files.push(path.join(fixtures, dir, f));
  for (const name of ['concerns-corpus', 'seeds']) {
    const dir = path.resolve(ROOT, '..', 'shared', name);
    if (fs.existsSync(dir)) for (const f of fs.readdirSync(dir)) if (f.endsWith('.md')) files.push(path.join(dir, f));
  }
  return files;
}

/** A seeded integer generator: `next(n)` is in [0, n). A failure replays with the same seed. */
export function seededInts(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

/** One random edit: one time in `deleteOneIn` up to `maxDelete` characters removed, else one of `inserts` put in. */
export function randomEdit(text: string, rand: (n: number) => number, inserts: readonly string[], deleteOneIn: number, maxDelete: number): string {
  const at = rand(text.length + 1);
  if (rand(deleteOneIn) === 0) return text.slice(0, at) + text.slice(Math.min(text.length, at + rand(maxDelete)));
  return text.slice(0, at) + inserts[rand(inserts.length)]! + text.slice(at);
}
