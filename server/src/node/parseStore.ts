import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConcernsDocument } from '../core/model';
import { isConcernsDocument } from '../core/modelShape';
import type { ParseStore } from '../parseStore';

/** The bundle's parser identity (a hash of the parsing code, set at build time); unset when run from source. */
declare const __CONCERNS_PARSER_ID__: string | undefined;
export const BUILT_PARSER_ID = typeof __CONCERNS_PARSER_ID__ === 'string' ? __CONCERNS_PARSER_ID__ : undefined;

/** Entries larger than this are neither written nor read (a 5,000-concern model is about 7 MB). */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
/** Entries kept in the folder: the documents of the last few workspaces' worth of editing. */
const MAX_ENTRIES = 32;
/** Models are written this long after the last change: while typing, not on every keystroke. */
const SAVE_DELAY_MS = 5000;
const FORMAT = 1;

interface Entry {
  format: number;
  parser: string;
  /** sha256 of the text the model was parsed from. */
  text: string;
  document: ConcernsDocument;
}

/**
 * A parse store in a folder the editor gives the extension for its own use (VS Code's
 * workspace storage): one JSON file per document, written whole to a temporary name and renamed,
 * so a crash mid-write leaves the old entry or none. Anything unreadable, stale or malformed is
 * ignored (the document is parsed); a folder that cannot be written turns saving off.
 */
export class FileParseStore implements ParseStore {
  private readonly pending = new Map<string, { text: string; parsed: ConcernsDocument }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writable = true;

  constructor(
    private readonly dir: string,
    private readonly parser: string,
    private readonly log: (message: string) => void,
    private readonly delayMs = SAVE_DELAY_MS,
  ) {}

  load(uri: string, text: string): ConcernsDocument | undefined {
    const file = this.fileOf(uri);
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > MAX_ENTRY_BYTES) return undefined;
      const entry = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Entry>;
      if (entry.format !== FORMAT || entry.parser !== this.parser || entry.text !== hashOf(text)) return undefined;
      if (!isConcernsDocument(entry.document)) {
        this.log(`The parse cache entry for ${uri} is malformed; the document is parsed instead.`);
        return undefined;
      }
      return entry.document;
    } catch (error) {
      // No entry yet is the usual case; anything else (cut short, unreadable) is worth a line.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`The parse cache entry for ${uri} could not be read (${String(error)}); the document is parsed instead.`);
      return undefined;
    }
  }

  save(uri: string, text: string, parsed: ConcernsDocument): void {
    if (!this.writable) return;
    this.pending.set(uri, { text, parsed });
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
    // Never what keeps the server alive.
    this.timer.unref?.();
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const entries = [...this.pending];
    this.pending.clear();
    if (entries.length === 0 || !this.writable) return;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      for (const [uri, { text, parsed }] of entries) this.write(uri, text, parsed);
      this.prune();
    } catch (error) {
      this.writable = false;
      this.log(`The parse cache in ${this.dir} cannot be written (${String(error)}); documents will be parsed at every start.`);
    }
  }

  private write(uri: string, text: string, parsed: ConcernsDocument): void {
    const entry: Entry = { format: FORMAT, parser: this.parser, text: hashOf(text), document: parsed };
    const json = JSON.stringify(entry);
    const file = this.fileOf(uri);
    if (json.length > MAX_ENTRY_BYTES) {
      fs.rmSync(file, { force: true });
      return;
    }
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, json);
    fs.renameSync(temporary, file);
  }

  /** Keeps the MAX_ENTRIES most recently written entries. */
  private prune(): void {
    const names = fs.readdirSync(this.dir).filter((name) => name.endsWith('.json'));
    if (names.length <= MAX_ENTRIES) return;
    const byAge = names.map((name) => ({ name, mtime: fs.statSync(path.join(this.dir, name)).mtimeMs })).sort((a, b) => b.mtime - a.mtime);
    for (const { name } of byAge.slice(MAX_ENTRIES)) fs.rmSync(path.join(this.dir, name), { force: true });
  }

  private fileOf(uri: string): string {
    return path.join(this.dir, `${hashOf(uri).slice(0, 32)}.json`);
  }
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
