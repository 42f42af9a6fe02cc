/**
 * Workspace paths are relative, `/`-separated, normalised (no `.`/`..` segments, no leading `/`).
 * These helpers are string-only so the core never touches the file system.
 */

export function dirname(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The innermost of `folders` (workspace-relative, `''` for the root) that holds `file`, or undefined: the site, vault or
 * project a page belongs to when such folders nest.
 */
export function innermostFolder(folders: readonly string[] | undefined, file: string): string | undefined {
  let best: string | undefined;
  for (const dir of folders ?? []) {
    if ((dir === '' || file.startsWith(`${dir}/`)) && (best === undefined || dir.length > best.length)) best = dir;
  }
  return best;
}

/**
 * Resolves `target` (relative, may contain `.`/`..`, `\`, a `./` prefix, %-escapes) against folder `from`.
 * Returns undefined when the result would leave the workspace or the target is absolute or a URL.
 */
export function resolveRelative(from: string, target: string): string | undefined {
  let t = target.trim();
  if (!t || /^[a-z][a-z0-9+.-]*:/i.test(t) || t.startsWith('/') || t.startsWith('\\') || t.startsWith('//')) return undefined;
  try {
    t = decodeURIComponent(t);
  } catch {
    // keep the raw target: a stray % is a literal character
  }
  const parts = from ? from.split('/') : [];
  for (const seg of t.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

/** Characters a reader cannot see: Unicode's default-ignorable code points (variation selectors, zero-width joiners and spaces, bidi marks, soft hyphens). */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * An anchor as a link may write it and a message may show it: its invisible characters percent-encoded. A heading
 * "🏗️ Arquitetura" has the anchor `\u{FE0F}-arquitetura` (the emoji's variation selector is kept, by github-slugger and
 * by GitHub), which prints exactly as the broken link `#-arquitetura`; `#%EF%B8%8F-arquitetura` shows the difference
 * and resolves the same (a fragment is percent-decoded).
 */
export function visibleAnchor(anchor: string): string {
  return anchor.replace(INVISIBLE, (c) => encodeURIComponent(c));
}

/** A text without its invisible characters. */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** The invisible characters of a text as code points (`U+FE0F`), each once, in order. */
export function invisibleCodePoints(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(INVISIBLE)) out.add(`U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return [...out];
}

/** True for relative targets that escape the workspace (`../../etc/passwd`) or are absolute paths. */
export function leavesWorkspace(from: string, target: string): boolean {
  const t = target.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(t)) return false; // a URL is not a path
  return resolveRelative(from, t) === undefined;
}

/** The relative path from a folder to a file, as a Markdown link writes it: `a/b` -> `a/c/x.md` = `c/x.md`; `a/b` -> `x.md` = `../../x.md`. */
export function relativePath(fromFolder: string, to: string): string {
  const from = fromFolder ? fromFolder.split('/') : [];
  const parts = to.split('/');
  let i = 0;
  while (i < from.length && i < parts.length - 1 && from[i] === parts[i]) i++;
  return [...Array(from.length - i).fill('..'), ...parts.slice(i)].join('/');
}
