/**
 * `concerns check --format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. One rule per
 * concern category (for the concerns a change touches or whose code drifted) and one per kind of
 * broken reference; results at the places where the code is now, with repository-relative URIs and
 * fingerprints that hold while lines move.
 */
import type { Finding, FindingKind, FindingLevel } from './findings';
import { stableHash } from './stableHash';

export interface SarifOptions {
  /** The tool's version (`package.json`). */
  version: string;
  /** The checked folder's path inside its repository (`''` or `sub/dir/`): URIs are repository-relative. */
  repoPrefix: string;
  /** `file://` URI of the repository's top folder, with a trailing slash, when known (`originalUriBaseIds`). */
  repoRootUri?: string;
  /** Documents that could not be read: tool notifications (the run still succeeded). */
  unreadable: readonly { path: string; reason: string }[];
  /** One line each about the run as a whole (drift unknown and why, the revision compared). */
  notes: readonly string[];
}

export const SRCROOT = '%SRCROOT%';

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

type SarifLevel = 'error' | 'warning' | 'note';

const BROKEN_RULES: Record<Extract<FindingKind, 'missing' | 'out-of-range' | 'no-match'>, { name: string; short: string; full: string }> = {
  missing: {
    name: 'ReferenceMissing',
    short: 'A concern references a file that does not exist',
    full: 'The concerns document names a file that is not in the repository (neither where it is written nor renamed since the analysis).',
  },
  'out-of-range': {
    name: 'ReferenceOutOfRange',
    short: 'A concern references lines past the end of a file',
    full: 'The concerns document names lines that the file does not have: the code was shortened or the line numbers are wrong.',
  },
  'no-match': {
    name: 'ReferenceNoMatch',
    short: 'A concern references a glob that matches no file',
    full: 'The concerns document names a glob pattern that matches no file of the repository.',
  },
};

/** The rule id of a finding: stable across runs (category names and kinds, never positions). */
export function ruleIdOf(finding: Finding): string {
  if (finding.group === 'broken') return `concerns/reference/${finding.kind}`;
  // A concern no heading groups: one rule for all of them, named for no category.
  return finding.concern.category ? `concerns/category/${slug(finding.concern.category)}` : 'concerns/concern';
}

export function sarifLog(findings: readonly Finding[], options: SarifOptions): object {
  const rules = new Map<string, Rule>();
  for (const f of findings) {
    const id = ruleIdOf(f);
    if (!rules.has(id)) rules.set(id, f.group === 'broken' ? brokenRule(id, f.kind as keyof typeof BROKEN_RULES) : categoryRule(id, f.concern.category));
  }
  const ruleList = [...rules.values()].sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex = new Map(ruleList.map((r, i) => [r.id, i]));
  const results = findings.map((f) => {
    const id = ruleIdOf(f);
    const fingerprint = fingerprintOf(f);
    return {
      ruleId: id,
      ruleIndex: ruleIndex.get(id)!,
      level: sarifLevel(f.level),
      message: { text: resultMessage(f) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeUriPath(options.repoPrefix + f.at.path), uriBaseId: SRCROOT },
            // GitHub needs a start line; a finding about a whole file sits on its first line (the message says so).
            region: { startLine: f.at.startLine ?? 1, ...(f.at.endLine !== undefined && f.at.endLine > (f.at.startLine ?? 1) ? { endLine: f.at.endLine } : {}) },
          },
        },
      ],
      partialFingerprints: { 'concernsLens/v1': fingerprint, primaryLocationLineHash: fingerprint },
      properties: { kind: f.kind, category: f.concern.category, concernId: f.concern.id, document: f.documentPath, documentLine: f.reference.documentLine, ...(f.concern.severity ? { severity: f.concern.severity } : {}) },
    };
  });
  const notifications = [
    ...options.unreadable.map((u) => ({ level: 'error' as const, message: { text: `Cannot read the concerns document ${u.path}: ${u.reason}` }, locations: [{ physicalLocation: { artifactLocation: { uri: encodeUriPath(options.repoPrefix + u.path), uriBaseId: SRCROOT } } }] })),
    ...options.notes.map((text) => ({ level: 'note' as const, message: { text } })),
  ];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Concerns Lens',
            semanticVersion: options.version,
            informationUri: 'https://example.invalid/concerns-lens',
            rules: ruleList,
          },
        },
        ...(options.repoRootUri ? { originalUriBaseIds: { [SRCROOT]: { uri: options.repoRootUri } } } : {}),
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
}

/**
 * What identifies a result across runs: the concern, the reference as written and the kind of
 * finding, never line numbers, so moving code (or the document's lines) keeps the same alert.
 */
export function fingerprintOf(f: Finding): string {
  return stableHash([f.concern.id, f.reference.path, f.reference.text, f.kind, f.kind === 'touched' ? f.at.path : ''].join('\u0000'));
}

function resultMessage(f: Finding): string {
  const parts = [`${f.concern.title} (${f.concern.category}${f.concern.severity ? `, ${f.concern.severity}` : ''}): ${f.message}.`];
  if (f.at.startLine === undefined) parts.push('The concern names the whole file.');
  if (f.group !== 'broken' && f.concern.fix) parts.push(`${f.concern.fix.label}: ${f.concern.fix.text}`);
  parts.push(`From ${f.documentPath} line ${f.reference.documentLine}.`);
  return parts.join(' ');
}

function brokenRule(id: string, kind: keyof typeof BROKEN_RULES): Rule {
  const r = BROKEN_RULES[kind];
  const help = `${r.full} Open the concerns document at the line the result names and correct the reference (the editor extension offers the nearest existing path), or remove it if the code is gone for good.`;
  return { id, name: r.name, shortDescription: { text: r.short }, fullDescription: { text: r.full }, help: { text: help, markdown: help }, defaultConfiguration: { level: 'warning' }, properties: { tags: ['concerns', 'documentation'] } };
}

function categoryRule(id: string, category: string): Rule {
  const full = `A concern${category ? ` of the category "${category}"` : ''} in the repository's concerns document: its code changed or is gone since the analysis, or the change under review edits it.`;
  const help = `The result names the concern, what happened to its code and the concern's fix approach. Review the change against the concern; when the concern is dealt with, mark it resolved in the concerns document.`;
  return {
    id,
    name: `Concern${category.replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`,
    shortDescription: { text: category ? `Concern: ${category}` : 'Concern' },
    fullDescription: { text: full },
    help: { text: help, markdown: help },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: category ? ['concerns', slug(category)] : ['concerns'] },
  };
}

function sarifLevel(level: FindingLevel): SarifLevel {
  return level === 'error' ? 'error' : level === 'warning' ? 'warning' : 'note';
}

/** A category name as an id segment: lowercase ASCII words joined by `-` (non-ASCII names hashed). */
function slug(category: string): string {
  const words = category.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return words || `c${stableHash(category).slice(0, 8)}`;
}

/** A repository-relative path as a URI reference: each segment percent-encoded, slashes kept. */
function encodeUriPath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}
