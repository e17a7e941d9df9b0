// The injection grammar, tokenized for real with vscode-textmate and Oniguruma (as VS Code does),
// injected into a stand-in markdown grammar so its own patterns are what is tested.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const require = createRequire(__filename);
const root = path.resolve(__dirname, '..', '..');

async function loadRegistry(): Promise<textmate.Registry> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const injection = JSON.parse(readFileSync(path.join(root, 'syntaxes', 'concerns.injection.tmLanguage.json'), 'utf8')) as textmate.IRawGrammar;
  const markdownStandIn = { scopeName: 'text.html.markdown', patterns: [], repository: {} } as unknown as textmate.IRawGrammar;
  return new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: (scopeName) => Promise.resolve(scopeName === 'concerns.injection' ? injection : scopeName === 'text.html.markdown' ? markdownStandIn : null),
    getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? ['concerns.injection'] : undefined),
  });
}

/** The text of every token whose scopes include `scope`. */
function tokensWith(grammar: textmate.IGrammar, line: string, scope: string): string[] {
  const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
  return tokens.filter((t) => t.scopes.some((s) => s.startsWith(scope))).map((t) => line.slice(t.startIndex, t.endIndex));
}

void test('the injection grammar highlights labels, references, line specs, severities and resolved markers', async () => {
  const grammar = await (await loadRegistry()).loadGrammar('text.html.markdown');
  assert.ok(grammar);
  assert.deepEqual(tokensWith(grammar, '- Fix approach: use a lock', 'entity.name.tag.concerns.field'), ['Fix approach']);
  assert.deepEqual(tokensWith(grammar, '- **Files:** `a.py`', 'entity.name.tag.concerns.field'), ['Files']);
  assert.deepEqual(tokensWith(grammar, '- **文件：** `a.py`', 'entity.name.tag.concerns.field'), ['文件']);
  assert.deepEqual(tokensWith(grammar, 'A sentence: not a field', 'entity.name.tag.concerns.field'), []);

  const ref = '- Files: `web_api/auth.py:83-98`, `core/`';
  assert.deepEqual(tokensWith(grammar, ref, 'markup.underline.link.concerns.path'), ['web_api/auth.py', 'core/']);
  assert.deepEqual(tokensWith(grammar, ref, 'constant.numeric.concerns.lines'), [':83-98']);
  assert.deepEqual(tokensWith(grammar, '- Files: `x.py` (lines 83-98, 120)', 'constant.numeric.concerns.lines'), ['(lines 83-98, 120)']);
  assert.deepEqual(tokensWith(grammar, '`big.py` (lines 1235–end)', 'constant.numeric.concerns.lines'), ['(lines 1235–end)']);
  assert.deepEqual(tokensWith(grammar, 'it has (967 lines) of code', 'constant.numeric.concerns.lines'), []);
  assert.deepEqual(tokensWith(grammar, 'call `datetime.utcnow()` here', 'markup.underline.link.concerns.path'), []);

  assert.deepEqual(tokensWith(grammar, '- Priority: High', 'keyword.other.concerns.severity.high'), ['High']);
  assert.deepEqual(tokensWith(grammar, '| x | 🔴 **CRITICAL** |', 'keyword.other.concerns.severity'), ['🔴']);
  assert.deepEqual(tokensWith(grammar, '- Priority: Critical', 'keyword.other.concerns.severity.critical'), ['Critical']);
  assert.deepEqual(tokensWith(grammar, 'a highly relevant thing', 'keyword.other.concerns.severity'), []);

  assert.deepEqual(tokensWith(grammar, '### 1. ✅ Keys (RESOLVED in v1.2)', 'markup.inserted.concerns.resolved'), ['✅', '(RESOLVED in v1.2)']);
});
