import * as path from 'node:path';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { computeDiagnostics } from '../core/diagnostics/diagnostics';
import { clauseCard, contextMarkdown, governingClauses, openQuestions, searchClauses, type LineRange } from '../core/features/agents';
import type { Diagnostic, Severity } from '../core/types';
import { LiveWorkspace } from '../io/liveWorkspace';

/**
 * `clarify mcp`: the specs of a workspace for coding agents, over the Model Context Protocol (stdio). Read-only: the
 * tools look up, search and check; nothing is written and nothing leaves the machine (no LLM is called) [^ag1m].
 * Files are read with the same safe walker and reader as `clarify check`, and kept current between calls.
 */

const RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };
/** The most diagnostics one `check` answer lists (the counts are always complete). */
const MAX_LISTED = 500;

export interface McpOptions {
  root: string;
  version: string;
}

export function createMcpServer(options: McpOptions): { server: McpServer; workspace: LiveWorkspace } {
  const workspace = new LiveWorkspace(options.root);
  const server = new McpServer(
    { name: 'spec-clarifier', version: options.version },
    {
      instructions:
        'Spec Clarifier: the Markdown specs of this workspace as clauses with ids (`{#id}` headings, `[^id]` footnotes, FR-001-style requirements), ' +
        'cited from code comments as `[^id]`. Before changing code, call clauses_for_file (or context) for the file to read the clauses it implements; ' +
        'use clause to read one clause, search_clauses to find the clause for a behaviour, and check to validate citations after editing.',
    },
  );

  /** A workspace-relative path from what an agent sends (relative or absolute); undefined outside the workspace. */
  const relPath = (p: string): string | undefined => {
    const abs = path.resolve(options.root, p);
    const rel = path.relative(options.root, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  };
  const json = (value: unknown): { content: { type: 'text'; text: string }[] } => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] });
  const fail = (message: string): { content: { type: 'text'; text: string }[]; isError: true } => ({ content: [{ type: 'text', text: message }], isError: true });
  const lineRange = (from?: number, to?: number): LineRange | undefined =>
    from === undefined && to === undefined ? undefined : { from: from ?? 1, to: to ?? Number.MAX_SAFE_INTEGER };
  const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

  server.registerTool(
    'clause',
    {
      title: 'Look up a clause',
      description: 'The clause a spec declares under an id: title, authority, text, section, parents, example file and every citation of it in code and tests.',
      inputSchema: { id: z.string().min(1).max(200).describe('The clause id, as written in `[^id]` or `{#id}`') },
      annotations: readOnly,
    },
    async ({ id }) => {
      const ws = await workspace.current();
      const card = clauseCard(ws.index.model(), id.replace(/^\[?\^?/, '').replace(/\]$/, ''));
      if (!card) return fail(`No spec declares a clause \`${id}\`.`);
      let example: string | undefined;
      if (card.example?.exists && card.example.path) example = bounded(await workspace.text(card.example.path), 4000);
      return json(example !== undefined ? { ...card, exampleText: example } : card);
    },
  );

  server.registerTool(
    'clauses_for_file',
    {
      title: 'Clauses governing a file',
      description: 'The clauses a code or test file cites (optionally only in a range of lines), each with its text and its parent clauses.',
      inputSchema: {
        path: z.string().min(1).max(4096).describe('File path, relative to the workspace (or absolute inside it)'),
        from_line: z.number().int().min(1).optional().describe('First line (1-based)'),
        to_line: z.number().int().min(1).optional().describe('Last line (1-based, inclusive)'),
      },
      annotations: readOnly,
    },
    async (args) => {
      const rel = relPath(args.path);
      if (rel === undefined) return fail(`${args.path} is outside the workspace.`);
      const ws = await workspace.current();
      return json(governingClauses(ws.index.model(), rel, lineRange(args.from_line, args.to_line)));
    },
  );

  server.registerTool(
    'context',
    {
      title: 'Spec context for a file',
      description: 'The clauses a file (or a range of its lines) cites, as one compact Markdown block ready to put into a prompt (bounded in size; what did not fit is named).',
      inputSchema: {
        path: z.string().min(1).max(4096),
        from_line: z.number().int().min(1).optional(),
        to_line: z.number().int().min(1).optional(),
        max_chars: z.number().int().min(500).max(100_000).optional().describe('Size bound of the block (default 8000)'),
      },
      annotations: readOnly,
    },
    async (args) => {
      const rel = relPath(args.path);
      if (rel === undefined) return fail(`${args.path} is outside the workspace.`);
      const ws = await workspace.current();
      const governing = governingClauses(ws.index.model(), rel, lineRange(args.from_line, args.to_line));
      const examples = await exampleTexts(workspace, governing.clauses.map((c) => c.example));
      const block = contextMarkdown(governing, { ...(args.max_chars ? { maxChars: args.max_chars } : {}), exampleText: (p) => examples.get(p) });
      return { content: [{ type: 'text', text: block.markdown }] };
    },
  );

  server.registerTool(
    'citations',
    {
      title: 'Citations of a clause',
      description: 'Where an id is cited: code and test citations, and the references to it inside specs and example files.',
      inputSchema: { id: z.string().min(1).max(200) },
      annotations: readOnly,
    },
    async ({ id }) => {
      const ws = await workspace.current();
      const r = ws.index.model().resolve(id);
      return json({
        id,
        declared: r.clause !== undefined,
        citations: r.citations.map((c) => ({ file: c.file, line: c.range.start.line + 1, column: c.range.start.character + 1, kind: c.kind })),
        specReferences: r.specReferences.map((s) => ({ file: s.file, line: s.range.start.line + 1, kind: s.kind })),
      });
    },
  );

  server.registerTool(
    'search_clauses',
    {
      title: 'Search clauses',
      description: 'Clauses whose id, title or text contain all the words of a query, best first.',
      inputSchema: { query: z.string().min(1).max(500), limit: z.number().int().min(1).max(200).optional() },
      annotations: readOnly,
    },
    async ({ query, limit }) => {
      const ws = await workspace.current();
      return json(searchClauses(ws.index.model(), query, limit ?? 20));
    },
  );

  server.registerTool(
    'check',
    {
      title: 'Check specs and citations',
      description: 'Runs the same check as `clarify check` (unknown citations, duplicate ids, broken links, missing examples, vague wording…) and returns the diagnostics, optionally only for one file or folder.',
      inputSchema: {
        path: z.string().max(4096).optional().describe('A file or folder to report on (default: the whole workspace)'),
        min_severity: z.enum(['error', 'warning', 'info']).optional().describe('Lowest severity listed (default warning)'),
      },
      annotations: readOnly,
    },
    async (args) => {
      const rel = args.path === undefined || args.path === '' || args.path === '.' ? '' : relPath(args.path);
      if (rel === undefined) return fail(`${args.path} is outside the workspace.`);
      const ws = await workspace.current();
      const all = computeDiagnostics(ws.index.model(), ws.config);
      const inScope = all.filter((d) => rel === '' || d.file === rel || d.file.startsWith(`${rel}/`));
      const min = RANK[args.min_severity ?? 'warning'];
      const listed = inScope.filter((d) => RANK[d.severity] >= min);
      const counts = { error: 0, warning: 0, info: 0 };
      for (const d of inScope) if (d.severity in counts) counts[d.severity as keyof typeof counts]++;
      return json({ counts, diagnostics: listed.slice(0, MAX_LISTED).map(plain), ...(listed.length > MAX_LISTED ? { truncated: listed.length - MAX_LISTED } : {}) });
    },
  );

  server.registerTool(
    'open_questions',
    {
      title: 'Open questions of a spec',
      description: 'The clarifying questions of a spec: vague wording found by the ambiguity pass (with its question) and `[NEEDS CLARIFICATION: …]` markers.',
      inputSchema: { path: z.string().min(1).max(4096).describe('The spec file') },
      annotations: readOnly,
    },
    async (args) => {
      const rel = relPath(args.path);
      if (rel === undefined) return fail(`${args.path} is outside the workspace.`);
      const ws = await workspace.current();
      if (!ws.index.specFacts(rel)) return fail(`${rel} is not a spec file of this workspace.`);
      const diagnostics = computeDiagnostics(ws.index.model(), ws.config, rel);
      return json(openQuestions(diagnostics, rel, await workspace.text(rel)));
    },
  );

  server.registerResource(
    'spec',
    new ResourceTemplate('spec:///{+path}', {
      list: async () => {
        const ws = await workspace.current();
        return { resources: ws.index.model().specFiles.map((f) => ({ uri: `spec:///${encodePath(f)}`, name: f, mimeType: 'text/markdown' })) };
      },
    }),
    { title: 'Spec files', description: 'The Markdown spec files of the workspace', mimeType: 'text/markdown' },
    async (uri, variables) => {
      const raw = Array.isArray(variables['path']) ? variables['path'].join('/') : String(variables['path'] ?? '');
      let decoded: string;
      try {
        decoded = decodeURIComponent(raw);
      } catch {
        throw new Error(`Not a spec file: ${uri.href}`);
      }
      const rel = relPath(decoded);
      const ws = await workspace.current();
      if (rel === undefined || !ws.index.specFacts(rel)) throw new Error(`Not a spec file of this workspace: ${decoded}`);
      const text = await workspace.text(rel);
      if (text === undefined) throw new Error(`${rel} cannot be read`);
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
    },
  );

  return { server, workspace };
}

function encodePath(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}

function plain(d: Diagnostic): object {
  return { file: d.file, line: d.range.start.line + 1, column: d.range.start.character + 1, severity: d.severity, code: d.code, message: d.message };
}

function bounded(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The texts of the existing example files among `examples`, bounded. */
export async function exampleTexts(workspace: { text(rel: string): Promise<string | undefined> }, examples: ({ path?: string; exists: boolean } | undefined)[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of examples) {
    if (!e?.exists || !e.path || out.has(e.path)) continue;
    const text = bounded(await workspace.text(e.path), 4000);
    if (text !== undefined) out.set(e.path, text);
  }
  return out;
}

/** Serves MCP over stdio until the client closes the stream. */
export async function runMcpServer(options: McpOptions): Promise<number> {
  const { server, workspace } = createMcpServer(options);
  await workspace.current();
  const transport = new StdioServerTransport();
  const closed = new Promise<number>((resolve) => {
    transport.onclose = () => resolve(0);
    process.stdin.on('end', () => resolve(0));
  });
  await server.connect(transport);
  return closed;
}
