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

export interface WorkspaceChange {
  title: string;
  /** LSP code action kind: `quickfix`, `refactor`, … */
  kind: string;
  edits: FileEdit[];
  /** The diagnostic (by code) the change fixes, if any. */
  fixes?: string;
  isPreferred?: boolean;
}
