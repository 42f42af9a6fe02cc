import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Mdls from 'vscode-markdown-languageservice';

/**
 * The Markdown part, the peer's side: VS Code's own Markdown language service (vscode-markdown-languageservice with
 * markdown-it, as the editor runs it) computing link diagnostics for every given Markdown file, all link checks on.
 * The workspace is in memory (the documents) over the real file system (stat, readDirectory). Prints `{ ms, diagnostics }`.
 * Usage: node out/bench/mdls.js ROOT LIST_FILE
 */
async function main(): Promise<void> {
  const [root, list] = process.argv.slice(2) as [string, string];
  const files = fs.readFileSync(list, 'utf8').split('\n').filter(Boolean);
  const md: typeof Mdls = await import('vscode-markdown-languageservice');
  const { URI } = await import('vscode-uri');
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const MarkdownIt = (await import('markdown-it')).default;

  const started = performance.now();
  const docs = new Map<string, Mdls.ITextDocument>();
  for (const file of files) {
    const uri = pathToFileURL(path.join(root, file)).href;
    docs.set(uri, TextDocument.create(uri, 'markdown', 1, fs.readFileSync(path.join(root, file), 'utf8')));
  }
  const never = (() => ({ dispose: () => undefined })) as unknown as Mdls.IWorkspace['onDidChangeMarkdownDocument'];
  const workspace: Mdls.IWorkspace = {
    workspaceFolders: [URI.file(root)],
    onDidChangeMarkdownDocument: never,
    onDidCreateMarkdownDocument: never,
    onDidDeleteMarkdownDocument: never as unknown as Mdls.IWorkspace['onDidDeleteMarkdownDocument'],
    getAllMarkdownDocuments: async () => docs.values(),
    hasMarkdownDocument: (resource) => docs.has(resource.toString()),
    openMarkdownDocument: async (resource) => docs.get(resource.toString()),
    stat: async (resource) => {
      try {
        return { isDirectory: (await fs.promises.stat(resource.fsPath)).isDirectory() };
      } catch {
        return undefined;
      }
    },
    readDirectory: async (resource) => {
      const entries = await fs.promises.readdir(resource.fsPath, { withFileTypes: true });
      return entries.map((e) => [e.name, { isDirectory: e.isDirectory() }] as const);
    },
  };
  const it = new MarkdownIt({ html: true });
  const parser: Mdls.IMdParser = { slugifier: md.githubSlugifier, tokenize: async (doc) => it.parse(doc.getText(), {}) as never };
  const logger: Mdls.ILogger = { level: md.LogLevel.Off, log: () => undefined };
  const service = md.createLanguageService({ workspace, parser, logger });
  const level = md.DiagnosticLevel.warning;
  const options: Mdls.DiagnosticOptions = {
    validateReferences: level,
    validateFragmentLinks: level,
    validateFileLinks: level,
    validateMarkdownFileLinkFragments: level,
    validateUnusedLinkDefinitions: level,
    validateDuplicateLinkDefinitions: level,
    ignoreLinks: [],
  };
  const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) };
  let count = 0;
  for (const doc of docs.values()) count += (await service.computeDiagnostics(doc, options, token)).length;
  process.stdout.write(JSON.stringify({ ms: performance.now() - started, diagnostics: count }));
  service.dispose();
}

void main();
