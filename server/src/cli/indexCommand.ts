// `concerns index`: the concerns model of a repository, as a summary or as JSON.
import { documentToJson } from '../core/features/exportJson';
import { summaryText } from '../core/features/summaryText';
import { parseOptions } from './args';
import { EXIT, type CliIo } from './io';
import { loadWorkspace } from './load';

export const INDEX_USAGE = `Usage: concerns index [--root DIR] [--doc PATH]... [--json] [--no-git]

  Indexes the repository's concerns documents (.planning/codebase/CONCERNS.md,
  .gsd/codebase/ and .forge/codebase/ ones, and the like) and prints each concern
  with the files and lines it references.

  --root DIR   the repository (default: the current directory)
  --doc PATH   a concerns document to index (repeatable; default: found under the root)
  --json       print the model as JSON instead of a summary
  --no-git     start no process: files are listed by walking the folder, no drift
`;

export async function indexCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(argv, { root: 'value', doc: 'list', json: 'flag', 'no-git': 'flag' });
  if (options === 'help') {
    io.out(INDEX_USAGE);
    return EXIT.ok;
  }
  const loaded = await loadWorkspace({ cwd: io.cwd, root: options.values.get('root'), docs: options.lists.get('doc') ?? [], git: !options.flags.has('no-git'), log: (m) => io.err(`concerns: ${m}\n`) });
  for (const u of loaded.unreadable) io.err(`concerns: cannot read the document ${u.path}: ${u.reason}\n`);
  const { documents, root } = loaded;
  if (options.flags.has('json')) {
    io.out(`${JSON.stringify({ documents: documents.map(({ doc, model }) => documentToJson(doc.path, doc.root, model)) }, null, 2)}\n`);
  } else if (documents.length === 0 && loaded.unreadable.length === 0) {
    io.out(`No concerns document found under ${root} (looked for CONCERNS.md in .planning/, .gsd/, .forge/, .claude/, .agents/ and docs/, in their codebase/ folders and those of .specs/, specs/, .spec/, .sdd/, planning/, .context/, .ai/, .github/ and doc/, in codebase/ and at the top, in nested projects too).\n`);
  } else if (documents.length > 0) {
    io.out(`${documents.map(({ doc, model }) => summaryText(doc.path, model)).join('\n\n')}\n`);
  }
  return loaded.unreadable.length > 0 ? EXIT.found : EXIT.ok;
}
