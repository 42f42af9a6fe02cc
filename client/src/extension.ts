import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/**
 * The thin VS Code client: starts the bundled language server, forwards explicitly set settings, and adds what only
 * the editor can do — commands, the status bar item, the coverage preview. Every feature lives in the server.
 */

const SECTION = 'specClarifier';
const SETTING_KEYS = ['include', 'exclude', 'authorities', 'testGlobs', 'examples', 'severity', 'reportUncited'] as const;

interface Status {
  clauses: number;
  cited: number;
  citations: number;
  errors: number;
  warnings: number;
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
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      // Specs are Markdown; citations live in comments of any language: every file on disk.
      documentSelector: [{ scheme: 'file' }],
      outputChannel: output,
      initializationOptions: { settings: explicitSettings(), trusted: vscode.workspace.isTrusted },
      markdown: { isTrusted: false, supportHtml: false },
    };
    client = new LanguageClient('specClarifier', 'Spec Clarifier', serverOptions, clientOptions);
    client.onNotification('specClarifier/status', (s: Status) => {
      const coverage = s.clauses ? Math.round((100 * s.cited) / s.clauses) : 0;
      status.text = `$(book) ${s.clauses} clauses · ${coverage}% cited`;
      status.tooltip = new vscode.MarkdownString(
        `**Spec Clarifier**\n\n${s.clauses} clauses, ${s.cited} cited by code or tests (${coverage}%), ${s.citations} citations.\n\n` +
          `${s.errors} errors, ${s.warnings} warnings.\n\nClick for the coverage report.`,
      );
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

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/** Only the settings the user set explicitly: they override `.clarifier.json`; unset ones leave it in charge. */
function explicitSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const i = config.inspect(key);
    const value = i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
    if (value !== undefined) out[key] = value;
  }
  return out;
}
