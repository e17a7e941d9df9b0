// `concerns mcp`: the Model Context Protocol server, driven by the SDK's own client over stdio on
// a fixture git repository, as a coding agent would use it.
// Run: npm run build && node --import tsx --test test/protocol/mcp.test.ts
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { GitRepo } from '../unit/helpers/gitRepo';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'concerns.js');

const DOC = `# Codebase Concerns

## Security Considerations

**Webhook signature not checked:**
- Risk: anyone can post fake payment events
- Files: \`api/webhooks.py\` (lines 4-6)
- Fix approach: verify the HMAC header with the shared secret

## Known Bugs

**Refund rounding:**
- Symptoms: refunds off by a cent
- Files: \`billing/refund.py\` (lines 2-3)
- Fix approach: use Decimal end to end

**Retry storm on timeouts:**
- Symptoms: three retries per request, each with its own timeout
- Files: \`api/client.py\`
- Fix approach: one budget per request
`;

const numbered = (name: string, n: number) => Array.from({ length: n }, (_, i) => `${name} ${i + 1}`).join('\n') + '\n';

async function connect(t: TestContext, root: string): Promise<Client> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', '--root', root], stderr: 'pipe' });
  const client = new Client({ name: 'concerns-test', version: '1.0.0' });
  await client.connect(transport);
  t.after(() => client.close());
  return client;
}

type ToolAnswer = { content: { type: string; text: string }[]; isError?: boolean };

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<{ json?: unknown; error?: string }> {
  try {
    const answer = (await client.callTool({ name, arguments: args })) as ToolAnswer;
    const text = answer.content.map((c) => c.text).join('\n');
    return answer.isError ? { error: text } : { json: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: String(error) };
  }
}

function fixture(t: TestContext): GitRepo {
  const repo = GitRepo.create(t, 'concerns-mcp-');
  repo.commit('analysis', { '.planning/codebase/CONCERNS.md': DOC, 'api/webhooks.py': numbered('hook', 8), 'billing/refund.py': numbered('refund', 5), 'api/client.py': numbered('client', 3) });
  // Since the analysis, two lines were added above the webhook handler: its concern moved.
  repo.commit('move', { 'api/webhooks.py': `# one\n# two\n${numbered('hook', 8)}` });
  return repo;
}

void test('mcp: four read-only tools, each answering from the concerns document with where the code is now', async (t) => {
  const repo = fixture(t);
  const client = await connect(t, repo.root);
  const tools = await client.listTools();
  assert.deepEqual(tools.tools.map((x) => x.name).sort(), ['check_paths', 'concerns_for_file', 'get_concern', 'list_concerns']);
  for (const tool of tools.tools) assert.equal(tool.annotations?.readOnlyHint, true, tool.name);

  const onLine = (await call(client, 'concerns_for_file', { path: 'api/webhooks.py', line: 7 })).json as { total: number; concerns: { id: string; title: string; fix: string; level: string; fields: { label: string; text: string }[]; references: { written: { lines: string }; now: { state: string; path: string; lines: string } }[] }[] };
  assert.equal(onLine.total, 1);
  const [hook] = onLine.concerns;
  assert.equal(hook!.title, 'Webhook signature not checked');
  assert.equal(hook!.level, 'warning');
  assert.match(hook!.fix, /verify the HMAC header/);
  assert.deepEqual(hook!.fields.map((f) => f.label), ['Risk', 'Fix approach']);
  assert.deepEqual(hook!.references[0]!.written.lines, 'lines 4-6');
  assert.deepEqual(hook!.references[0]!.now, { state: 'moved', path: 'api/webhooks.py', lines: 'lines 6-8' });
  const offLine = (await call(client, 'concerns_for_file', { path: 'api/webhooks.py', line: 3 })).json as { total: number; fileExists: boolean };
  assert.equal(offLine.total, 0, 'line 3 is not where the code is now');
  assert.equal(offLine.fileExists, true);
  assert.equal(((await call(client, 'concerns_for_file', { path: 'api/webhook.py' })).json as { fileExists: boolean }).fileExists, false);

  const page1 = (await call(client, 'list_concerns', { category: 'bugs', limit: 1 })).json as { total: number; nextOffset: number | null; concerns: { title: string }[] };
  assert.equal(page1.total, 2);
  assert.deepEqual(page1.concerns.map((c) => c.title), ['Refund rounding']);
  assert.equal(page1.nextOffset, 1);
  const page2 = (await call(client, 'list_concerns', { category: 'bugs', limit: 1, offset: 1 })).json as { nextOffset: number | null; concerns: { title: string }[] };
  assert.deepEqual(page2.concerns.map((c) => c.title), ['Retry storm on timeouts']);
  assert.equal(page2.nextOffset, null);
  const byGlob = (await call(client, 'list_concerns', { path: 'api/**', state: 'moved' })).json as { concerns: { title: string }[] };
  assert.deepEqual(byGlob.concerns.map((c) => c.title), ['Webhook signature not checked']);
  const byText = (await call(client, 'list_concerns', { text: 'DECIMAL' })).json as { concerns: { title: string }[] };
  assert.deepEqual(byText.concerns.map((c) => c.title), ['Refund rounding']);

  const full = (await call(client, 'get_concern', { id: hook!.id })).json as { fields: { name: string; text: string }[]; markdown: string };
  assert.deepEqual(full.fields.map((f) => f.name), ['risk', 'files', 'fixApproach']);
  assert.match(full.markdown, /^\*\*Webhook signature not checked:\*\*/);

  const pre = (await call(client, 'check_paths', { paths: ['api/client.py', 'billing/refund.py', 'README.md'] })).json as { summary: string; paths: { path: string; concerns: { title: string; fix: string | null }[] }[] };
  assert.equal(pre.summary, '2 open concerns name 2 of the 3 paths: read each one\'s fix approach before editing, and keep the documented risk in mind.');
  assert.deepEqual(pre.paths.map((p) => [p.path, p.concerns.map((c) => c.title)]), [['api/client.py', ['Retry storm on timeouts']], ['billing/refund.py', ['Refund rounding']], ['README.md', []]]);
});

void test('mcp: bad inputs get clear errors, never a path outside the repository', async (t) => {
  const repo = fixture(t);
  const client = await connect(t, repo.root);
  assert.match((await call(client, 'concerns_for_file', { path: '../../etc/passwd' })).error ?? '', /not inside the repository/);
  assert.match((await call(client, 'concerns_for_file', { path: '/etc/passwd' })).error ?? '', /not inside the repository/);
  assert.match((await call(client, 'concerns_for_file', { path: 'api/webhooks.py', line: 0 })).error ?? '', /line/);
  assert.match((await call(client, 'list_concerns', { limit: 500 })).error ?? '', /limit/);
  assert.match((await call(client, 'list_concerns', { path: '../**' })).error ?? '', /without '\.\.'/);
  assert.match((await call(client, 'list_concerns', { state: 'sideways' })).error ?? '', /state/);
  assert.match((await call(client, 'get_concern', { id: 'nope' })).error ?? '', /no concern with id 'nope'/);
  assert.match((await call(client, 'check_paths', { paths: [] })).error ?? '', /at least one path/);
});

void test('mcp: the documents are read afresh for each call (an agent sees its own edits)', async (t) => {
  const repo = fixture(t);
  const client = await connect(t, repo.root);
  assert.equal(((await call(client, 'list_concerns', {})).json as { total: number }).total, 3);
  repo.write('.planning/codebase/CONCERNS.md', `${DOC}\n**Cache never expires:**\n- Files: \`api/client.py\`\n`);
  assert.equal(((await call(client, 'list_concerns', {})).json as { total: number }).total, 4);
});
