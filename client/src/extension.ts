import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/**
 * The thin VS Code client: starts the bundled language server, forwards explicitly set settings, and adds what only
 * the editor can do — commands, the status bar item, the coverage preview. Every feature lives in the server.
 */

const SECTION = 'specClarifier';
const SECRET_KEY = 'specClarifier.openaiApiKey';
const SETTING_KEYS = [
  'include', 'exclude', 'authorities', 'testGlobs', 'examples', 'severity', 'reportUncited',
  'ambiguity.enabled', 'ambiguity.categories', 'ambiguity.terms', 'ambiguity.glossary', 'ambiguity.ignoreTerms', 'ambiguity.addTerms',
  'ambiguity.normativeAuthorities', 'llm.enabled', 'llm.model', 'llm.baseURL', 'llm.timeoutSeconds', 'llm.concurrency', 'llm.conflictPairs',
  'stale.enabled', 'stale.maxCommits',
] as const;

/** The server's status notification: counts, and the words to show (made by the core, as the report's). */
interface Status {
  clauses: number;
  covered: number;
  citations: number;
  errors: number;
  warnings: number;
  text: string;
  tooltip: string;
  /** Open documents too large to index on every edit (URIs). */
  largeDocuments?: string[];
  /** Stale citations are being checked against the git history. */
  checkingStale?: boolean;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Spec Clarifier');
  const status = vscode.window.createStatusBarItem('specClarifier.status', vscode.StatusBarAlignment.Left, 10);
  status.name = 'Spec Clarifier';
  status.text = '$(sync~spin) Specs';
  status.tooltip = 'Spec Clarifier is indexing the workspace…';
  status.command = 'specClarifier.showCoverage';
  status.show();
  context.subscriptions.push(output, status);

  const start = async (): Promise<void> => {
    const serverModule = context.asAbsolutePath('dist/server.js');
    // The API key reaches the server through its environment, never through the protocol (which can be traced).
    const key = await context.secrets.get(SECRET_KEY);
    const env = { ...process.env, ...(key ? { OPENAI_API_KEY: key } : {}) };
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      // Specs are Markdown; citations live in comments of any language: every file on disk.
      documentSelector: [{ scheme: 'file' }],
      outputChannel: output,
      initializationOptions: { settings: explicitSettings(), trusted: vscode.workspace.isTrusted, ...(context.storageUri ? { storagePath: context.storageUri.fsPath } : {}) },
      markdown: { isTrusted: false, supportHtml: false },
    };
    client = new LanguageClient('specClarifier', 'Spec Clarifier', serverOptions, clientOptions);
    client.onNotification('specClarifier/status', (s: Status) => {
      const large = Array.isArray(s.largeDocuments) ? s.largeDocuments.filter((u): u is string => typeof u === 'string') : [];
      status.text = `${s.checkingStale === true ? '$(sync~spin)' : '$(book)'} ${s.text}${large.length ? ' $(warning)' : ''}`;
      // A document too large to index on every edit: its saved text is what the features see [^big_documents].
      const largeNote = large.length
        ? `\n\nToo large to index while typing (its saved text is indexed): ${large.map((u) => vscode.workspace.asRelativePath(vscode.Uri.parse(u))).join(', ')}.`
        : '';
      status.tooltip = new vscode.MarkdownString(`${s.tooltip}${largeNote}`);
    });
    await client.start();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('specClarifier.showReferences', async (uri: string, position: { line: number; character: number }) => {
      await vscode.commands.executeCommand('editor.action.findReferences', vscode.Uri.parse(uri), new vscode.Position(position.line, position.character));
    }),
    vscode.commands.registerCommand('specClarifier.showCoverage', async () => {
      if (!client) return;
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      const markdown = await client.sendRequest<string>('specClarifier/report', uri ? { uri } : {});
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown || '# Spec coverage\n\nNo workspace folder is open.\n' });
      await vscode.window.showTextDocument(doc, { preview: true });
      await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
    }),
    vscode.commands.registerCommand('specClarifier.openExample', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!client || !editor) return;
      const result = await client.sendRequest<{ id: string; uri: string; exists: boolean } | null>('specClarifier/exampleOf', {
        uri: editor.document.uri.toString(),
        position: editor.selection.active,
      });
      if (!result) {
        void vscode.window.showInformationMessage('Put the cursor on a footnote id ([^id]) that has an example file.');
      } else if (!result.exists) {
        void vscode.window.showWarningMessage(`The example of [^${result.id}] does not exist yet: use the quick fix "Create example file" on its warning.`);
      } else {
        await vscode.window.showTextDocument(vscode.Uri.parse(result.uri));
      }
    }),
    vscode.commands.registerCommand('specClarifier.answer', async (args: AnswerArgs) => {
      if (!client || !args) return;
      const answer = await askAnswer(args);
      if (!answer) return;
      // The server recomputes the edit from its current text and stamps it with that text's version; if the document
      // changed before the edit was applied, the editor refuses it and the answer is asked for once more from the
      // newer text (the question is found again by its phrase, or refused with the reason) [^se5v].
      for (let attempt = 0; attempt < 2; attempt++) {
        let edit: unknown;
        try {
          edit = await client.sendRequest('specClarifier/answer', {
            uri: args.uri,
            range: args.range,
            phrase: args.phrase,
            ...(args.code ? { code: args.code } : {}),
            ...(args.clauseId ? { clauseId: args.clauseId } : {}),
            ...(args.stamp && attempt === 0 ? { stamp: args.stamp } : {}),
            answer: answer.text,
            mode: answer.mode,
            date: new Date().toISOString().slice(0, 10),
          });
        } catch (err) {
          void vscode.window.showWarningMessage(`Spec Clarifier: ${err instanceof Error ? err.message : String(err)}`);
          return;
        }
        const converted = await client.protocol2CodeConverter.asWorkspaceEdit(edit as Parameters<typeof client.protocol2CodeConverter.asWorkspaceEdit>[0]);
        // The converted edit has lost the versions: compare them here, right before applying.
        if (!converted || (versionsMatch(edit) && (await vscode.workspace.applyEdit(converted)))) return;
      }
      void vscode.window.showErrorMessage('Spec Clarifier could not apply the answer: the spec kept changing. Use the Answer quick fix again.');
    }),
    vscode.commands.registerCommand('specClarifier.clarifyFile', () => clarify(vscode.window.activeTextEditor?.document.uri.toString())),
    vscode.commands.registerCommand('specClarifier.clarifyWorkspace', () => clarify(undefined)),
    vscode.commands.registerCommand('specClarifier.auditFile', () => audit(vscode.window.activeTextEditor?.document)),
    auditDiagnostics,
    vscode.commands.registerCommand('specClarifier.checkConflicts', () => checkConflicts()),
    conflictDiagnostics,
    // A conflict is about the texts that were judged: an edit of either clause's spec makes it stale, on both sides.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!e.contentChanges.length) return;
      const edited = e.document.uri.toString();
      conflictDiagnostics.delete(e.document.uri);
      const stale: [vscode.Uri, vscode.Diagnostic[]][] = [];
      conflictDiagnostics.forEach((uri, list) => {
        const kept = list.filter((d) => !d.relatedInformation?.some((r) => r.location.uri.toString() === edited));
        if (kept.length !== list.length) stale.push([uri, kept]);
      });
      for (const [uri, kept] of stale) conflictDiagnostics.set(uri, kept);
    }),
    // Audit findings are about the text that was audited: an edit makes them stale, so they go.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && auditDiagnostics.has(e.document.uri)) auditDiagnostics.delete(e.document.uri);
    }),
    vscode.commands.registerCommand('specClarifier.setApiKey', async () => {
      const value = await vscode.window.showInputBox({
        title: 'Spec Clarifier: API key for the LLM pass',
        prompt: 'Stored in VS Code SecretStorage (never in settings). Used only when specClarifier.llm.enabled is on.',
        password: true,
        ignoreFocusOut: true,
      });
      if (value === undefined) return;
      if (value.trim()) await context.secrets.store(SECRET_KEY, value.trim());
      else await context.secrets.delete(SECRET_KEY);
      await client?.stop();
      await start();
      void vscode.window.showInformationMessage(value.trim() ? 'Spec Clarifier: API key stored.' : 'Spec Clarifier: API key removed.');
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION) && client) void client.sendNotification('specClarifier/settings', explicitSettings());
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      // File-creating quick fixes are off in Restricted Mode: restart with trust.
      await client?.stop();
      await start();
    }),
  );
  await start();
}

async function clarify(uri: string | undefined): Promise<void> {
  if (!client) return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: uri ? 'Clarifying this spec' : 'Clarifying the workspace', cancellable: true },
    (_progress, token) => client!.sendRequest<{ message: string }>('specClarifier/clarify', uri ? { uri } : {}, token),
  );
  if (result?.message) void vscode.window.showInformationMessage(result.message);
}

/** Findings of "Audit This File" (`compliance.*`), kept apart from the server's diagnostics until the file changes. */
const auditDiagnostics = vscode.languages.createDiagnosticCollection('spec-clarifier-audit');

async function audit(document: vscode.TextDocument | undefined): Promise<void> {
  if (!client) return;
  if (!document) {
    void vscode.window.showInformationMessage('Spec Clarifier: open a source file that cites clauses to audit it.');
    return;
  }
  const uri = document.uri.toString();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Auditing this file against its clauses', cancellable: true },
    (_progress, token) => client!.sendRequest<{ message: string; diagnostics: unknown[] }>('specClarifier/audit', { uri }, token),
  );
  if (!result) return;
  const diagnostics = await client.protocol2CodeConverter.asDiagnostics(Array.isArray(result.diagnostics) ? (result.diagnostics as Parameters<typeof client.protocol2CodeConverter.asDiagnostics>[0]) : []);
  auditDiagnostics.set(document.uri, diagnostics);
  if (result.message) void vscode.window.showInformationMessage(result.message);
}

/** Findings of "Check Specs for Conflicts (LLM)" (`conflict.semantic`), replaced by each run, dropped when either side is edited. */
const conflictDiagnostics = vscode.languages.createDiagnosticCollection('spec-clarifier-conflicts');

async function checkConflicts(): Promise<void> {
  if (!client) return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Checking specs for conflicts (LLM)', cancellable: true },
    (_progress, token) => client!.sendRequest<{ message: string; files: { uri: string; diagnostics: unknown[] }[] }>('specClarifier/conflicts', {}, token),
  );
  if (!result) return;
  conflictDiagnostics.clear();
  for (const f of Array.isArray(result.files) ? result.files : []) {
    const diagnostics = await client.protocol2CodeConverter.asDiagnostics(Array.isArray(f.diagnostics) ? (f.diagnostics as Parameters<typeof client.protocol2CodeConverter.asDiagnostics>[0]) : []);
    conflictDiagnostics.set(vscode.Uri.parse(f.uri), diagnostics);
  }
  if (result.message) void vscode.window.showInformationMessage(result.message);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

interface AnswerArgs {
  uri: string;
  /** The diagnostic code of the question and the version of the text it was asked for (see the server). */
  code?: string;
  stamp?: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  phrase: string;
  question: string;
  clauseId?: string;
  suggestions?: string[];
}

/** Whether every versioned text edit of a WorkspaceEdit is for the version its open document has now. */
function versionsMatch(edit: unknown): boolean {
  const changes = (edit as { documentChanges?: { textDocument?: { uri: string; version?: number | null } }[] } | null)?.documentChanges ?? [];
  for (const c of changes) {
    const version = c.textDocument?.version;
    if (typeof version !== 'number') continue;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === c.textDocument!.uri);
    if (doc && doc.version !== version) return false;
  }
  return true;
}

/** Asks for the answer: a suggested rewording (from the LLM) or the user's own words, then how to apply it. */
async function askAnswer(args: AnswerArgs): Promise<{ text: string; mode: 'replace' | 'append' } | undefined> {
  let text: string | undefined;
  const own = '$(edit) Type an answer…';
  if (args.suggestions?.length) {
    const pick = await vscode.window.showQuickPick([...args.suggestions, own], { title: args.question, placeHolder: `Replace “${args.phrase}” with…` });
    if (!pick) return undefined;
    if (pick !== own) text = pick;
  }
  text ??= await vscode.window.showInputBox({
    title: args.question,
    prompt: `Your answer for “${args.phrase}”. It is recorded in the spec's Clarifications section.`,
    placeHolder: 'e.g. within 200 ms (p95)',
    validateInput: (v) => (v.trim() ? undefined : 'An answer is needed'),
  });
  if (!text?.trim()) return undefined;
  const mode = await vscode.window.showQuickPick(
    [
      { label: `Replace “${args.phrase}” with “${text.trim()}”`, mode: 'replace' as const },
      { label: `Keep “${args.phrase}” and add “(${text.trim()})”`, mode: 'append' as const },
    ],
    { title: 'Apply the answer' },
  );
  return mode ? { text: text.trim(), mode: mode.mode } : undefined;
}

/** Only the settings the user set explicitly: they override `.clarifier.json`; unset ones leave it in charge. */
function explicitSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const i = config.inspect(key);
    const value = i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
    if (value === undefined) continue;
    // `ambiguity.enabled` -> { ambiguity: { enabled } }: the server merges sections key by key.
    const [section, leaf] = key.split('.') as [string, string | undefined];
    if (leaf === undefined) out[section] = value;
    else out[section] = { ...(out[section] as Record<string, unknown> | undefined), [leaf]: value };
  }
  return out;
}
