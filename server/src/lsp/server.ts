import {
  CodeActionKind,
  CompletionItemKind,
  type CompletionItem,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  ResponseError,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validateOverrides, type ClarifierConfig } from '../core/workspace/config';
import { codeActions, currentDiagnostics, diagnosticsInRange, SHOW_DOCUMENT_COMMAND } from '../core/features/actions';
import { answerRequestEdits } from '../core/features/clarify';
import { clauseDocumentation, completeAnchors, completeIds, completionContext } from '../core/features/completion';
import { hoverMarkdown } from '../core/features/hover';
import { staleHoverMarkdown } from '../core/analysis/drift';
import { loadTagger } from '../core/analysis/ambiguity/nlp';
import { findStaleCitations, type BlameCache } from '../io/drift';
import { occurrenceAt } from '../core/features/locate';
import { definition, references } from '../core/features/navigation';
import { prepareRename, renameId } from '../core/features/rename';
import { codeLenses, documentLinks, documentSymbols, workspaceSymbols, type OutlineSymbol } from '../core/features/symbols';
import { coverageOf, coverageReport, statusSummary, type StatusCounts } from '../core/format/report';
import { plural } from '../core/text/words';
import type { Diagnostic } from '../core/types';
import * as path from 'node:path';
import { Host, normalizeUri, type Folder } from './session';
import { runAuditOnIndex } from '../io/auditRun';
import { runConflictJudgeOnIndex } from '../io/conflictRun';
import { runLlmOnIndex } from '../io/llmRun';
import { fromLspDiagnostic, toCodeAction, toLspDiagnostic, toWorkspaceEdit, type EditOptions } from './convert';

/**
 * The language server: LSP glue over the core. Each handler locates the document's folder, waits for its first
 * index, and calls one core function. Handlers are guarded: one failing request answers with an empty result and a
 * log line, never takes the server down. Long waits honour cancellation.
 * [^language_server] [^ls4h] [^ls7g]
 */

export const STATUS_NOTIFICATION = 'specClarifier/status';
export const REPORT_REQUEST = 'specClarifier/report';
export const EXAMPLE_REQUEST = 'specClarifier/exampleOf';
export const SETTINGS_NOTIFICATION = 'specClarifier/settings';
export const ANSWER_REQUEST = 'specClarifier/answer';
export const CLARIFY_REQUEST = 'specClarifier/clarify';
export const AUDIT_REQUEST = 'specClarifier/audit';
export const CONFLICTS_REQUEST = 'specClarifier/conflicts';
export const REINDEX_COMMAND = 'specClarifier.reindex';
export const SHOW_REFERENCES_COMMAND = 'specClarifier.showReferences';

interface InitOptions {
  settings?: Partial<ClarifierConfig>;
  /** false in VS Code's Restricted Mode: no file-creating or file-renaming edits, no LLM pass. */
  trusted?: boolean;
  /** A folder the server may write its caches to (the editor's workspace storage). */
  storagePath?: string;
}

/**
 * Diagnostics are published this long after a change that needs a workspace-wide recomputation, when the last one
 * took more than CHEAP_PUBLISH_MS (a burst of edits then costs one), at once otherwise: after an edit that only changed
 * its own file's diagnostics (the index patched its model), waiting would only add latency to what the user sees.
 */
const DIAGNOSTIC_DELAY_MS = 150;
const CHEAP_PUBLISH_MS = 50;
const RECENT_LIMIT = 50;
/** Stale citations are judged this long after the last save or file event (a burst costs one run over the history). */
const STALE_DELAY_MS = 300;
/** What an id's completion item carries for completionItem/resolve: the document it was offered in and the id. */
interface ResolveData {
  uri: string;
  id: string;
}
/**
 * The background run over the git history starts its next git process only after this long without a request or an
 * edit (counted from the end of the last answer or publish, not from its arrival: a slow answer is no quiet moment):
 * starting a process forks the server's (large) process, which holds up an answer or a keystroke's diagnostics.
 */
const QUIET_MS = 250;
/**
 * The workspace pull is answered only after this long without an edit of an open document (counted from the end of the
 * edit's diagnostics): its report carries every file's diagnostics, thousands for a big spec whose positions moved, and
 * encoding them holds up the next keystroke's. The client pulls the open document itself and takes that report over
 * the workspace's for it, so a user typing sees the same diagnostics, and the rest of the workspace once typing pauses.
 */
const WORKSPACE_QUIET_MS = 250;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let capabilities: ClientCapabilities = {};
  let trusted = true;
  let storagePath: string | undefined;
  let pullDiagnostics = false;
  const recent: string[] = [];
  /** What was last published per folder root: file -> diagnostics. */
  const published = new Map<string, Map<string, Diagnostic[]>>();
  /** Open documents indexed since the last publish: their diagnostics are sent with the new version, changed or not. */
  const indexedDocuments = new Map<Folder, Set<string>>();
  const timers = new Map<Folder, NodeJS.Timeout>();
  const publishCost = new Map<Folder, number>();
  /** Background runs over the git history per folder: the timer of the next, whether one runs, whether another is due [^dr1s]. */
  const staleRuns = new Map<Folder, { timer?: NodeJS.Timeout; running: boolean; again: boolean; lastMessage?: string; blame: BlameCache }>();
  /** When the last request or edit came in (background work waits for a quiet moment: see QUIET_MS). */
  let lastActivity = 0;
  const quiet = async (): Promise<void> => {
    for (let wait = QUIET_MS - (performance.now() - lastActivity); wait > 0; wait = QUIET_MS - (performance.now() - lastActivity)) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  /** When an open document was last edited, or the diagnostics of an edit last answered or published. */
  let lastEdit = -Infinity;
  /** Waits until no document was edited for WORKSPACE_QUIET_MS (or the request is cancelled). */
  const editsQuiet = async (token: CancellationToken): Promise<void> => {
    for (let wait = WORKSPACE_QUIET_MS - (performance.now() - lastEdit); wait > 0 && !token.isCancellationRequested; wait = WORKSPACE_QUIET_MS - (performance.now() - lastEdit)) {
      await raceCancel(new Promise((resolve) => setTimeout(resolve, wait)), token);
    }
  };

  const log = {
    info: (m: string) => connection.console.info(m),
    error: (m: string) => connection.console.error(m),
  };
  const host = new Host(
    log,
    (folder) => scheduleDiagnostics(folder),
    (folder, rel) => {
      rememberCitations(folder, rel);
      let docs = indexedDocuments.get(folder);
      if (!docs) indexedDocuments.set(folder, (docs = new Set()));
      docs.add(rel);
    },
  );
  host.onLargeDocuments = () => sendStatus();

  process.on('uncaughtException', (err) => log.error(`uncaught: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (err) => log.error(`unhandled rejection: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));

  /**
   * The English model of the ambiguity pass (0.3-0.7 s to load, ~57 MB): loaded once a spec document is open, just after
   * the next answer or publish, not on the first edit that needs a tag (that edit would wait for it). Never at start.
   */
  let tagger: 'unneeded' | 'due' | 'loaded' = 'unneeded';
  /**
   * Open big specs whose first edits are still to be rehearsed (Folder.rehearse), by URI, with the version opened:
   * rehearsed just after the next answer or publish (after the English model, which the rehearsal's pass reads), not by
   * the user's first keystrokes, which would run cold. A spec edited since it opened is not rehearsed (its edits did).
   */
  const rehearsals = new Map<string, number>();
  let rehearsing = false;
  const rehearseOpened = async (): Promise<void> => {
    for (const [uri, version] of [...rehearsals]) {
      const at = host.locate(uri);
      if (!at || documents.get(uri)?.version !== version || (await at.folder.rehearse(at.rel))) rehearsals.delete(uri);
    }
  };
  const afterAnswer = (): void => {
    const load = tagger === 'due';
    const rehearse = !rehearsing && rehearsals.size > 0;
    if (!load && !rehearse) return;
    if (load) tagger = 'loaded';
    if (rehearse) rehearsing = true;
    setTimeout(() => {
      if (load) {
        try {
          const started = performance.now();
          if (loadTagger()) log.info(`English model loaded for the ambiguity pass (${Math.round(performance.now() - started)} ms)`);
        } catch (err) {
          log.error(`loading the English model failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      if (rehearse) void rehearseOpened().finally(() => (rehearsing = false));
    }, 10);
  };

  /** Runs a handler; failures are logged and answered with the fallback. Cancellation returns the fallback too. */
  function guard<P, R>(name: string, fallback: R, fn: (params: P, token: CancellationToken) => Promise<R> | R) {
    return async (params: P, token: CancellationToken): Promise<R> => {
      lastActivity = performance.now();
      try {
        if (token.isCancellationRequested) return fallback;
        return await fn(params, token);
      } catch (err) {
        if (err instanceof ResponseError) throw err;
        log.error(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return fallback;
      } finally {
        // Quiet is counted from the end of the work: an answer that took long is not itself a quiet moment.
        lastActivity = performance.now();
        afterAnswer();
      }
    };
  }

  /** The folder of a document, once indexed, with every pending edit applied: answers never lag the editor. */
  async function locate(uri: string, token?: CancellationToken): Promise<{ folder: Folder; rel: string } | undefined> {
    const at = host.locate(uri);
    if (!at) return undefined;
    await raceCancel(at.folder.ready, token);
    if (token?.isCancellationRequested) return undefined;
    await host.flush();
    return at;
  }

  /** Every folder indexed and every pending edit applied (for workspace-wide answers). */
  async function allReady(token?: CancellationToken): Promise<void> {
    await raceCancel(Promise.all(host.folders.map((f) => f.ready)), token);
    await host.flush();
  }

  /** Which text a document's index facts are: its version while open, its content hash when read from disk. */
  function stampOf(uri: string, at: { folder: Folder; rel: string }): string | undefined {
    const version = documents.get(uri)?.version;
    if (version !== undefined) return `v${version}`;
    const hash = at.folder.index.factsOf(at.rel)?.hash;
    return hash !== undefined && !Number.isNaN(hash) ? `h${hash}` : undefined;
  }

  const editOptions = (): EditOptions => ({
    versionOf: (uri) => documents.get(uri)?.version ?? null,
    fileOperations: trusted,
  });

  // ---- lifecycle ----

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    const init = (params.initializationOptions ?? {}) as InitOptions;
    trusted = init.trusted !== false;
    if (typeof init.storagePath === 'string' && init.storagePath) storagePath = init.storagePath;
    // The on-disk index cache: warm starts read only the files that changed since.
    host.cacheDir = storagePath;
    if (init.settings) host.overrides = sanitizeSettings(init.settings, log);
    pullDiagnostics = !!capabilities.textDocument?.diagnostic;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    for (const f of folders) host.addFolder(f.uri);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        completionProvider: { triggerCharacters: ['^', '#'], resolveProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
        renameProvider: { prepareProvider: true },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [REINDEX_COMMAND, SHOW_DOCUMENT_COMMAND] },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'clarifier', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'spec-clarifier', version: typeof CLARIFY_VERSION === 'string' ? CLARIFY_VERSION : '0.0.0-dev' },
    };
  });

  connection.onInitialized(async () => {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) {
          const folder = host.removeFolder(f.uri);
          if (folder) unpublish(folder);
        }
        for (const f of e.added) host.addFolder(f.uri);
        void indexWithProgress();
      });
    }
    await indexWithProgress();
  });

  async function indexWithProgress(): Promise<void> {
    const progress = capabilities.window?.workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Spec Clarifier', 0, 'Indexing specs and citations…', false);
    try {
      await Promise.all(host.folders.map((f) => f.ready));
    } finally {
      progress?.done();
    }
    sendStatus();
    for (const folder of host.folders) scheduleStale(folder);
  }

  // ---- stale citations: the git history, in the background, after indexing and on save (never per keystroke) ----

  function scheduleStale(folder: Folder): void {
    if (folder.removed) return;
    let run = staleRuns.get(folder);
    if (!run) staleRuns.set(folder, (run = { running: false, again: false, blame: new Map() }));
    if (run.running) {
      run.again = true;
      return;
    }
    clearTimeout(run.timer);
    run.timer = setTimeout(() => void runStale(folder), STALE_DELAY_MS);
  }

  async function runStale(folder: Folder): Promise<void> {
    const run = staleRuns.get(folder)!;
    run.timer = undefined;
    await folder.ready;
    await host.flush();
    // Off by the setting, or in Restricted Mode (git reads the repository's configuration): no findings.
    if (folder.removed || !folder.config.stale.enabled || !trusted) {
      folder.setStaleFindings([]);
      return;
    }
    run.running = true;
    sendStatus();
    try {
      const result = await findStaleCitations(folder.root, folder.index, folder.config, {
        isCancelled: () => folder.removed,
        // An open document is blamed as the editor holds it: an unsaved edit of a citing line touches it.
        textOf: (rel) => documents.get(folder.uriOf(rel))?.getText(),
        // A save blames only the files whose text (or HEAD) changed since the last run.
        blameCache: run.blame,
        yieldTo: quiet,
      });
      if (folder.removed) return;
      // Not a repository (or no git): said once, nothing else changes.
      if (result.message !== run.lastMessage) log.info(`${folder.clientRoot}: ${result.message}`);
      run.lastMessage = result.message;
      folder.setStaleFindings(result.findings);
    } catch (err) {
      log.error(`stale citations failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    } finally {
      run.running = false;
      sendStatus();
      if (run.again && !folder.removed) {
        run.again = false;
        scheduleStale(folder);
      }
    }
  }

  // ---- documents and files ----

  documents.onDidChangeContent((e) => {
    lastActivity = lastEdit = performance.now();
    host.documentChanged(e.document.uri, e.document.getText());
  });
  documents.onDidOpen((e) => {
    const at = host.locate(e.document.uri);
    // Before the first index: by its name.
    const index = (at?.folder as { index?: { roleOf(rel: string): string } } | undefined)?.index;
    if (!at || !(index ? index.roleOf(at.rel) === 'spec' : /\.(?:md|markdown)$/i.test(at.rel))) return;
    if (tagger === 'unneeded') tagger = 'due';
    rehearsals.set(e.document.uri, e.document.version);
  });
  documents.onDidSave((e) => {
    const at = host.locate(e.document.uri);
    if (at) scheduleStale(at.folder);
  });
  documents.onDidClose(async (e) => {
    await host.documentClosed(e.document.uri);
  });
  // Every event is queued in its folder's ordered queue at once, in arrival order (batches are never interleaved).
  connection.onDidChangeWatchedFiles(async (params) => {
    await host.fileEvents(params.changes.map((change) => ({ uri: change.uri, kind: change.type === 1 ? 'created' : change.type === 2 ? 'changed' : 'deleted' })));
    const folders = new Set(params.changes.map((c) => host.locate(c.uri)?.folder).filter((f): f is Folder => !!f));
    for (const folder of folders) scheduleStale(folder);
  });
  connection.onNotification(SETTINGS_NOTIFICATION, async (settings: Partial<ClarifierConfig>) => {
    host.overrides = sanitizeSettings(settings ?? {}, log);
    await host.reindexAll();
    for (const folder of host.folders) scheduleStale(folder);
  });

  /** Ids cited in documents the user edits rank first in completion. */
  function rememberCitations(folder: Folder, rel: string): void {
    for (const c of folder.index.codeFactsOf(rel)?.citations ?? []) {
      const at = recent.indexOf(c.id);
      if (at >= 0) recent.splice(at, 1);
      recent.unshift(c.id);
    }
    recent.length = Math.min(recent.length, RECENT_LIMIT);
  }

  // ---- diagnostics: pushed, or pulled where the client supports it ----

  function scheduleDiagnostics(folder: Folder): void {
    // One pending publish picks up every change made before it runs.
    if (timers.has(folder) || folder.removed) return;
    timers.set(
      folder,
      setTimeout(
        () => {
          timers.delete(folder);
          if (folder.removed) return;
          const started = performance.now();
          let local = false;
          try {
            local = publish(folder);
          } catch (err) {
            log.error(`diagnostics failed: ${(err as Error).stack ?? err}`);
          }
          publishCost.set(folder, local ? 0 : performance.now() - started);
          // The user is typing: a git process started right after this publish would delay the next keystroke's.
          lastActivity = performance.now();
          if (local) lastEdit = lastActivity;
          afterAnswer();
        },
        // The change at hand decides: one that only touched its own file is published at once, even right after a
        // costly one (typing after adding a footnote must not wait out the debounce of the edit before).
        folder.onlyLocalChanges() || (publishCost.get(folder) ?? DIAGNOSTIC_DELAY_MS) < CHEAP_PUBLISH_MS ? 0 : DIAGNOSTIC_DELAY_MS,
      ),
    );
  }

  /**
   * Sends the diagnostics of the files whose diagnostics changed (all of them after a workspace-wide recomputation).
   * Returns whether only some files were recomputed.
   */
  function publish(folder: Folder): boolean {
    if (pullDiagnostics) {
      sendStatus();
      if (capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
      return false;
    }
    const changed = folder.takeUnpublished();
    const previous = published.get(folder.root) ?? new Map<string, Diagnostic[]>();
    const documents_ = indexedDocuments.get(folder) ?? new Set<string>();
    indexedDocuments.delete(folder);
    const candidates = new Set<string>(documents_);
    if (changed === 'all') {
      for (const file of previous.keys()) candidates.add(file);
      for (const d of folder.diagnostics()) candidates.add(d.file);
    } else for (const file of changed) candidates.add(file);
    for (const file of candidates) {
      const list = folder.diagnosticsOf(file);
      const before = previous.get(file);
      if (!documents_.has(file) && sameDiagnostics(before ?? [], list)) continue;
      const uri = folder.uriOf(file);
      // Diagnostics carry the document's version: while its newest text is not indexed yet, they would be those of an
      // older text under the new version. It is published after the flush that indexes it (onDocumentIndexed).
      if (host.isPending(uri)) continue;
      const version = documents.get(uri)?.version;
      void connection.sendDiagnostics({ uri, diagnostics: capped(list).map((d) => toLspCached(d, folder)), ...(version !== undefined ? { version } : {}) });
      if (list.length) previous.set(file, list);
      else previous.delete(file);
    }
    published.set(folder.root, previous);
    sendStatus();
    return changed !== 'all';
  }

  /** A removed folder: its files' diagnostics are cleared in the editor (empty publishes), nothing more is sent. */
  function unpublish(folder: Folder): void {
    clearTimeout(staleRuns.get(folder)?.timer);
    staleRuns.delete(folder);
    clearTimeout(timers.get(folder));
    timers.delete(folder);
    indexedDocuments.delete(folder);
    const previous = published.get(folder.root);
    published.delete(folder.root);
    if (pullDiagnostics) {
      if (capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
      return;
    }
    for (const file of previous?.keys() ?? []) void connection.sendDiagnostics({ uri: folder.uriOf(file), diagnostics: [] });
  }

  /**
   * Result ids of pulled reports: a file's report is answered "unchanged" when the client holds the id of the same
   * diagnostics (the refresh after an edit re-pulls every open document; the workspace pull repeats every few seconds).
   * One id per file, content and kind of report (a document's report is capped, the workspace's is not): a recomputed
   * list equal to the last one keeps its id.
   */
  const resultIds = new WeakMap<Folder, Map<string, { list: readonly Diagnostic[]; id: string }>>();
  const resultPrefix = `${process.pid.toString(36)}.${Date.now().toString(36)}.`;
  let resultSeq = 0;
  function resultIdOf(folder: Folder, file: string, list: readonly Diagnostic[], kind: 'd' | 'w'): string {
    let ids = resultIds.get(folder);
    if (!ids) resultIds.set(folder, (ids = new Map()));
    const key = kind + file;
    const known = ids.get(key);
    if (known && (known.list === list || sameDiagnostics(known.list, list))) {
      known.list = list;
      return known.id;
    }
    const id = resultPrefix + kind + (resultSeq++).toString(36);
    ids.set(key, { list, id });
    return id;
  }

  connection.languages.diagnostics.on(
    guard('textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async (params, token) => {
      const at = await locate(params.textDocument.uri, token);
      if (!at) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const list = at.folder.diagnosticsOf(at.rel);
      const resultId = resultIdOf(at.folder, at.rel, list, 'd');
      // The document is pulled after each edit: a workspace pull waits until the user pauses (WORKSPACE_QUIET_MS).
      lastEdit = performance.now();
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items: capped(list).map((d) => toLspCached(d, at.folder)) };
    }),
  );
  // The client keeps a file's diagnostics when a workspace report leaves the file out: files that had diagnostics in
  // the previous report and have none now get an explicit empty report, or fixed problems would stay listed. A file
  // whose diagnostics the client already holds (its previous result id) is reported unchanged.
  let lastWorkspaceReport = new Set<string>();
  connection.languages.diagnostics.onWorkspace(
    guard('workspace/diagnostic', { items: [] }, async (params, token) => {
      await editsQuiet(token);
      if (token.isCancellationRequested) return { items: [] };
      await allReady(token);
      const previous = new Map<string, string>();
      for (const p of params.previousResultIds ?? []) previous.set(normalizeUri(p.uri), p.value);
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      const reported = new Set<string>();
      for (const folder of host.folders) {
        const lists = folder.diagnosticLists();
        for (const file of [...lists.keys()].sort(byPath)) {
          const list = lists.get(file)!;
          const uri = folder.uriOf(file);
          reported.add(uri);
          const resultId = resultIdOf(folder, file, list, 'w');
          const version = documents.get(uri)?.version ?? null;
          if (previous.get(normalizeUri(uri)) === resultId) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId });
          else items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version, resultId, items: list.map((d) => toLspCached(d, folder)) });
        }
      }
      for (const uri of lastWorkspaceReport) {
        if (!reported.has(uri)) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: documents.get(uri)?.version ?? null, items: [] });
      }
      lastWorkspaceReport = reported;
      return { items };
    }),
  );

  /** The status bar item: counts of every folder, coverage by the report's definition, its words from the core [^cv3r]. */
  function sendStatus(): void {
    const counts: StatusCounts = { clauses: 0, covered: 0, citations: 0, errors: 0, warnings: 0 };
    for (const folder of host.folders) {
      if (!folder.index) continue;
      const model = folder.index.model();
      const coverage = coverageOf(model);
      counts.clauses += coverage.clauses;
      counts.covered += coverage.covered;
      counts.citations += model.citations.length;
      const severities = folder.severityCounts();
      counts.errors += severities.error;
      counts.warnings += severities.warning;
    }
    // Open documents too large to index on every edit [^big_documents].
    const large = host.largeDocuments();
    const summary = statusSummary(counts);
    // A background run over the git history is under way [^dr1s].
    const checkingStale = [...staleRuns.values()].some((r) => r.running);
    if (checkingStale) summary.tooltip += '\n\nChecking stale citations against the git history…';
    void connection.sendNotification(STATUS_NOTIFICATION, { ...counts, ...summary, ...(checkingStale ? { checkingStale: true } : {}), ...(large.length ? { largeDocuments: large } : {}) });
  }

  // ---- features ----

  connection.onHover(
    guard('hover', null, async (params, token) => {
      const at = await locate(params.textDocument.uri, token);
      if (!at) return null;
      const occ = occurrenceAt(at.folder.index, at.rel, params.position);
      if (!occ) return null;
      const value = hoverMarkdown(at.folder.index.model(), occ.id, {
        from: at.rel,
        link: (p, line) => at.folder.uriOf(p) + (line !== undefined ? `#L${line + 1}` : ''),
        exampleHead: (p) => at.folder.index.exampleFactsOf(p)?.head,
      });
      // A stale citation: the clause then and now [^dr1s].
      const stale = value && occ.kind === 'citation' ? at.folder.staleAt(at.rel, occ.range) : undefined;
      return value ? { contents: { kind: 'markdown', value: stale ? `${staleHoverMarkdown(stale)}\n\n---\n\n${value}` : value }, range: occ.range } : null;
    }),
  );

  connection.onDefinition(
    guard('definition', [], async (params, token) => {
      const at = await locate(params.textDocument.uri, token);
      if (!at) return [];
      return definition(at.folder.index, at.rel, params.position).map((l) => ({ uri: at.folder.uriOf(l.file), range: l.range }));
    }),
  );

  connection.onReferences(
    guard('references', [], async (params, token) => {
      const at = await locate(params.textDocument.uri, token);
      if (!at) return [];
      return references(at.folder.index, at.rel, params.position, params.context.includeDeclaration).map((l) => ({ uri: at.folder.uriOf(l.file), range: l.range }));
    }),
  );

  connection.onCompletion(
    guard('completion', null, async (params, token) => {
      const at = await locate(params.textDocument.uri, token);
      const doc = documents.get(params.textDocument.uri);
      if (!at || !doc) return null;
      const text = doc.getText();
      const ctx = completionContext(at.folder.index, at.rel, text, doc.offsetAt(params.position));
      if (!ctx) return null;
      const entries = ctx.kind === 'id' ? completeIds(at.folder.index.model(), ctx, at.rel, recent) : completeAnchors(at.folder.index, ctx);
      const range = { start: doc.positionAt(ctx.start), end: doc.positionAt(ctx.end) };
      return {
        // A big workspace sends its best ids only; the editor asks again as the user types more of the id.
        isIncomplete: 'incomplete' in entries && entries.incomplete === true,
        // An id's documentation (the clause's text) comes on completionItem/resolve: a list of 200 ids is a fifth the size.
        items: entries.map((e) => ({
          label: e.label,
          kind: CompletionItemKind.Reference,
          detail: e.detail,
          ...(ctx.kind === 'id' ? { data: { uri: params.textDocument.uri, id: e.label } satisfies ResolveData } : { documentation: { kind: 'markdown' as const, value: e.documentation } }),
          filterText: e.filterText,
          sortText: e.sortText,
          textEdit: { range, newText: e.insertText },
        })),
      };
    }),
  );

  const resolveCompletion = guard<CompletionItem, CompletionItem | undefined>('completionResolve', undefined, async (item, token) => {
    const data = item.data as Partial<ResolveData> | undefined;
    if (typeof data?.uri !== 'string' || typeof data.id !== 'string') return undefined;
    const at = await locate(data.uri, token);
    const clause = at?.folder.index.model().clausesById.first(data.id);
    return clause ? { ...item, documentation: { kind: 'markdown', value: clauseDocumentation(clause) } } : undefined;
  });
  connection.onCompletionResolve(async (item, token) => (await resolveCompletion(item, token)) ?? item);

  connection.onCodeAction(
    guard('codeAction', [], async (params, token) => {
      const at = await locate(params.textDocument.uri, token);
      // Fixes are computed from the diagnostics of the text the index holds, and carry its version [^se5v].
      if (!at || host.isPending(params.textDocument.uri)) return [];
      const current = at.folder.diagnosticsOf(at.rel);
      const sent = params.context.diagnostics.map((d) => fromLspDiagnostic(d, at.rel)).filter((d): d is Diagnostic => !!d);
      const diags = sent.length ? currentDiagnostics(current, sent, params.range) : diagnosticsInRange(current, at.rel, params.range);
      const lspDiags = params.context.diagnostics.length ? params.context.diagnostics : diags.map((d) => toLspDiagnostic(d));
      return codeActions(at.folder.index, at.rel, params.range, diags, { stamp: stampOf(params.textDocument.uri, at) })
        // A fix refused here (Restricted Mode, a target outside the workspace, a file that exists) is shown disabled
        // with the reason where the editor can show one, and left out elsewhere.
        .map((change) => toCodeAction(at.folder, change, lspDiags, { ...editOptions(), disabledSupport: capabilities.textDocument?.codeAction?.disabledSupport === true }))
        .filter((a) => !!a);
    }),
  );

  connection.onPrepareRename(
    guard('prepareRename', null, async (params, token) => {
      const at = await locate(params.textDocument.uri, token);
      if (!at) return null;
      const occ = prepareRename(at.folder.index, at.rel, params.position);
      if (!occ) throw new ResponseError(ErrorCodes.InvalidRequest, 'Only a clause id can be renamed here (a citation, footnote, definition, link anchor or {#id}).');
      return { range: occ.idRange, placeholder: occ.id };
    }),
  );

  connection.onRenameRequest(
    guard('rename', null, async (params, token) => {
      const at = await locate(params.textDocument.uri, token);
      if (!at) return null;
      const occ = prepareRename(at.folder.index, at.rel, params.position);
      if (!occ) throw new ResponseError(ErrorCodes.InvalidRequest, 'No clause id at this position.');
      const result = renameId(at.folder.index, occ.id, params.newName.trim(), at.rel);
      if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
      const edit = toWorkspaceEdit(at.folder, result.edits, editOptions());
      if ('refused' in edit) throw new ResponseError(ErrorCodes.InvalidRequest, edit.refused);
      return edit.edit;
    }),
  );

  connection.onCodeLens(
    guard('codeLens', [], async (params, token) => {
      const at = await locate(params.textDocument.uri, token);
      if (!at) return [];
      return codeLenses(at.folder.index, at.rel).map((l) => ({
        range: l.range,
        command: { title: l.title, command: SHOW_REFERENCES_COMMAND, arguments: [params.textDocument.uri, l.range.start] },
      }));
    }),
  );

  connection.onDocumentSymbol(
    guard('documentSymbol', [], async (params, token) => {
      const at = await locate(params.textDocument.uri, token);
      if (!at) return [];
      const convert = (s: OutlineSymbol): import('vscode-languageserver/node').DocumentSymbol => ({
        name: s.name,
        detail: s.detail,
        kind: s.kind === 'section' ? SymbolKind.Namespace : s.kind === 'clause' ? SymbolKind.Class : SymbolKind.Key,
        range: s.range,
        selectionRange: s.selectionRange,
        children: s.children.map(convert),
      });
      return documentSymbols(at.folder.index, at.rel).map(convert);
    }),
  );

  connection.onWorkspaceSymbol(
    guard('workspaceSymbol', [], async (params, token) => {
      await allReady(token);
      const out = [];
      for (const folder of host.folders) {
        if (token.isCancellationRequested) return [];
        for (const c of workspaceSymbols(folder.index.model(), params.query)) {
          out.push({
            name: `${c.id} — ${c.title}`,
            kind: c.kind === 'heading' ? SymbolKind.Class : SymbolKind.Key,
            location: { uri: folder.uriOf(c.file), range: c.range },
            ...(c.authority ? { containerName: c.authority } : {}),
          });
        }
      }
      return out;
    }),
  );

  connection.onDocumentLinks(
    guard('documentLinks', [], async (params, token) => {
      const at = await locate(params.textDocument.uri, token);
      if (!at) return [];
      return documentLinks(at.folder.index, at.rel).map((l) => ({ range: l.range, target: at.folder.uriOf(l.target), tooltip: l.tooltip }));
    }),
  );

  connection.onExecuteCommand(
    guard('executeCommand', null, async (params) => {
      if (params.command === REINDEX_COMMAND) {
        await host.reindexAll();
        sendStatus();
      }
      // After "Create example file": the editor opens the new file [^ce8o]. Only a file of a workspace folder, and
      // only where the client can show documents; elsewhere the command does nothing.
      if (params.command === SHOW_DOCUMENT_COMMAND && capabilities.window?.showDocument?.support) {
        const target = (params.arguments?.[0] as { uri?: unknown } | undefined)?.uri;
        if (typeof target === 'string' && host.locate(target)) await connection.window.showDocument({ uri: target, takeFocus: true });
      }
      return null;
    }),
  );

  connection.onRequest(
    REPORT_REQUEST,
    guard('report', '', async (params: { uri?: string }, token) => {
      await allReady(token);
      const folders = params?.uri ? [host.locate(params.uri)?.folder].filter((f): f is Folder => !!f) : host.folders;
      return folders.map((f) => coverageReport(f.index.model(), { title: `Spec coverage of ${f.root.split(/[\\/]/).pop()}`, config: f.index.config })).join('\n\n');
    }),
  );

  connection.onRequest(
    EXAMPLE_REQUEST,
    guard('exampleOf', null, async (params: { uri: string; position: { line: number; character: number } }, token) => {
      const at = await locate(params.uri, token);
      if (!at) return null;
      const occ = occurrenceAt(at.folder.index, at.rel, params.position);
      if (!occ) return null;
      const example = at.folder.index.model().resolve(occ.id).example;
      return example?.path ? { id: occ.id, uri: at.folder.uriOf(example.path), exists: example.exists } : null;
    }),
  );

  /** "Answer: <question>": the client asked the user; this turns the answer into the edit (phrase + Clarifications). */
  connection.onRequest(
    ANSWER_REQUEST,
    guard('answer', null, async (params: { uri: string }, token) => {
      const at = typeof params?.uri === 'string' ? await locate(params.uri, token) : undefined;
      if (!at || !at.folder.index.specFacts(at.rel)) throw new ResponseError(ErrorCodes.InvalidRequest, 'Answers go into spec files of the workspace.');
      // Recomputed from the current text and diagnostics; the edit carries the version of that text [^se5v].
      const text = documents.get(params.uri)?.getText() ?? (await at.folder.readFromDisk(at.rel));
      if (text === undefined || host.isPending(params.uri)) throw new ResponseError(ErrorCodes.InvalidRequest, 'The spec is changing; answer again in a moment.');
      const edits = answerRequestEdits(at.rel, text, at.folder.diagnosticsOf(at.rel), params, (stamp) => stamp !== undefined && stamp === stampOf(params.uri, at));
      if ('error' in edits) throw new ResponseError(ErrorCodes.InvalidRequest, edits.error);
      const result = toWorkspaceEdit(at.folder, edits, editOptions());
      if ('refused' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.refused);
      return result.edit;
    }),
  );

  /**
   * "Clarify this spec" / "Clarify workspace": the LLM pass where the user enabled it (never in Restricted Mode),
   * with progress and cancellation; the lexicon pass is always live. Answers one message for the user.
   */
  connection.onRequest(
    CLARIFY_REQUEST,
    guard('clarify', { message: 'Spec Clarifier could not run the clarifier (see the output channel).' }, async (params: { uri?: string }, token) => {
      const target = params?.uri ? host.locate(params.uri) : undefined;
      if (params?.uri && (!target || target.folder.index.roleOf(target.rel) !== 'spec')) return { message: 'Open a spec file of the workspace to clarify it.' };
      const folders = target ? [target.folder] : host.folders;
      await allReady(token);
      const lexicon = folders.reduce((n, f) => n + f.diagnostics().filter((d) => d.code.startsWith('ambiguity.') && (!target || d.file === target.rel)).length, 0);
      const offline = `${plural(lexicon, 'clarifying question')} from the built-in lexicon`;
      if (!trusted) return { message: `${offline}. The LLM pass is disabled in Restricted Mode: trust the workspace to use it.` };
      const enabled = folders.filter((f) => f.config.llm.enabled);
      if (enabled.length === 0) return { message: `${offline}. The LLM pass is off: enable specClarifier.llm.enabled (or "llm": {"enabled": true} in .clarifier.json) to also ask a model.` };
      const progress = capabilities.window?.workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
      progress?.begin('Clarifying specs', 0, 'Asking the model…', true);
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      progress?.token.onCancellationRequested(() => abort.abort());
      const messages: string[] = [];
      try {
        for (const folder of enabled) {
          const run = await runLlmOnIndex(folder.index, {
            config: folder.config,
            ...(target ? { files: [target.rel] } : {}),
            ...(storagePath ? { cacheDir: path.join(storagePath, 'llm-cache') } : {}),
            signal: abort.signal,
            onProgress: (done, total) => progress?.report(Math.round((100 * done) / Math.max(1, total)), `${done}/${total} requests`),
            textOf: (file) => documents.get(folder.uriOf(file))?.getText() ?? folder.readFromDisk(file),
          });
          folder.changed();
          log.info(run.message);
          messages.push(run.message);
        }
      } finally {
        progress?.done();
      }
      return { message: `${offline}. ${messages.join(' ')}` };
    }),
  );

  /**
   * "Audit this file": does the code citing a clause satisfy it? The LLM audit of one code file where the user enabled
   * the LLM (never in Restricted Mode), with progress and cancellation. Answers one message and the findings as LSP
   * diagnostics of that file, which the client shows in a collection of its own [^au4d].
   */
  connection.onRequest(
    AUDIT_REQUEST,
    guard('audit', { message: 'Spec Clarifier could not run the audit (see the output channel).', diagnostics: [] }, async (params: { uri?: string }, token) => {
      const target = params?.uri ? host.locate(params.uri) : undefined;
      if (!target || target.folder.index.roleOf(target.rel) !== 'code') return { message: 'Open a source file of the workspace that cites clauses to audit it.', diagnostics: [] };
      await allReady(token);
      const { folder, rel } = target;
      const cited = folder.index.codeFactsOf(rel)?.citations.length ?? 0;
      if (cited === 0) return { message: `${rel} cites no clause: nothing to audit.`, diagnostics: [] };
      if (!trusted) return { message: 'The audit sends code to the LLM: it is disabled in Restricted Mode. Trust the workspace to use it.', diagnostics: [] };
      if (!folder.config.llm.enabled) return { message: 'The audit uses the LLM, which is off: enable specClarifier.llm.enabled (or "llm": {"enabled": true} in .clarifier.json).', diagnostics: [] };
      const progress = capabilities.window?.workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
      progress?.begin('Auditing the code against its clauses', 0, 'Asking the model…', true);
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      progress?.token.onCancellationRequested(() => abort.abort());
      try {
        const run = await runAuditOnIndex(folder.index, {
          root: folder.root,
          config: folder.config,
          files: [rel],
          ...(storagePath ? { cacheDir: path.join(storagePath, 'audit-cache') } : {}),
          signal: abort.signal,
          onProgress: (done, total) => progress?.report(Math.round((100 * done) / Math.max(1, total)), `${done}/${total} requests`),
          textOf: (file) => documents.get(folder.uriOf(file))?.getText(),
        });
        log.info(run.message);
        return { message: run.message, diagnostics: run.diagnostics.filter((d) => d.file === rel).map((d) => toLspDiagnostic(d)) };
      } finally {
        progress?.done();
      }
    }),
  );

  /**
   * "Check Specs for Conflicts (LLM)": the LLM conflict judge over the specs of every folder where the user enabled the
   * LLM (never in Restricted Mode), with progress and cancellation [^cj4q]. Answers one message and the findings as LSP
   * diagnostics per file (each with the other clause as related information), which the client shows in a collection
   * of its own. The clause texts are the index's: the editor's text of open specs.
   */
  connection.onRequest(
    CONFLICTS_REQUEST,
    guard('conflicts', { message: 'Spec Clarifier could not run the conflict judge (see the output channel).', files: [] }, async (_params: unknown, token) => {
      await allReady(token);
      const none = { files: [] as { uri: string; diagnostics: ReturnType<typeof toLspDiagnostic>[] }[] };
      if (!trusted) return { message: 'The conflict judge sends spec text to the LLM: it is disabled in Restricted Mode. Trust the workspace to use it.', ...none };
      const enabled = host.folders.filter((f) => f.config.llm.enabled);
      if (enabled.length === 0) return { message: 'The conflict judge uses the LLM, which is off: enable specClarifier.llm.enabled (or "llm": {"enabled": true} in .clarifier.json).', ...none };
      const progress = capabilities.window?.workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
      progress?.begin('Checking specs for conflicts', 0, 'Asking the model…', true);
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      progress?.token.onCancellationRequested(() => abort.abort());
      const messages: string[] = [];
      const byUri = new Map<string, ReturnType<typeof toLspDiagnostic>[]>();
      try {
        for (const folder of enabled) {
          const run = await runConflictJudgeOnIndex(folder.index, {
            config: folder.config,
            ...(storagePath ? { cacheDir: path.join(storagePath, 'conflict-cache') } : {}),
            signal: abort.signal,
            onProgress: (done, total) => progress?.report(Math.round((100 * done) / Math.max(1, total)), `${done}/${total} requests`),
          });
          log.info(run.message);
          messages.push(run.message);
          const uriOf = (file: string): string => folder.uriOf(file);
          for (const d of run.diagnostics) {
            const uri = uriOf(d.file);
            const list = byUri.get(uri) ?? [];
            list.push(toLspDiagnostic(d, uriOf));
            byUri.set(uri, list);
          }
        }
      } finally {
        progress?.done();
      }
      return { message: messages.join(' '), files: [...byUri].map(([uri, diagnostics]) => ({ uri, diagnostics })) };
    }),
  );

  documents.listen(connection);
  connection.listen();
}

declare const CLARIFY_VERSION: string | undefined;

/** Diagnostics are immutable values, and the core reuses those of unchanged clauses: so are their LSP forms. */
const lspForms = new WeakMap<Diagnostic, ReturnType<typeof toLspDiagnostic>>();
function toLspCached(d: Diagnostic, folder: Folder): ReturnType<typeof toLspDiagnostic> {
  let lsp = lspForms.get(d);
  // A diagnostic belongs to one folder's index: its related places are in that folder.
  if (!lsp) lspForms.set(d, (lsp = toLspDiagnostic(d, (file) => folder.uriOf(file))));
  return lsp;
}

/**
 * At most this many diagnostics of one file go to the editor at once, the most severe first: a spec with 200,000
 * uncited footnotes made a publish of 200,000 diagnostics (tens of MB of JSON) on every edit [^big_documents].
 * `clarify check` reports them all.
 */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;
const SEVERITY_RANK: Record<Diagnostic['severity'], number> = { error: 0, warning: 1, info: 2, hint: 3 };
const cappedLists = new WeakMap<readonly Diagnostic[], Diagnostic[]>();

function capped(list: readonly Diagnostic[]): readonly Diagnostic[] {
  if (list.length <= MAX_DIAGNOSTICS_PER_FILE) return list;
  let out = cappedLists.get(list);
  if (!out) {
    // A stable pick by severity in one pass (not a sort of thousands on every edit of a big spec): each severity's
    // first MAX_DIAGNOSTICS_PER_FILE in order, then the most severe first.
    const bySeverity: Diagnostic[][] = [[], [], [], []];
    for (const d of list) {
      const bucket = bySeverity[SEVERITY_RANK[d.severity]]!;
      if (bucket.length < MAX_DIAGNOSTICS_PER_FILE) bucket.push(d);
    }
    out = [];
    for (const bucket of bySeverity) {
      for (const d of bucket) {
        if (out.length === MAX_DIAGNOSTICS_PER_FILE) break;
        out.push(d);
      }
    }
    cappedLists.set(list, out);
  }
  return out;
}

function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    // The core reuses the diagnostic objects of unchanged clauses: most pairs are the same object.
    if (x === y) continue;
    if (x.code !== y.code || x.severity !== y.severity || x.message !== y.message) return false;
    if (x.range.start.line !== y.range.start.line || x.range.start.character !== y.range.start.character) return false;
    if (x.range.end.line !== y.range.end.line || x.range.end.character !== y.range.end.character) return false;
    if (JSON.stringify(x.data) !== JSON.stringify(y.data)) return false;
  }
  return true;
}

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function raceCancel<T>(promise: Promise<T>, token?: CancellationToken): Promise<T | undefined> {
  if (!token) return promise;
  return new Promise((resolve, reject) => {
    const sub = token.onCancellationRequested(() => {
      sub.dispose();
      resolve(undefined);
    });
    promise.then(
      (v) => {
        sub.dispose();
        resolve(v);
      },
      (e) => {
        sub.dispose();
        reject(e);
      },
    );
  });
}

/** Settings from the editor, validated with the `.clarifier.json` schema; invalid ones are logged and ignored. */
function sanitizeSettings(raw: unknown, log: { error(m: string): void }): Partial<ClarifierConfig> {
  const { overrides, problems } = validateOverrides(raw);
  for (const p of problems) log.error(`ignored setting specClarifier.${p}`);
  return overrides;
}
