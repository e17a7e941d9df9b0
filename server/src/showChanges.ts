import type { Connection } from 'vscode-languageserver';
import { baselineTarget, spans } from './core/drift/showChanges';
import type { ConcernsService } from './concernsService';
import { guard } from './guard';
import { readBaselineText } from './node/git/baselineText';
import { BaselineTextRequest, type BaselineText, type BaselineTextParams } from './protocol';

/** Said when git may not run: the baseline cannot be read, and why. */
export const UNTRUSTED_MESSAGE = 'This workspace is not trusted, so git does not run and the code as it was at the analysis cannot be read. Trust the workspace to show the changes.';

const FAILED: BaselineText = { error: 'Reading the code as it was at the analysis failed (the Concerns Lens output channel says why).' };

/**
 * `concerns/baselineText`: the referenced file at its baseline, for the client's diff view. The
 * reference (or path and sha) is checked against what drift mapped before git runs at all.
 */
export function registerShowChanges(connection: Connection, service: () => ConcernsService | undefined): void {
  connection.onRequest(
    BaselineTextRequest.type,
    guard(connection, BaselineTextRequest.method, FAILED, async (params: BaselineTextParams): Promise<BaselineText> => {
      const s = service();
      if (!s) return { error: 'The concerns server has not started yet.' };
      if (!s.trusted) return { error: UNTRUSTED_MESSAGE };
      const target = baselineTarget(s.indexedDocuments(), params);
      if ('error' in target) return target;
      const folder = s.folderList().find((f) => f.uri === target.folderUri);
      if (!folder) return { error: 'That workspace folder is no longer open.' };
      const loc = target.location;
      const read = await readBaselineText(folder.fsPath, folder.workspace, loc.writtenPath, loc.baseline);
      if ('error' in read) return read;
      const answer: BaselineText = {
        text: read.text,
        folderUri: folder.uri,
        path: loc.writtenPath,
        baseline: loc.baseline,
        state: loc.state,
        writtenRanges: spans(loc.writtenRanges),
        ranges: spans(loc.ranges),
      };
      if (loc.state !== 'gone' && folder.workspace.stat(loc.path)?.type === 'file') {
        answer.currentPath = loc.path;
        answer.currentUri = s.uriOf(folder, loc.path);
      }
      return answer;
    }),
  );
}
