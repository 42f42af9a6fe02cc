import picomatch from 'picomatch';
import type { ClarifierConfig, ScopeKind } from './config';
import { resolveRelative } from './paths';
import { isDraftFormat, KIRO_FOLDER_RE, SPEC_KIT_FOLDER_RE, type SpecFormat } from '../markdown/formats';

/**
 * Id scopes [^sc5p]: where a clause id must be unique and where a bare id resolves.
 *  - `workspace` (the default, the Model Spec style: specs cite each other across files);
 *  - `document`: a document of its own (a kramdown-rfc draft with its title front matter; a spec-kit file outside a
 *    feature folder, such as a template);
 *  - `folder`: a feature folder (spec-kit `specs/NNN-feature/`, Kiro `.kiro/specs/<feature>/`).
 * `.clarifier.json` `scopes` (glob -> kind, first match wins) overrides the evidence. Code names a scoped clause as
 * `[^<scope name>:<id>]`, the scope name being the folder's name or the document's file name without `.md`.
 */

export interface Scope {
  kind: ScopeKind;
  /** The scope's key: `''` for the workspace, the document's path, the folder's path. */
  path: string;
  /** The name code uses to qualify an id (`[^name:id]`); `''` for the workspace. */
  name: string;
}

export const WORKSPACE_SCOPE: Scope = Object.freeze({ kind: 'workspace', path: '', name: '' }) as Scope;

const matchers = new WeakMap<ClarifierConfig['scopes'], { match: (p: string) => boolean; scope: ScopeKind; site: boolean }[]>();

function scopeEntryOf(config: ClarifierConfig, file: string): { scope: ScopeKind; site: boolean } | undefined {
  if (config.scopes.length === 0) return undefined;
  let list = matchers.get(config.scopes);
  if (!list) matchers.set(config.scopes, (list = config.scopes.map((s) => ({ match: picomatch(s.pattern, { dot: true }), scope: s.scope, site: s.site === true }))));
  return list.find((m) => m.match(file));
}

function overrideOf(config: ClarifierConfig, file: string): ScopeKind | undefined {
  return scopeEntryOf(config, file)?.scope;
}

/** Is the file a page of a documentation site (a scope the io layer found from the site's config, and not overridden)? */
export function isSitePage(config: ClarifierConfig, file: string): boolean {
  return scopeEntryOf(config, file)?.site === true;
}

function dirnameOf(file: string): string {
  const at = file.lastIndexOf('/');
  return at < 0 ? '' : file.slice(0, at);
}

function nameOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.(?:md|markdown)$/i, '');
}

function scope(kind: ScopeKind, path: string): Scope {
  if (kind === 'workspace') return WORKSPACE_SCOPE;
  // The workspace root as a folder scope is the workspace itself.
  if (kind === 'folder' && path === '') return WORKSPACE_SCOPE;
  return { kind, path, name: nameOf(path) };
}

/** The scope of a spec file, from the configuration's override, else from evidence (its format and path). */
export function scopeOf(file: string, format: SpecFormat, config: ClarifierConfig): Scope {
  const kind = overrideOf(config, file);
  if (kind === 'document') return scope('document', file);
  if (kind === 'folder') return scope('folder', dirnameOf(file));
  if (kind === 'workspace') return WORKSPACE_SCOPE;
  if (isDraftFormat(format)) return scope('document', file);
  // Kiro: the feature is the folder of the file (`.kiro/specs/<feature>/`, also `.kiro/specs/_archived/<feature>/`).
  if (format === 'kiro' && KIRO_FOLDER_RE.test(file)) return scope('folder', dirnameOf(file));
  const feature = format === 'spec-kit' ? SPEC_KIT_FOLDER_RE.exec(file) : undefined;
  if (feature) return scope('folder', file.slice(0, feature.index + feature[0].length).replace(/^\//, ''));
  // A spec-kit file outside a feature folder (a template) declares FR-001 like every feature does: its own document.
  if (format === 'spec-kit') return scope('document', file);
  return WORKSPACE_SCOPE;
}

/**
 * The specs each draft includes [^kr7i], as included file -> draft: kramdown-rfc and mmark paste an
 * included file into the draft before parsing it, so its clauses are the draft's (its document scope: the same ids in
 * another draft or in an older copy of the file are no duplicates) and its anchors are the draft's. Followed through
 * included specs that include more; a path is the including file's folder's, else the workspace root's (drafts are
 * built from their folder, usually the root). A file two drafts include is the first draft's (by path); a file the
 * configuration scopes, or whose own evidence gives a scope, keeps it.
 */
export function includedBy(
  specFiles: readonly string[],
  specs: ReadonlyMap<string, { format: SpecFormat; includes?: string[] }>,
  config: ClarifierConfig,
): Map<string, string> {
  const out = new Map<string, string>();
  const target = (from: string, path: string): string | undefined => {
    for (const base of [dirnameOf(from), '']) {
      const t = resolveRelative(base, path);
      if (t !== undefined && specs.has(t)) return t;
    }
    return undefined;
  };
  for (const draft of specFiles) {
    const facts = specs.get(draft)!;
    if (!isDraftFormat(facts.format) || !facts.includes || scopeOf(draft, facts.format, config).kind !== 'document') continue;
    const queue = [draft];
    for (let i = 0; i < queue.length; i++) {
      for (const path of specs.get(queue[i]!)?.includes ?? []) {
        const file = target(queue[i]!, path);
        if (file === undefined || file === draft || out.has(file) || overrideOf(config, file) !== undefined) continue;
        const own = specs.get(file)!;
        if (scopeOf(file, own.format, config).kind !== 'workspace') continue;
        out.set(file, draft);
        queue.push(file);
      }
    }
  }
  return out;
}

/**
 * Files written as pieces of a draft that no draft includes [^kr7i]: in a workspace where drafts include
 * specs, a spec with no scope of its own that uses kramdown-rfc cross-references (`{{anchor}}`) is a piece of a draft
 * (an older copy, a section not included now). kramdown-rfc never reads it with any other file: a document of its own.
 */
export function orphanFragmentScopes(
  specFiles: readonly string[],
  specs: ReadonlyMap<string, { format: SpecFormat; xrefs?: true }>,
  config: ClarifierConfig,
  included: ReadonlyMap<string, string>,
): Map<string, Scope> {
  const out = new Map<string, Scope>();
  if (included.size === 0) return out;
  for (const file of specFiles) {
    const facts = specs.get(file)!;
    if (!facts.xrefs || included.has(file) || overrideOf(config, file) !== undefined) continue;
    if (scopeOf(file, facts.format, config).kind === 'workspace') out.set(file, scope('document', file));
  }
  return out;
}

/** `name:id` split at its first `:` (a scope-qualified citation), when both parts are there. */
export function splitQualified(id: string): { name: string; id: string } | undefined {
  const at = id.indexOf(':');
  if (at <= 0 || at === id.length - 1) return undefined;
  return { name: id.slice(0, at), id: id.slice(at + 1) };
}

export function describeScope(s: Scope): string {
  return s.kind === 'workspace' ? 'workspace' : `${s.kind} ${s.path} (cite as \`[^${s.name}:id]\`)`;
}
