import type { Range } from '../types';

/**
 * Editor-independent workspace edits. The LSP layer turns them into a WorkspaceEdit (documentChanges with
 * CreateFile/RenameFile/DeleteFile that never overwrite), and refuses any path outside the workspace.
 */
export type FileEdit =
  | { kind: 'text'; file: string; range: Range; newText: string }
  | { kind: 'create'; file: string; content: string }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'delete'; file: string };

/** A command the editor runs instead of (or after) applying edits: for fixes that need the user's input. */
export interface ChangeCommand {
  command: string;
  /** JSON arguments; `file` fields are workspace paths, turned into URIs by the LSP layer. */
  arguments: Record<string, unknown>[];
}

export interface WorkspaceChange {
  title: string;
  /** LSP code action kind: `quickfix`, `refactor`, … */
  kind: string;
  edits: FileEdit[];
  command?: ChangeCommand;
  /** The diagnostic (by code) the change fixes, if any. */
  fixes?: string;
  isPreferred?: boolean;
}
