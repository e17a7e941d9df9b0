// "Show changes since the analysis" over the protocol: the built server in a git repository the
// test builds. `concerns/baselineText` answers with the file as it was at the commit the lines
// were written against, for a reference drift followed (by identity, or by a path and sha drift
// mapped); it refuses a path drift did not map, a rev that is not a full sha, a path leaving the
// folder, and, untrusted, answers that git does not run. The hover, the quick fix on the code
// diagnostic and the view's data offer it only where there is something to compare.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { CodeAction, Command, Diagnostic } from 'vscode-languageserver-protocol';
import { unpackTree, type WireTree } from '../../server/src/treeWire';
import type { BaselineText, BaselineTextFound, ReferenceParams, TreeConcern } from '../../server/src/protocol';
import { codeLines, GitRepo } from '../unit/helpers/gitRepo';
import { fileUri, LspClient } from './lspClient';

const CONCERNS = '.planning/codebase/CONCERNS.md';
const DOC = [
  '# Codebase Concerns',
  '',
  '## Security Considerations',
  '',
  '**Token compared with ==:**',
  '- Risk: timing attack',
  '- Files: `src/auth.py` (lines 10-12)',
  '',
  '**Legacy session store:**',
  '- Risk: sessions never expire',
  '- Files: `src/session.py` (lines 2-3)',
  '',
  '**Settings read at import:**',
  '- Risk: stale configuration',
  '- Files: `src/settings.py` (lines 1-2)',
  '',
].join('\n');
const text = (lines: readonly string[]) => lines.join('\n') + '\n';
const AUTH = text(codeLines(30, 'auth'));
const SESSION = text(codeLines(8, 'session'));

/** The analysis committed at `baseline` (blame makes it its lines' baseline); since then auth.py got three lines above the range and session.py was deleted. */
function repoWithDrift(t: TestContext): { repo: GitRepo; baseline: string } {
  const repo = GitRepo.create(t, 'concerns-protocol-changes-');
  repo.commit('code', { 'src/auth.py': AUTH, 'src/session.py': SESSION, 'src/settings.py': text(codeLines(5, 'settings')), 'notes/secret.txt': 'not named by any concern\n' });
  const baseline = repo.commit('analysis', { [CONCERNS]: DOC });
  repo.commit('insert above, delete the session store', { 'src/auth.py': text(['import hmac', 'import os', 'import sys', ...codeLines(30, 'auth')]), 'src/session.py': null });
  return { repo, baseline };
}

async function start(t: TestContext, repo: GitRepo, trusted: boolean, env?: Record<string, string>): Promise<LspClient> {
  const client = new LspClient(env ? { env } : {});
  t.after(() => client.dispose());
  await client.initialize([repo.root], { initializationOptions: { trusted } });
  await client.waitForIndexChanged(1);
  return client;
}

const baselineText = (c: LspClient, params: unknown) => c.request<BaselineText>('concerns/baselineText', params);

function found(answer: BaselineText): BaselineTextFound {
  assert.ok(!('error' in answer), `expected the baseline text, got: ${JSON.stringify(answer)}`);
  return answer;
}

async function concerns(c: LspClient): Promise<TreeConcern[]> {
  return unpackTree(await c.request<WireTree>('concerns/tree', null))?.documents.flatMap((d) => d.concerns) ?? [];
}

/** Waits for the drift pass (the moved diagnostic), then the identity of each concern's first reference. */
async function followed(c: LspClient, repo: GitRepo): Promise<{ auth: ReferenceParams; session: ReferenceParams; settings: ReferenceParams; diagnostic: Diagnostic }> {
  const code = fileUri(`${repo.root}/src/auth.py`);
  const ds = await c.waitForDiagnostics(code, (list) => list.some((d) => d.source === 'concerns' && d.range.start.line === 12), undefined, 'the diagnostic on the moved lines');
  const all = await concerns(c);
  const ref = (title: string): ReferenceParams => {
    const concern = all.find((x) => x.title.startsWith(title));
    assert.ok(concern, `concern ${title} in ${JSON.stringify(all.map((x) => x.title))}`);
    return { documentUri: concern.documentUri, concernId: concern.id, index: 0 };
  };
  return { auth: ref('Token'), session: ref('Legacy'), settings: ref('Settings'), diagnostic: ds.find((d) => d.range.start.line === 12)! };
}

void test('trusted: the text at the baseline for a moved reference, and the old text alone for a gone one', { timeout: 30_000 }, async (t) => {
  const { repo, baseline } = repoWithDrift(t);
  const c = await start(t, repo, true);
  const refs = await followed(c, repo);

  const moved = found(await baselineText(c, refs.auth));
  assert.equal(moved.text, AUTH, 'the file as it was at the analysis, not as it is now');
  assert.equal(moved.baseline, baseline);
  assert.equal(moved.path, 'src/auth.py');
  assert.equal(moved.state, 'moved');
  assert.deepEqual(moved.writtenRanges, [{ start: 10, end: 12 }]);
  assert.deepEqual(moved.ranges, [{ start: 13, end: 15 }], 'the lines where the code is now');
  assert.equal(moved.currentUri, fileUri(`${repo.root}/src/auth.py`));

  const gone = found(await baselineText(c, refs.session));
  assert.equal(gone.text, SESSION);
  assert.equal(gone.state, 'gone');
  assert.equal(gone.currentUri, undefined, 'no working tree side for a deleted file');
  assert.deepEqual(gone.writtenRanges, [{ start: 2, end: 3 }]);

  // By path and sha: only what drift mapped.
  assert.equal(found(await baselineText(c, { folderUri: fileUri(repo.root), path: 'src/auth.py', baseline })).text, AUTH);
  const refused = async (params: unknown, pattern: RegExp) => {
    const answer = await baselineText(c, params);
    assert.ok('error' in answer, `refused: ${JSON.stringify(params)}; got ${JSON.stringify(answer).slice(0, 200)}`);
    assert.match(answer.error, pattern);
  };
  await refused({ folderUri: fileUri(repo.root), path: 'notes/secret.txt', baseline }, /Drift mapped no reference to notes\/secret\.txt/);
  await refused({ folderUri: fileUri(repo.root), path: 'src/auth.py', baseline: 'HEAD' }, /full commit sha/);
  await refused({ folderUri: fileUri(repo.root), path: 'src/auth.py', baseline: baseline.slice(0, 12) }, /full commit sha/);
  await refused({ folderUri: fileUri(repo.root), path: '../src/auth.py', baseline }, /workspace-relative path/);
  await refused({ folderUri: fileUri(repo.root), path: `/${repo.root}/src/auth.py`, baseline }, /workspace-relative path/);
  // By identity: a reference that does not exist, and one whose code is unchanged.
  await refused({ ...refs.auth, index: 5 }, /no longer in the concern/);
  await refused(refs.settings, /unchanged since the analysis/);
});

void test('trusted: the hover, the quick fix and the view offer it where the code moved or went, not where it is unchanged', { timeout: 30_000 }, async (t) => {
  const { repo } = repoWithDrift(t);
  const c = await start(t, repo, true);
  const refs = await followed(c, repo);
  const code = fileUri(`${repo.root}/src/auth.py`);

  const actions = await c.request<(CodeAction | Command)[]>('textDocument/codeAction', { textDocument: { uri: code }, range: refs.diagnostic.range, context: { diagnostics: [refs.diagnostic] } });
  const show = actions.find((a) => a.title.startsWith('Show changes since the analysis')) as CodeAction | undefined;
  assert.ok(show?.command, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(show.command.command, 'concerns.showChanges');
  assert.deepEqual(show.command.arguments, [refs.auth]);

  const hover = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: code }, position: { line: 13, character: 0 } });
  const link = /\[Show changes since the analysis\]\(command:concerns\.showChanges\?([^ )]+)/.exec(hover?.contents.value ?? '');
  assert.ok(link, hover?.contents.value);
  assert.deepEqual(JSON.parse(decodeURIComponent(link[1]!)), [refs.auth]);

  // Unchanged code: neither the quick fix nor the hover link.
  const settings = fileUri(`${repo.root}/src/settings.py`);
  const ds = await c.waitForDiagnostics(settings, (list) => list.some((d) => d.source === 'concerns'), undefined, 'the settings diagnostic');
  const plain = await c.request<(CodeAction | Command)[]>('textDocument/codeAction', { textDocument: { uri: settings }, range: ds[0]!.range, context: { diagnostics: ds } });
  assert.ok(plain.length > 0 && !plain.some((a) => a.title.startsWith('Show changes')), JSON.stringify(plain.map((a) => a.title)));
  const plainHover = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: settings }, position: { line: 0, character: 0 } });
  assert.ok(plainHover && !plainHover.contents.value.includes('Show changes'), plainHover?.contents.value);

  // The view's data: moved and gone offer it, unchanged does not.
  const byTitle = new Map((await concerns(c)).map((x) => [x.title.split(' ')[0], x.references[0]?.showChanges]));
  assert.deepEqual(Object.fromEntries(byTitle), { Token: true, Legacy: true, Settings: undefined });
});

void test('untrusted: no git, a clear error', { timeout: 20_000 }, async (t) => {
  const { repo, baseline } = repoWithDrift(t);
  const c = await start(t, repo, false);
  const all = await concerns(c);
  const concern = all.find((x) => x.title.startsWith('Token'))!;
  for (const params of [{ documentUri: concern.documentUri, concernId: concern.id, index: 0 }, { folderUri: fileUri(repo.root), path: 'src/auth.py', baseline }]) {
    const answer = await baselineText(c, params);
    assert.ok('error' in answer, JSON.stringify(answer));
    assert.match(answer.error, /not trusted, so git does not run/);
  }
});

void test('a failing handler is answered with its fallback and logged', { timeout: 20_000 }, async (t) => {
  const { repo } = repoWithDrift(t);
  const c = await start(t, repo, true, { CONCERNS_FAULT: 'concerns/baselineText' });
  const refs = await followed(c, repo);
  const answer = await baselineText(c, refs.auth);
  assert.ok('error' in answer);
  assert.match(answer.error, /failed \(the Concerns Lens output channel says why\)/);
  assert.ok(c.logs.some((l) => /concerns\/baselineText failed: .*injected fault/.test(l)), c.logs.join('\n'));
});
