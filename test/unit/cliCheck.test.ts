// `concerns check` on real git repositories built by the tests: what a CI run reports, in which
// format, and which exit code it ends with.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import Ajv from 'ajv-draft-04';
import { runCli } from '../../server/src/cli/cli';
import { GitRepo } from './helpers/gitRepo';
import { tempDir } from './helpers/tempWorkspace';

const DOC = `# Codebase Concerns

**Analysis Date:** 2026-01-10

## Fragile Areas

**Session refresh races:**
- Files: \`app/session.py\` (lines 3-5)
- Why fragile: two refreshes at once
- Safe modification: take the lock first

**Cache warmup order:**
- Files: \`app/cache.py\` (lines 2-3)
- Why fragile: import order decides
- Safe modification: explicit init

## Known Bugs

**Token compared with ==:**
- Files: \`app/auth.py\` (lines 2-3)
- Symptoms: timing leak
- Fix approach: use hmac.compare_digest

## Tech Debt

**Old helper:**
- Files: \`app/gone.py\`, \`app/util.py\` (lines 40-41)
- Fix approach: delete it
`;

const lines = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`).join('\n') + '\n';

const FILES = {
  '.planning/codebase/CONCERNS.md': DOC,
  'app/session.py': lines('session', 8),
  'app/cache.py': lines('cache', 6),
  'app/auth.py': lines('auth', 6),
  'app/util.py': lines('util', 5),
};

async function cli(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { cwd, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

function repoWithDoc(t: TestContext): GitRepo {
  const repo = GitRepo.create(t, 'concerns-check-');
  repo.commit('analysis', FILES);
  return repo;
}

/** Edits line `n` (1-based) of a file. */
function editLine(repo: GitRepo, rel: string, n: number, text: string): void {
  const all = repo.read(rel).split('\n');
  all[n - 1] = text;
  repo.write(rel, all.join('\n'));
}

void test('check: broken references fail the run by default; --fail-on none passes; the text names each', async (t) => {
  const repo = repoWithDoc(t);
  const run = await cli(['check'], repo.root);
  assert.equal(run.code, 1, run.err);
  assert.match(run.out, /Broken references \(2\):/);
  assert.match(run.out, /\.planning\/codebase\/CONCERNS\.md:27 {2}missing {2}app\/gone\.py {2}\(Old helper\)/);
  assert.match(run.out, /\.planning\/codebase\/CONCERNS\.md:27 {2}out-of-range {2}app\/util\.py/);
  assert.match(run.out, /FAILED: 2 findings of --fail-on broken/);
  const none = await cli(['check', '--fail-on', 'none'], repo.root);
  assert.equal(none.code, 0);
  const drift = await cli(['check', '--fail-on', 'changed,gone'], repo.root);
  assert.equal(drift.code, 0, 'nothing drifted yet');
});

void test('check --since: the concerns the change touches, counted by category, each with its fix approach', async (t) => {
  const repo = repoWithDoc(t);
  const base = repo.commit('nothing yet');
  // Lines inserted at the top move every session line down; the edit hits the moved range.
  repo.write('app/session.py', `# header\n${repo.read('app/session.py')}`);
  editLine(repo, 'app/session.py', 5, 'session 4 edited');
  editLine(repo, 'app/auth.py', 3, 'auth 3 edited');
  repo.commit('the change');
  // Uncommitted too: the working tree is what is compared.
  editLine(repo, 'app/cache.py', 6, 'cache 6 edited, outside the concern');
  const run = await cli(['check', '--since', base, '--fail-on', 'touched'], repo.root);
  assert.equal(run.code, 1, run.err);
  assert.match(run.out, /this change edits 1 fragile area and 1 known bug\./);
  assert.match(run.out, /app\/session\.py:4-6 {2}Session refresh races \[Fragile Areas/);
  assert.match(run.out, /Safe modification: take the lock first/);
  assert.match(run.out, /app\/auth\.py:2-3 {2}Token compared with == \[Known Bugs/);
  assert.match(run.out, /Fix approach: use hmac\.compare_digest/);
  assert.doesNotMatch(run.out, /Cache warmup order \[/, 'an edit outside the range does not touch it');
  // The same change, judged by severity: Known Bugs warn, Fragile informs.
  const warn = await cli(['check', '--since', base, '--fail-on', 'touched,severity>=warning', '--format', 'json'], repo.root);
  const json = JSON.parse(warn.out) as { findings: { kind: string; concern: { title: string }; fails: boolean }[]; summary: string };
  assert.equal(warn.code, 1);
  assert.deepEqual(json.findings.filter((f) => f.fails).map((f) => f.concern.title), ['Token compared with ==']);
  assert.equal(json.summary, 'this change edits 1 fragile area and 1 known bug');
  const errorsOnly = await cli(['check', '--since', base, '--fail-on', 'severity>=error'], repo.root);
  assert.equal(errorsOnly.code, 0, errorsOnly.out);
});

void test('check: drift findings where the code changed, placed where it is now', async (t) => {
  const repo = repoWithDoc(t);
  editLine(repo, 'app/auth.py', 2, 'auth 2 rewritten');
  repo.commit('edit');
  const run = await cli(['check', '--fail-on', 'changed', '--format', 'json'], repo.root);
  assert.equal(run.code, 1, run.err);
  const json = JSON.parse(run.out) as { drift: { state: string }; findings: { kind: string; at: { path: string; startLine?: number } }[] };
  assert.equal(json.drift.state, 'known');
  assert.deepEqual(json.findings.filter((f) => f.kind === 'changed').map((f) => [f.at.path, f.at.startLine]), [['app/auth.py', 2]]);
});

void test('check: bad arguments and an unknown revision exit 2 with a message naming the problem', async (t) => {
  const repo = repoWithDoc(t);
  const cases: [string[], RegExp][] = [
    [['check', '--format', 'xml'], /unknown format 'xml'/],
    [['check', '--fail-on', 'broken,bogus'], /unknown item 'bogus'/],
    [['check', '--fail-on', 'severity>=loud'], /unknown severity 'loud'/],
    [['check', '--fail-on', 'none,broken'], /none cannot be combined/],
    [['check', '--since', 'HEAD', '--no-git'], /--since needs git/],
    [['check', '--since', 'no-such-branch'], /unknown revision 'no-such-branch'/],
    [['check', '--since', '--output'], /--since needs a value/],
    [['check', '--frobnicate'], /unknown option '--frobnicate'/],
    [['check', 'stray'], /unexpected argument 'stray'/],
    [['check', '--root', 'nowhere'], /is not a directory/],
    [['check', '--output', path.join(repo.root, 'no', 'such', 'dir', 'out.sarif')], /--output: cannot write .*ENOENT/],
    [['frob'], /unknown command 'frob'/],
  ];
  for (const [argv, message] of cases) {
    const run = await cli(argv, repo.root);
    assert.equal(run.code, 2, `${argv.join(' ')}: ${run.out}`);
    assert.match(run.err, message, argv.join(' '));
  }
  const noRepo = tempDir(t);
  fs.writeFileSync(path.join(noRepo, 'CONCERNS.md'), DOC);
  const outside = await cli(['check', '--since', 'HEAD'], noRepo);
  assert.equal(outside.code, 2);
  assert.match(outside.err, /not in a git repository/);
});

void test('check: a document that cannot be read is reported, the others are still checked', async (t) => {
  const repo = repoWithDoc(t);
  fs.mkdirSync(path.join(repo.root, 'docs'));
  fs.writeFileSync(path.join(repo.root, 'docs/CONCERNS.md'), DOC.replace('app/gone.py', 'app/session.py'));
  const run = await cli(['check', '--doc', 'docs/CONCERNS.md', '--doc', 'docs/missing.md', '--fail-on', 'changed'], repo.root);
  assert.equal(run.code, 0, 'an unreadable document fails only a run that fails on broken');
  assert.match(run.out, /docs\/missing\.md: cannot read the document \(file not found/);
  assert.match(run.out, /docs\/CONCERNS\.md: 4 concerns, 5 references/);
  assert.equal((await cli(['check', '--doc', 'docs/missing.md'], repo.root)).code, 1);
});

void test('check in a shallow clone: drift is unknown and says why, never a guess', async (t) => {
  const repo = repoWithDoc(t);
  editLine(repo, 'app/auth.py', 2, 'auth 2 rewritten');
  repo.commit('edit');
  const clone = path.join(tempDir(t), 'shallow');
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.root}`, clone], { stdio: 'ignore' });
  const run = await cli(['check', '--fail-on', 'changed,gone'], clone);
  assert.equal(run.code, 0, run.out);
  assert.match(run.out, /Note: \d+ references: drift unknown \(history not available: shallow clone/);
  assert.match(run.out, /Note: this is a shallow clone: .*fetch-depth: 0/);
  assert.doesNotMatch(run.out, /Code changed or gone/);
  const sarif = JSON.parse((await cli(['check', '--format', 'sarif', '--fail-on', 'none'], clone)).out) as { runs: { invocations: { toolExecutionNotifications: { message: { text: string } }[] }[] }[] };
  assert.match(sarif.runs[0]!.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text).join('\n'), /drift unknown \(history not available: shallow clone/);
  const index = JSON.parse((await cli(['index', '--json'], clone)).out) as { documents: { concerns: { references: { location?: { state: string; note?: string } }[] }[] }[] };
  const states = index.documents[0]!.concerns.flatMap((c) => c.references).map((r) => r.location?.state);
  assert.ok(states.length > 0 && states.every((s) => s === 'unknown' || s === undefined), `states: ${states.join(',')}`);
});

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; endLine?: number } } }[];
  partialFingerprints: Record<string, string>;
}

function validateSarif(log: unknown): void {
  const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(schema);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 1));
}

void test('check --format sarif: valid SARIF 2.1.0, rules per category and kind, fingerprints that survive moved lines', async (t) => {
  const repo = GitRepo.create(t, 'concerns-sarif-');
  // The checked folder is a subfolder of the repository: URIs are repository-relative.
  repo.commit('analysis', Object.fromEntries(Object.entries(FILES).map(([k, v]) => [`svc/${k}`, v])));
  const base = repo.commit('base');
  editLine(repo, 'svc/app/auth.py', 3, 'auth 3 edited');
  repo.commit('change');
  const first = await cli(['check', '--root', 'svc', '--since', base, '--format', 'sarif', '--fail-on', 'none'], repo.root);
  assert.equal(first.code, 0, first.err);
  const log = JSON.parse(first.out) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string } }[] } }; results: SarifResult[] }[] };
  validateSarif(log);
  const run = log.runs[0]!;
  assert.deepEqual(run.tool.driver.rules.map((r) => r.id).sort(), ['concerns/category/known-bugs', 'concerns/reference/missing', 'concerns/reference/out-of-range']);
  for (const rule of run.tool.driver.rules) assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text, rule.id);
  const touched = run.results.find((r) => r.ruleId === 'concerns/category/known-bugs')!;
  assert.equal(touched.level, 'warning');
  assert.deepEqual(touched.locations[0]!.physicalLocation, { artifactLocation: { uri: 'svc/app/auth.py', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, endLine: 3 } });
  assert.match(touched.message.text, /Fix approach: use hmac\.compare_digest/);
  // Lines inserted above the code and above the concern: the same alerts, at new lines.
  repo.write('svc/app/auth.py', `# a\n# b\n${repo.read('svc/app/auth.py')}`);
  repo.write('svc/.planning/codebase/CONCERNS.md', DOC.replace('## Fragile Areas', 'Intro line.\n\n## Fragile Areas'));
  repo.commit('move');
  const second = JSON.parse((await cli(['check', '--root', 'svc', '--since', base, '--format', 'sarif', '--fail-on', 'none'], repo.root)).out) as typeof log;
  validateSarif(second);
  const key = (r: SarifResult) => `${r.ruleId} ${r.partialFingerprints['concernsLens/v1']}`;
  assert.deepEqual(second.runs[0]!.results.map(key).sort(), run.results.map(key).sort());
  const moved = second.runs[0]!.results.find((r) => r.ruleId === 'concerns/category/known-bugs')!;
  assert.equal(moved.locations[0]!.physicalLocation.region.startLine, 4);
});

void test('check --output FILE: the report in the file, the text on stdout', async (t) => {
  const repo = repoWithDoc(t);
  const file = path.join(repo.root, 'concerns.sarif');
  const run = await cli(['check', '--format', 'sarif', '--output', 'concerns.sarif', '--fail-on', 'none'], repo.root);
  assert.equal(run.code, 0);
  assert.match(run.out, /Broken references \(2\)/);
  validateSarif(JSON.parse(fs.readFileSync(file, 'utf8')));
});

void test('check --since: a referenced file too large to read is not compared (a note says so), never reported deleted', async (t) => {
  const repo = repoWithDoc(t);
  // A folder named too: it is no file to compare, and not "unreadable".
  repo.write('.planning/codebase/CONCERNS.md', `${DOC}\n**The app folder:**\n- Files: \`app/\`\n`);
  const base = repo.commit('base');
  repo.write('app/auth.py', 'x'.repeat(9 * 1024 * 1024));
  const run = await cli(['check', '--since', base, '--fail-on', 'touched', '--format', 'json'], repo.root);
  const json = JSON.parse(run.out) as { notes: string[]; findings: { kind: string; message: string }[] };
  assert.deepEqual(json.findings.filter((f) => f.kind === 'touched').map((f) => f.message), []);
  assert.match(json.notes.join('\n'), /not compared with [0-9a-f]+ \(too large or not a regular file\): app\/auth\.py$/m);
});

void test('check: references git cannot follow are counted with the reason drift gives, not reported as drift', async (t) => {
  const repo = repoWithDoc(t);
  // A file the analysis names that git never had: its drift is unknown.
  repo.write('.planning/codebase/CONCERNS.md', `${DOC}\n**New module:**\n- Files: \`app/new.py\` (lines 1-2)\n`);
  repo.commit('doc names a file git does not have');
  repo.write('app/new.py', 'a\nb\nc\n');
  const run = await cli(['check', '--fail-on', 'changed,gone'], repo.root);
  assert.equal(run.code, 0, run.out);
  assert.match(run.out, /Note: 1 reference: drift unknown \(.+\)/);
});
