import type { ClarifierConfig } from '../../workspace/config';
import type { IndexModel } from '../../workspace/workspaceIndex';
import type { Diagnostic } from '../../types';
import { collect, type Scope } from '../rule';
import { SUGGESTION_BUDGET, suggestId } from '../suggestions';

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
          ? `Broken link \`${link.url}\`: ${link.targetFile} does not exist.`
          : `Broken link \`${link.url}\`: no heading or {#${link.anchor}}${where}${suggestion ? `; did you mean \`#${suggestion}\`?` : '.'}`,
      data: { anchor: link.anchor, ...(link.targetFile ? { targetFile: link.targetFile } : {}), ...(suggestion ? { suggestion } : {}) },
    });
  }
  return out;
}
