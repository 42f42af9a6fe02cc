import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeAction,
  Command,
  CreateFile,
  DeleteFile,
  DiagnosticSeverity,
  RenameFile,
  TextDocumentEdit,
  TextEdit,
  type Diagnostic as LspDiagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { WorkspaceChange, FileEdit } from '../core/features/edits';
import type { Diagnostic, DiagnosticCode, Severity } from '../core/types';
import type { Folder } from './session';

/** Core values <-> LSP values. */

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * `uriOf` turns a workspace-relative path into the client's URI, for related information (a conflict's other clause):
 * without it (no folder known), related places are left out.
 */
export function toLspDiagnostic(d: Diagnostic, uriOf?: (file: string) => string): LspDiagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'clarifier',
    message: d.message,
    ...(d.related?.length && uriOf ? { relatedInformation: d.related.map((r) => ({ location: { uri: uriOf(r.file), range: r.range }, message: r.message })) } : {}),
    data: { ...(d.data ?? {}), code: d.code, file: d.file },
    ...(uriOf && d.related?.length ? { relatedInformation: d.related.map((r) => ({ location: { uri: uriOf(r.file), range: r.range }, message: r.message })) } : {}),
  };
}

/** Diagnostics the editor sends back with a code action request, as core values (re-validated by the core). */
export function fromLspDiagnostic(d: LspDiagnostic, file: string): Diagnostic | undefined {
  if (d.source !== 'clarifier' || typeof d.code !== 'string') return undefined;
  const data = (d.data && typeof d.data === 'object' ? d.data : {}) as Record<string, unknown>;
  return { code: d.code as DiagnosticCode, severity: 'error', file, range: d.range, message: d.message, data };
}

export interface EditOptions {
  /** Version of open documents, for TextDocumentEdit. */
  versionOf: (uri: string) => number | null;
  /** File creation, rename and deletion are allowed (trusted workspace). */
  fileOperations: boolean;
}

export type EditResult = { edit: WorkspaceEdit } | { refused: string };

/**
 * [^safe_edits] [^se3w]
 * Turns core edits into a WorkspaceEdit with documentChanges. Every path must stay inside the folder; a created
 * or renamed-to file must not exist (CreateFile/RenameFile with overwrite off, checked on disk now as well).
 */
export function toWorkspaceEdit(folder: Folder, edits: FileEdit[], options: EditOptions): EditResult {
  const changes: (TextDocumentEdit | CreateFile | RenameFile | DeleteFile)[] = [];
  const textByFile = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const files = e.kind === 'rename' ? [e.from, e.to] : [e.file];
    for (const f of files) {
      const abs = folder.absolute(f);
      if (!abs) return { refused: `${f} is outside the workspace folder ${folder.root}; nothing was changed.` };
      // A path inside the folder may still lead outside through a symbolic link (`examples -> /elsewhere`).
      if (!reallyInside(folder.root, abs)) return { refused: `${f} leads outside the workspace folder ${folder.root} through a symbolic link; nothing was changed.` };
    }
    if (e.kind !== 'text' && !options.fileOperations) {
      return { refused: 'Creating, renaming or deleting files is disabled in Restricted Mode (untrusted workspace).' };
    }
    switch (e.kind) {
      case 'text': {
        const list = textByFile.get(e.file) ?? [];
        list.push(TextEdit.replace(e.range, e.newText));
        textByFile.set(e.file, list);
        break;
      }
      case 'create': {
        if (fs.existsSync(folder.absolute(e.file)!)) return { refused: `${e.file} already exists; it is never overwritten.` };
        const uri = folder.uriOf(e.file);
        changes.push(CreateFile.create(uri, { overwrite: false, ignoreIfExists: false }));
        changes.push(TextDocumentEdit.create({ uri, version: null }, [TextEdit.insert({ line: 0, character: 0 }, e.content)]));
        break;
      }
      case 'rename': {
        if (fs.existsSync(folder.absolute(e.to)!)) return { refused: `${e.to} already exists; it is never overwritten.` };
        changes.push(RenameFile.create(folder.uriOf(e.from), folder.uriOf(e.to), { overwrite: false, ignoreIfExists: false }));
        break;
      }
      case 'delete':
        changes.push(DeleteFile.create(folder.uriOf(e.file), { recursive: false, ignoreIfNotExists: true }));
        break;
    }
  }
  // Renames first, then text edits addressed to the files' new names, then creations and deletions: editors that apply
  // file operations before text edits (VS Code's rename provider result does) and those that keep the order agree.
  const renamed = new Map(edits.flatMap((e) => (e.kind === 'rename' ? [[e.from, e.to] as const] : [])));
  const textChanges = [...textByFile].map(([file, list]) => {
    const target = renamed.get(file);
    const uri = folder.uriOf(target ?? file);
    return TextDocumentEdit.create({ uri, version: target ? null : options.versionOf(uri) }, list);
  });
  const renames = changes.filter((c) => RenameFile.is(c));
  const others = changes.filter((c) => !RenameFile.is(c));
  return { edit: { documentChanges: [...renames, ...textChanges, ...others] } };
}

/**
 * Whether `abs` stays inside `root` (a real path) once symbolic links are resolved: the path itself when it exists (a
 * dangling link does not count as inside), else its nearest existing ancestor, must be under the root.
 */
function reallyInside(root: string, abs: string): boolean {
  for (let p = abs; ; p = path.dirname(p)) {
    let exists = true;
    try {
      fs.lstatSync(p);
    } catch {
      exists = false;
    }
    if (exists) {
      try {
        const real = fs.realpathSync(p);
        return real === root || real.startsWith(root + path.sep);
      } catch {
        return false;
      }
    }
    if (path.dirname(p) === p) return false;
  }
}

/**
 * The editor's form of a quick fix. A fix whose edits are refused (see toWorkspaceEdit) has no edit and no command: it
 * is returned disabled with the refusal as its reason when the client can show that (`disabledSupport`), else omitted.
 */
export function toCodeAction(folder: Folder, change: WorkspaceChange, diagnostics: LspDiagnostic[], options: EditOptions & { disabledSupport?: boolean }): CodeAction | undefined {
  const action = CodeAction.create(change.title, change.kind);
  if (change.edits.length) {
    const result = toWorkspaceEdit(folder, change.edits, options);
    if ('refused' in result) {
      if (!options.disabledSupport) return undefined;
      action.disabled = { reason: result.refused };
      if (change.fixes) action.diagnostics = diagnostics.filter((d) => d.code === change.fixes);
      return action;
    }
    action.edit = result.edit;
  }
  if (change.command) {
    // Workspace paths in the arguments become URIs for the editor.
    const args = change.command.arguments.map(({ file, ...rest }) => ({ ...rest, ...(typeof file === 'string' ? { uri: folder.uriOf(file) } : {}) }));
    action.command = Command.create(change.title, change.command.command, ...args);
  }
  if (change.fixes) action.diagnostics = diagnostics.filter((d) => d.code === change.fixes);
  if (change.isPreferred) action.isPreferred = true;
  return action;
}
