// `concerns mcp`: a Model Context Protocol server over stdio for coding agents. Read-only: it
// reads the concerns documents (and git, hardened, for drift) and answers four tools. Loaded only
// for this verb, so the SDK never slows the other verbs' start.
import * as path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { minimatch } from 'minimatch';
import { z } from 'zod';
import { concernsTouching, getConcern, listConcerns, MAX_PAGE, preEditCheck, type AgentDocument } from '../../core/report/agentAnswers';
import { normalizeRelative } from '../../core/resolve/paths';
import { parseOptions } from '../args';
import { EXIT, type CliIo } from '../io';
import { loadWorkspace, type Loaded } from '../load';
import { VERSION } from '../version';

export const MCP_USAGE = `Usage: concerns mcp [--root DIR] [--no-git]

  A Model Context Protocol server over stdio (read-only) with the tools concerns_for_file,
  list_concerns, get_concern and check_paths. Register it with your agent (see the README).
`;

const STATES = ['exact', 'moved', 'changed', 'gone', 'unknown'] as const;

export async function mcpCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(argv, { root: 'value', 'no-git': 'flag' });
  if (options === 'help') {
    io.out(MCP_USAGE);
    return EXIT.ok;
  }
  const git = !options.flags.has('no-git');
  const root = options.values.get('root');
  // Checked once at start (a bad --root is exit 2); each call then reads the documents afresh, so
  // an agent's edits show at its next question.
  await loadWorkspace({ cwd: io.cwd, root, docs: [], git: false, log: () => undefined });
  const load = () => loadWorkspace({ cwd: io.cwd, root, docs: [], git, log: (m) => io.err(`concerns mcp: ${m}\n`) });
  const server = buildServer(load);
  const transport = new StdioServerTransport();
  const closed = new Promise<number>((resolve) => (transport.onclose = () => resolve(EXIT.ok)));
  await server.connect(transport);
  process.stdin.on('end', () => void server.close());
  return closed;
}

type Answer = { content: { type: 'text'; text: string }[]; isError?: boolean };

function answer(value: unknown): Answer {
  if (value && typeof value === 'object' && 'error' in value) return failure(String(value.error));
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 1) }] };
}

function failure(message: string): Answer {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** The documents as the answers read them, plus the root to check paths against. */
async function agentDocuments(load: () => Promise<Loaded>): Promise<{ root: string; docs: AgentDocument[]; unreadable: Loaded['unreadable']; drift: Loaded['drift']; isFile: (rel: string) => boolean }> {
  const loaded = await load();
  return {
    root: loaded.root,
    docs: loaded.documents.map((d) => ({ path: d.doc.path, model: d.model, text: d.text })),
    unreadable: loaded.unreadable,
    drift: loaded.drift,
    isFile: (rel) => loaded.workspace.stat(rel)?.type === 'file',
  };
}

/** A path an agent gave, as a root-relative path; an error message when it is not one inside the root. */
export function rootRelative(root: string, given: string): string | { error: string } {
  const posix = given.replace(/\\/g, '/');
  const rel = path.isAbsolute(given) ? path.relative(root, given).split(path.sep).join('/') : posix;
  const normal = normalizeRelative(rel);
  if (normal === undefined || normal === '' || normal.startsWith('../') || path.isAbsolute(normal)) return { error: `the path '${given}' is not inside the repository ${root} (give it relative to the repository root)` };
  return normal;
}

export function buildServer(load: () => Promise<Loaded>): McpServer {
  const server = new McpServer({ name: 'concerns-lens', version: VERSION }, { instructions: 'Read-only access to the repository\'s codebase-concerns document (.planning/codebase/CONCERNS.md): known bugs, security risks, fragile areas, tech debt, and where their code is now. Call check_paths before editing files, concerns_for_file when working in one.' });
  const readOnly = { readOnlyHint: true, openWorldHint: false } as const;
  const pathArg = z.string().min(1, 'path must not be empty').max(1024).describe('A file path relative to the repository root, e.g. src/auth.py');

  server.registerTool(
    'concerns_for_file',
    {
      title: 'Concerns touching a file',
      description: 'The open concerns whose referenced code is in this file (on this line, when given), with their category, severity, fix approach, and each reference as written and where its code is now (followed through git history).',
      inputSchema: { path: pathArg, line: z.number().int().min(1).optional().describe('A 1-based line: only concerns whose code includes it'), includeResolved: z.boolean().optional().describe('Also concerns marked resolved') },
      annotations: readOnly,
    },
    async ({ path: given, line, includeResolved }) => {
      const { root, docs, drift, isFile } = await agentDocuments(load);
      const rel = rootRelative(root, given);
      if (typeof rel !== 'string') return failure(rel.error);
      // A typo finds no concern: say that the file is not there rather than "no concerns".
      return answer({ ...concernsTouching(docs, rel, line, includeResolved === true), fileExists: isFile(rel), drift });
    },
  );

  server.registerTool(
    'list_concerns',
    {
      title: 'List concerns',
      description: `A page of concerns (brief: id, category, title, severity, files, drift states), filtered. Page with offset and limit (at most ${MAX_PAGE}); nextOffset is null on the last page.`,
      inputSchema: {
        category: z.string().max(200).optional().describe('Part of the category name, e.g. security, "known bugs"'),
        severity: z.string().max(20).optional().describe('critical, high, medium, low (as written), or the level: error, warning, information, hint'),
        state: z.enum(STATES).optional().describe('Only concerns with a reference in this drift state'),
        path: z.string().min(1).max(1024).optional().describe('A path glob relative to the repository root, e.g. src/**/*.py'),
        text: z.string().max(500).optional().describe('Case-insensitive text in the title or a field'),
        includeResolved: z.boolean().optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(MAX_PAGE).optional(),
      },
      annotations: readOnly,
    },
    async ({ category, severity, state, path: glob, text, includeResolved, offset, limit }) => {
      const { docs, unreadable } = await agentDocuments(load);
      let pathTest: ((p: string) => boolean) | undefined;
      if (glob !== undefined) {
        if (glob.startsWith('/') || glob.split('/').includes('..')) return failure(`the path glob '${glob}' must be relative to the repository root, without '..'`);
        pathTest = (p) => minimatch(p, glob, { dot: true });
      }
      const page = listConcerns(docs, { ...(category ? { category } : {}), ...(severity ? { severity } : {}), ...(state ? { state } : {}), ...(pathTest ? { pathTest } : {}), ...(text ? { text } : {}), includeResolved: includeResolved === true }, offset ?? 0, limit ?? 20);
      return answer({ ...page, documents: docs.map((d) => d.path), unreadable });
    },
  );

  server.registerTool(
    'get_concern',
    {
      title: 'One concern in full',
      description: 'One concern: every field (issue, impact, fix approach...), every reference as written and where its code is now, and its markdown (texts capped).',
      inputSchema: { id: z.string().min(1).max(64).describe('The concern id from list_concerns or concerns_for_file'), document: z.string().max(1024).optional().describe('The document path, when several documents hold the id') },
      annotations: readOnly,
    },
    async ({ id, document }) => {
      const { docs } = await agentDocuments(load);
      return answer(getConcern(docs, id, document));
    },
  );

  server.registerTool(
    'check_paths',
    {
      title: 'Check paths before editing',
      description: 'Before changing files: the open concerns whose code is in each path, with the lines and the fix approach. Call it with every path you are about to edit.',
      inputSchema: { paths: z.array(pathArg).min(1, 'give at least one path').max(100, 'at most 100 paths per call') },
      annotations: readOnly,
    },
    async ({ paths }) => {
      const { root, docs } = await agentDocuments(load);
      const rels: string[] = [];
      for (const given of paths) {
        const rel = rootRelative(root, given);
        if (typeof rel !== 'string') return failure(rel.error);
        rels.push(rel);
      }
      return answer(preEditCheck(docs, rels));
    },
  );
  return server;
}
