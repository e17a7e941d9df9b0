/**
 * The frontmatter form: a YAML block between `---` lines at the very top of the document (the
 * mapper writes one since 2026: `last_mapped_commit:`, `last_mapped_at:`, `focus:` ...). Which
 * lines are the block is remark-frontmatter's reading; the YAML is read by `yaml`. The block is
 * blanked before the markdown is parsed (offsets kept), so its closing `---` never makes the
 * lines above it a heading.
 */
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseDocument } from 'yaml';
import type { FrontmatterValue } from '../model';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/** A frontmatter block longer than this is not one (the mapper's are a few lines). */
const MAX_LINES = 200;

export interface FrontmatterBlock {
  /** Offsets of the block, fences included, in the text. */
  start: number;
  end: number;
  /** The top-level keys, JSON-safe; undefined when the YAML does not read as `key: value` lines. */
  keys?: Record<string, FrontmatterValue>;
  /** Why the keys could not be read. */
  problem?: string;
}

/** The frontmatter block at `from` (after a byte-order mark, if any), or undefined. */
export function findFrontmatter(text: string, from: number): FrontmatterBlock | undefined {
  if (!text.startsWith('---', from)) return undefined;
  const candidate = candidateEnd(text, from);
  if (candidate === undefined) return undefined;
  const slice = text.slice(from, candidate);
  const cached = last?.slice === slice ? last.read : (last = { slice, read: readBlock(slice) }).read;
  if (!cached) return undefined;
  const block: FrontmatterBlock = { start: from, end: from + cached.end };
  if (cached.keys) block.keys = cached.keys;
  if (cached.problem !== undefined) block.problem = cached.problem;
  return block;
}

/** The last block read: every keystroke prepares the text again, and the block rarely changes. */
let last: { slice: string; read: ReturnType<typeof readBlock> } | undefined;

/** The end of the first `---` line after the opening one, within MAX_LINES: where a block could end. */
function candidateEnd(text: string, from: number): number | undefined {
  let lineStart = text.indexOf('\n', from);
  for (let n = 0; lineStart >= 0 && n < MAX_LINES; n++) {
    const next = text.indexOf('\n', lineStart + 1);
    const lineEnd = next < 0 ? text.length : next;
    if (/^---[ \t]*\r?$/.test(text.slice(lineStart + 1, lineEnd))) return lineEnd;
    lineStart = next;
  }
  return undefined;
}

function readBlock(slice: string): { end: number; keys?: Record<string, FrontmatterValue>; problem?: string } | undefined {
  const first = processor.parse(slice).children[0];
  if (first?.type !== 'yaml' || first.position?.end.offset === undefined) return undefined;
  const end = first.position.end.offset;
  const yaml = parseDocument(first.value, { prettyErrors: false });
  if (yaml.errors.length > 0) {
    const error = yaml.errors[0]!;
    return { end, problem: error.message.split('\n')[0] ?? 'it is not valid YAML' };
  }
  const value: unknown = yaml.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) return { end, keys: {} };
  if (typeof value !== 'object' || Array.isArray(value)) return { end, problem: 'it is not a list of `key: value` lines' };
  const keys: Record<string, FrontmatterValue> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) keys[key] = jsonSafe(v, 0);
  return { end, keys };
}

/** A YAML value as JSON can hold it: dates and non-finite numbers as strings, nesting bounded. */
function jsonSafe(value: unknown, depth: number): FrontmatterValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (depth >= 4) return null;
  if (Array.isArray(value)) return value.map((v) => jsonSafe(v, depth + 1));
  if (value instanceof Map || value instanceof Set) return null;
  if (typeof value === 'object') {
    const out: Record<string, FrontmatterValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = jsonSafe(v, depth + 1);
    return out;
  }
  return null;
}

/** Keys whose value is the commit the document was written against. */
const COMMIT_KEYS = ['last_mapped_commit', 'commit', 'mapped_commit', 'base_commit'];
/** Keys whose value is when the document was written, most telling first. */
const DATE_KEYS = ['analysis_date', 'last_mapped_at', 'last_mapped', 'mapped', 'generated', 'updated', 'date'];

/** The commit the frontmatter names (a hex sha), if any. */
export function frontmatterCommit(keys: Record<string, FrontmatterValue>): string | undefined {
  for (const key of COMMIT_KEYS) {
    const value = keys[key];
    if (typeof value === 'string' && /^[0-9a-f]{7,40}$/i.test(value.trim())) return value.trim();
  }
  return undefined;
}

/** The text of the frontmatter's date, for the header's date reader. */
export function frontmatterDateText(keys: Record<string, FrontmatterValue>): string | undefined {
  for (const key of DATE_KEYS) {
    const value = keys[key];
    if (typeof value === 'string' && value.trim()) return value;
  }
  return undefined;
}
