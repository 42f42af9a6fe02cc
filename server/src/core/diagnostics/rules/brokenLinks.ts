import type { ClarifierConfig } from '../../workspace/config';
import type { IndexModel } from '../../workspace/workspaceIndex';
import type { Diagnostic } from '../../types';
import { collect, type Scope } from '../rule';
import { SUGGESTION_BUDGET, suggestId } from '../suggestions';
import { dirname, invisibleCodePoints, relativePath, visibleAnchor, withoutInvisible } from '../../workspace/paths';

/**
 * link.broken-anchor: a link `[text](#anchor)`, `[text](file.md#anchor)`, `[text](file.md)` or `[text][label]` that
 * points at no heading, `{#id}`, file or definition [^ln2a]; a missing anchor gets the closest one of its file when it
 * is a plausible typo (within SUGGESTION_BUDGET per file).
 */
export function brokenLinks(model: IndexModel, config: ClarifierConfig, scope: Scope): Diagnostic[] {
  const { out, add } = collect(config);
  const anchorSuggestions = new Map<string, string | undefined>();
  const brokenLinks = model.brokenLinks(scope.only);
  const anchorWork = new Map<string, number>();
  for (const link of brokenLinks) if (link.reason === 'no-anchor') anchorWork.set(link.file, (anchorWork.get(link.file) ?? 0) + link.candidates.length);
  for (const link of brokenLinks) { // [^ln2a]
    let suggestion: string | undefined;
    if (link.reason === 'no-anchor' && anchorWork.get(link.file)! <= SUGGESTION_BUDGET) {
      const key = `${link.targetFile ?? link.file}\u0000${link.anchor}`;
      if (!anchorSuggestions.has(key)) anchorSuggestions.set(key, suggestId(link.anchor, link.candidates));
      suggestion = anchorSuggestions.get(key);
    }
    const where = link.targetFile ? ` in ${link.targetFile}` : '';
    add({
      code: 'link.broken-anchor',
      file: link.file,
      range: link.anchorRange,
      message:
        link.reason === 'no-definition'
          ? link.lookalikeLine !== undefined
            ? `Undefined link reference \`${link.url}\`: line ${link.lookalikeLine + 1} \`${link.url}: …\` is not a link definition (Markdown reads it as text): check its destination for a space or an unbalanced parenthesis, and that it does not continue a paragraph.`
            : `Undefined link reference \`${link.url}\`: no \`${link.url}: …\` definition in this file.`
          : link.reason === 'no-file'
          ? missingFile(link.file, link.url, link.targetFile!, config.linkedFolders, model.files)
          : `Broken link \`${link.url}\`: no heading or {#${link.anchor}}${where}${suggestion ? didYouMean(link.anchor, suggestion) : '.'}`,
      // The quick fix writes the suggestion as the message shows it: invisible characters percent-encoded.
      data: { anchor: link.anchor, ...(link.targetFile ? { targetFile: link.targetFile } : {}), ...(suggestion ? { suggestion: visibleAnchor(suggestion) } : {}) },
    });
  }
  return out;
}

/**
 * "; did you mean …?" for a missing anchor. An anchor with invisible characters (an emoji's variation selector U+FE0F
 * in "🏗️ Arquitetura") is shown with them percent-encoded, and named: printed as they are, `#-arquitetura` and the
 * heading's `#\u{FE0F}-arquitetura` read the same, and the suggestion looked like the broken link itself (a trust sweep:
 * a Portuguese README's table of contents).
 */
function didYouMean(anchor: string, suggestion: string): string {
  const invisible = invisibleCodePoints(suggestion);
  if (invisible.length === 0) return `; did you mean \`#${suggestion}\`?`;
  const named = invisible.join(', ');
  const only = withoutInvisible(suggestion) === withoutInvisible(anchor);
  return only
    ? `; the heading's anchor is \`#${visibleAnchor(suggestion)}\`, which keeps the invisible ${named} of its text (after an emoji, its variation selector): link to that, or delete the ${named} from the heading.`
    : `; did you mean \`#${visibleAnchor(suggestion)}\`? (${named}: an invisible character of the heading's text, kept in its anchor)`;
}

/**
 * The message of a link to a file that is not in the workspace. Through a symlink to a folder (which the walk does not
 * enter, and GitHub does not follow: the link is dead there), the symlink is named and the file's real path given when
 * it exists; the file may well be on disk, so "does not exist" would be wrong (a trust sweep: tag-app-delivery's `whitepaper/`).
 */
function missingFile(from: string, url: string, target: string, linked: Record<string, string> | undefined, files: ReadonlySet<string>): string {
  if (linked) {
    for (let at = target.indexOf('/'); at > 0; at = target.indexOf('/', at + 1)) {
      const folder = target.slice(0, at);
      const real = linked[folder];
      if (real !== undefined) {
        const file = `${real ? `${real}/` : ''}${target.slice(at + 1)}`;
        const there = files.has(file) ? `link to \`${relativePath(dirname(from), file)}\` instead` : `${file} does not exist either`;
        return `Broken link \`${url}\`: ${folder} is a symbolic link to the folder ${real || '.'}, which is not followed (GitHub does not follow it either); ${there}.`;
      }
    }
  }
  return `Broken link \`${url}\`: ${target} does not exist.`;
}
