// Paths written outside the concerns (an evidence list, a ranked restatement, a closed item):
// links in the document when they name what exists, and never a concern or a "not found".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndexedDocument } from '../../server/src/core/features/indexedDocument';
import { documentLinks } from '../../server/src/core/features/links';
import { linkableMentions, mentionsOf } from '../../server/src/core/features/mentions';
import { parseConcernsDocument } from '../../server/src/core/parse/document';
import { resolveDocument } from '../../server/src/core/resolve/document';
import { ReferenceResolver } from '../../server/src/core/resolve/resolver';
import { memoryWorkspace } from './helpers/memoryWorkspace';

const DOC = `---
mapped: \`src/in-frontmatter.ts\`
---
# Codebase Concerns

## Security Considerations

**Token compared with ==:**
- Risk: timing attack
- Files: \`src/auth.ts\` (lines 3-5)

## Evidence

- \`src/auth.ts\`
- \`src/db/pool.ts:12\` and \`src/gone.ts\`
- the \`lib/\` folder, \`TODO\`, \`DATABASE_URL\`, \`/api/users\`

\`\`\`
src/in-code.ts
\`\`\`

## Closed

- ~~\`src/old.ts\` leaked a handle~~ CLOSED
`;

const FILES = { 'src/auth.ts': 'a\nb\nc\nd\ne\n', 'src/db/pool.ts': 'x\n'.repeat(20), 'lib/x.ts': 'x\n', 'src/old.ts': 'x\n', 'src/in-code.ts': 'x\n', 'src/in-frontmatter.ts': 'x\n' };

function indexed(text: string) {
  const workspace = memoryWorkspace(FILES);
  const resolver = new ReferenceResolver(workspace);
  const model = resolveDocument(parseConcernsDocument(text), resolver, { root: '' });
  const doc: IndexedDocument = { uri: 'file:///w/.planning/codebase/CONCERNS.md', path: '.planning/codebase/CONCERNS.md', folderUri: 'file:///w', root: '', model };
  const mentions = linkableMentions(resolver.resolveAll(mentionsOf(text, model.concerns), { root: '' }));
  return { doc, mentions };
}

void test('paths outside the concerns that name what exists are mentions, with their lines; nothing else is', () => {
  const { doc, mentions } = indexed(DOC);
  assert.deepEqual(doc.model.concerns.map((c) => c.title), ['Token compared with ==']);
  assert.deepEqual(
    mentions.map((r) => `${r.range.start.line + 1}:${r.path}${r.ranges.map((x) => `@${x.start}-${x.end}`).join('')}:${r.kind}`),
    ['14:src/auth.ts:file', '15:src/db/pool.ts@12-12:file', '16:lib/:directory', '24:src/old.ts:file'],
  );
  // Not a concern's reference: nothing in the model changed.
  assert.equal(doc.model.concerns[0]!.references.length, 1);
});

void test('the document links its mentions beside its references', () => {
  const { doc, mentions } = indexed(DOC);
  const uriOf = (folder: string, rel: string) => `${folder}/${rel}`;
  const links = documentLinks(doc, uriOf, mentions);
  assert.deepEqual(
    links.map((l) => `${l.range.start.line + 1}:${l.target!.startsWith('command:') ? 'pick' : l.target}`),
    ['10:file:///w/src/auth.ts#L3', '14:file:///w/src/auth.ts', '15:file:///w/src/db/pool.ts#L12', '16:pick', '24:file:///w/src/old.ts'],
  );
  // Without mentions, the concerns' references only.
  assert.equal(documentLinks(doc, uriOf).length, 1);
});

void test('a document with nothing outside its concerns, or only prose, has no mentions', () => {
  assert.deepEqual(mentionsOf('', []), []);
  assert.deepEqual(mentionsOf('# Concerns\n\nNothing to report.\n', []), []);
  const { mentions } = indexed('# Concerns\n\n## Tech Debt\n\n**Slow:**\n- Files: `src/auth.ts`\n');
  assert.deepEqual(mentions, []);
});
