/**
 * Whether a value read back from storage (the parse cache) is a well-formed `ConcernsDocument`:
 * every property the index reads, with its type, checked deeply. A file cut short or written by
 * another version fails here, and is parsed again instead of reaching the resolver.
 */
import type { Range } from 'vscode-languageserver-types';
import type { ConcernsDocument } from './model';

export function isConcernsDocument(value: unknown): value is ConcernsDocument {
  if (!isObject(value) || !Array.isArray(value.concerns) || !Array.isArray(value.notes)) return false;
  if (!optional(value.title, isString) || !optional(value.analysisDate, isString) || !optional(value.commit, isString)) return false;
  if (!optional(value.frontmatter, (keys) => isObject(keys) && Object.values(keys).every((v) => isFrontmatterValue(v, 0)))) return false;
  return value.concerns.every(isConcern) && value.notes.every(isNote);
}

function isConcern(value: unknown): boolean {
  return (
    isObject(value) &&
    isString(value.id) &&
    isString(value.category) &&
    isString(value.title) &&
    optional(value.group, isString) &&
    optional(value.label, isString) &&
    optional(value.severity, (s) => typeof s === 'string' && SEVERITIES.has(s)) &&
    typeof value.resolved === 'boolean' &&
    isRange(value.range) &&
    isRange(value.titleRange) &&
    Array.isArray(value.fields) &&
    value.fields.every(isField) &&
    Array.isArray(value.references) &&
    value.references.every(isReference)
  );
}

function isField(value: unknown): boolean {
  return isObject(value) && isString(value.name) && isString(value.label) && isString(value.text) && isRange(value.range);
}

function isReference(value: unknown): boolean {
  return (
    isObject(value) &&
    isString(value.text) &&
    isString(value.path) &&
    typeof value.kind === 'string' &&
    KINDS.has(value.kind) &&
    Array.isArray(value.ranges) &&
    value.ranges.every(isLineRange) &&
    isString(value.field) &&
    isRange(value.range) &&
    typeof value.quoted === 'boolean' &&
    typeof value.inFixField === 'boolean' &&
    optional(value.symbol, isString)
  );
}

/** A JSON value (what the frontmatter's keys hold), nested a few levels at most. */
function isFrontmatterValue(value: unknown, depth: number): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (depth > 5) return false;
  if (Array.isArray(value)) return value.every((v) => isFrontmatterValue(v, depth + 1));
  return isObject(value) && Object.values(value).every((v) => isFrontmatterValue(v, depth + 1));
}

function isNote(value: unknown): boolean {
  return isObject(value) && isString(value.message) && isRange(value.range) && typeof value.severity === 'string' && NOTE_SEVERITIES.has(value.severity);
}

function isLineRange(value: unknown): boolean {
  return isObject(value) && isCount(value.start) && isCount(value.end) && optional(value.toEnd, (t) => typeof t === 'boolean');
}

function isRange(value: unknown): value is Range {
  return isObject(value) && isPosition(value.start) && isPosition(value.end);
}

function isPosition(value: unknown): boolean {
  return isObject(value) && isCount(value.line) && isCount(value.character);
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optional(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || check(value);
}

const SEVERITIES: ReadonlySet<string> = new Set(['critical', 'high', 'medium', 'low']);
const KINDS: ReadonlySet<string> = new Set(['file', 'glob', 'directory']);
const NOTE_SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info']);
