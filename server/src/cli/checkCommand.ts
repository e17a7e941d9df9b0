// `concerns check`: the CI check. Broken references, drift, and what a change since REV walks
// into; printed as text, JSON, SARIF or GitHub workflow commands; the exit code says whether
// anything `--fail-on` chose was found.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkJson, checkText, touchedSummary, type CheckReport } from '../core/report/checkText';
import { computeFindings, failingFindings, FINDING_GROUPS, type FailOn, type FindingGroup, type FindingLevel } from '../core/report/findings';
import { githubAnnotations } from '../core/report/github';
import { sarifLog } from '../core/report/sarif';
import type { FileChangeSince } from '../core/report/touched';
import { changesSince, resolveRevision, UnknownRevisionError } from '../node/git/since';
import { parseOptions, UsageError } from './args';
import { EXIT, type CliIo } from './io';
import { loadWorkspace, type Loaded } from './load';
import { VERSION } from './version';

export const CHECK_USAGE = `Usage: concerns check [--root DIR] [--doc PATH]... [--format text|json|sarif|github]
                      [--fail-on LIST] [--since REV] [--output FILE] [--no-git]

  Checks the repository's concerns documents: broken references (missing file, lines out of
  range, a glob with no match), code changed or gone since the analysis (drift), and with
  --since the concerns whose code the change since REV edits.

  --root DIR       the repository (default: the current directory)
  --doc PATH       a concerns document (repeatable; default: found under the root)
  --format F       text (default), json, sarif (GitHub code scanning), github (workflow annotations)
  --fail-on LIST   what fails the run (exit 1), comma-separated: broken, changed, gone, touched,
                   severity>=LEVEL (error, warning, information, hint), or none. Default: broken
  --since REV      also report the concerns the change from REV to the working tree touches
  --output FILE    write the report to FILE (and the text report to stdout)
  --no-git         start no process: no drift, no --since

  Exit: 0 nothing chosen by --fail-on found, 1 something was, 2 bad arguments or unknown REV.
`;

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

const LEVEL_NAMES: Record<string, FindingLevel> = { error: 'error', warning: 'warning', information: 'information', info: 'information', note: 'information', hint: 'hint' };

/** `--fail-on` read: groups and a least severity; throws {@link UsageError} naming a bad item. */
export function parseFailOn(text: string): FailOn & { text: string } {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError('--fail-on needs at least one of broken, changed, gone, touched, severity>=LEVEL, none');
  if (items.includes('none')) {
    if (items.length > 1) throw new UsageError("--fail-on none cannot be combined with other items");
    return { groups: new Set(), text: 'none' };
  }
  const groups = new Set<FindingGroup>();
  let minLevel: FindingLevel | undefined;
  for (const item of items) {
    const severity = /^severity\s*>=\s*(\w+)$/.exec(item);
    if (severity) {
      const level = LEVEL_NAMES[severity[1]!.toLowerCase()];
      if (!level) throw new UsageError(`--fail-on: unknown severity '${severity[1]}' (error, warning, information, hint)`);
      minLevel = level;
    } else if ((FINDING_GROUPS as readonly string[]).includes(item)) groups.add(item as FindingGroup);
    else throw new UsageError(`--fail-on: unknown item '${item}' (broken, changed, gone, touched, severity>=LEVEL, none)`);
  }
  return { groups, ...(minLevel ? { minLevel } : {}), text: items.join(',') };
}

export async function checkCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(argv, { root: 'value', doc: 'list', format: 'value', 'fail-on': 'value', since: 'value', output: 'value', 'no-git': 'flag' });
  if (options === 'help') {
    io.out(CHECK_USAGE);
    return EXIT.ok;
  }
  const format = (options.values.get('format') ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format: unknown format '${format}' (text, json, sarif, github)`);
  const failOn = parseFailOn(options.values.get('fail-on') ?? 'broken');
  const git = !options.flags.has('no-git');
  const since = options.values.get('since');
  if (since !== undefined && !git) throw new UsageError('--since needs git: it cannot be combined with --no-git');
  const output = options.values.get('output');
  const loaded = await loadWorkspace({ cwd: io.cwd, root: options.values.get('root'), docs: options.lists.get('doc') ?? [], git, log: (m) => io.err(`concerns: ${m}\n`) });
  const notes: string[] = [];
  // Where git could not answer for some references (a missing object, a file too large): said, by reason.
  if (loaded.drift.state === 'known') notes.push(...unknownDriftNotes(loaded));
  // What the parser says about a document (cut at a limit, nothing recognised): part of the report.
  for (const { doc, model } of loaded.documents) for (const note of model.notes) if (note.severity !== 'info') notes.push(`${doc.path}:${note.range.start.line + 1}: ${note.message}`);
  const compared = since === undefined ? undefined : await compareSince(loaded, since, notes);
  const changes = compared?.changes;
  const sinceInfo = compared?.since;
  const findings = computeFindings({ documents: loaded.documents.map((d) => ({ path: d.doc.path, model: d.model })), driftKnown: loaded.drift.state === 'known', ...(changes ? { changes } : {}) });
  const failing = failingFindings(findings, failOn);
  // A document that cannot be read is a broken document: it fails a run that fails on broken references.
  const unreadableFails = loaded.unreadable.length > 0 && (failOn.groups.has('broken') || (failOn.groups.size === 0 && failOn.minLevel !== undefined && failOn.minLevel !== 'error'));
  const report: CheckReport = {
    root: loaded.root,
    documents: loaded.documents.map(({ doc, model }) => ({ path: doc.path, concerns: model.concerns.length, references: model.concerns.reduce((n, c) => n + c.references.length, 0) })),
    unreadable: loaded.unreadable,
    drift: loaded.drift,
    ...(sinceInfo ? { since: sinceInfo } : {}),
    notes,
    findings,
    failing,
    failOn: failOn.text,
    failed: failing.length > 0 || unreadableFails,
  };
  const formatted = formatReport(format, report, loaded);
  if (output !== undefined) {
    const file = path.resolve(io.cwd, output);
    try {
      fs.writeFileSync(file, formatted);
    } catch (error) {
      throw new UsageError(`--output: cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    if (format !== 'text') io.out(checkText(report));
  } else io.out(formatted);
  return report.failed ? EXIT.found : EXIT.ok;
}

/** The change since `rev` of every referenced file; a `rev` git does not know is a usage error. */
async function compareSince(loaded: Loaded, rev: string, notes: string[]): Promise<{ changes: Map<string, FileChangeSince>; since: NonNullable<CheckReport['since']> }> {
  if (!loaded.facts) throw new UsageError(`--since ${rev}: the root ${loaded.root} is not in a git repository`);
  let commit: string;
  try {
    commit = await resolveRevision(loaded.root, rev, loaded.facts);
  } catch (error) {
    if (error instanceof UnknownRevisionError) throw new UsageError(`--since: ${error.message}`);
    throw error;
  }
  const compared = await changesSince(loaded.root, loaded.facts, commit, referencedPaths(loaded), loaded.readText, (rel) => {
    // There but unreadable: a file over the cap, or a link leading out (a directory is no file to compare).
    const type = loaded.workspace.stat(rel)?.type;
    return type === 'file' || type === 'outside';
  });
  const unread = compared.unreadable;
  if (unread.length > 0) notes.push(`not compared with ${rev} (too large or not a regular file): ${unread.slice(0, 5).join(', ')}${unread.length > 5 ? ` and ${unread.length - 5} more` : ''}`);
  if (loaded.drift.state !== 'known') notes.push('where drift is unknown, a concern counts as touched when the change edits its file (its lines as written may not be where the code is now)');
  return { changes: compared.changes, since: { rev, commit } };
}

/** The report in the chosen format; SARIF and GitHub paths are repository-relative. */
function formatReport(format: Format, report: CheckReport, loaded: Loaded): string {
  const prefix = loaded.facts?.prefix ?? '';
  const notes = [...(loaded.drift.state === 'unknown' ? [`drift unknown: ${loaded.drift.reason}`] : []), ...report.notes];
  switch (format) {
    case 'json':
      return checkJson(report);
    case 'sarif':
      return `${JSON.stringify(sarifLog(report.findings, { version: VERSION, repoPrefix: prefix, repoRootUri: pathToFileURL(`${loaded.facts?.toplevel ?? loaded.root}/`).href, unreadable: loaded.unreadable, notes }), null, 2)}\n`;
    case 'github':
      return githubAnnotations(report.findings, { repoPrefix: prefix, unreadable: loaded.unreadable, notes: report.since ? [...notes, `since ${report.since.rev}: ${touchedSummary(report.findings)}`] : notes });
    default:
      return checkText(report);
  }
}

/** "2 references: drift unknown (object missing)", one line per reason. */
function unknownDriftNotes(loaded: Loaded): string[] {
  const byReason = new Map<string, number>();
  for (const { model } of loaded.documents) {
    for (const ref of model.concerns.flatMap((c) => c.references)) {
      if (ref.location?.state !== 'unknown') continue;
      const reason = ref.location.note ?? 'git could not answer';
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    }
  }
  const notes = [...byReason].map(([reason, n]) => `${n} reference${n === 1 ? '' : 's'}: drift unknown (${reason})`);
  // In CI the usual cause: the checkout's depth. Say what fixes it.
  if (notes.length > 0 && loaded.facts?.shallow) notes.push('this is a shallow clone: fetch the whole history (actions/checkout with fetch-depth: 0, or git fetch --unshallow) for drift to follow every reference');
  return notes;
}

/** Every file some reference names, as written and where its code is now. */
function referencedPaths(loaded: Loaded): string[] {
  const paths = new Set<string>();
  for (const { model } of loaded.documents) {
    for (const ref of model.concerns.flatMap((c) => c.references)) {
      for (const m of ref.matches) paths.add(m);
      if (ref.location) {
        paths.add(ref.location.path);
        paths.add(ref.location.writtenPath);
      }
    }
  }
  return [...paths];
}
