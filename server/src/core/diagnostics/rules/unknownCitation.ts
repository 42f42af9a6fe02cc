import type { ClarifierConfig } from '../../workspace/config';
import type { IndexModel } from '../../workspace/workspaceIndex';
import type { Diagnostic } from '../../types';
import { collect, type Scope } from '../rule';
import { MAX_LISTED_DUPLICATES, SUGGESTION_BUDGET, suggestionFor } from '../suggestions';

/**
 * citation.unknown-id: a citation `[^id]` in code or tests that names no clause (with the closest id when it is a
 * plausible typo); citation.ambiguous-id: one whose id several scopes declare, none of them the workspace [^sc5p].
 */
export function unknownCitations(model: IndexModel, config: ClarifierConfig, scope: Scope): Diagnostic[] {
  const { out, add } = collect(config);
  // A folder where no spec declares any clause has nothing a citation could name: what reads as one there is footnote
  // syntax quoted in comments (a Markdown parser's comments on how it parses footnote definitions and references,
  // foambubble/foam: six false errors, tr35), not citations of specs it lacks. Nothing is reported; the text output's summary says the citations
  // went unchecked and why (`format/text.ts`), where a misplaced `include` would otherwise hide every spec [^dg9n].
  if (model.clausesById.size === 0) return out;
  const only = scope.only;
  const suggestions = new Map<string, string | undefined>();
  const suggestIn = new Map<string, boolean>();
  for (const citation of only === undefined ? model.citations : (model.code.get(only)?.citations ?? [])) {
    if (model.citationTarget(citation.id)) continue;
    if (model.clausesById.has(citation.id)) {
      // Several scopes declare the id and none is the workspace: the citation must name one [^sc5p].
      const scopes = model.scopesOf(citation.id).filter((s) => s.kind !== 'workspace');
      const forms = scopes.slice(0, MAX_LISTED_DUPLICATES).map((s) => `\`[^${s.name}:${citation.id}]\``);
      add({
        code: 'citation.ambiguous-id',
        file: citation.file,
        range: citation.idRange,
        message: `Clause id \`${citation.id}\` is declared in ${scopes.length} scopes; name one: ${forms.join(', ')}${scopes.length > forms.length ? ', …' : ''}.`,
        data: { id: citation.id, choices: scopes.map((s) => `${s.name}:${citation.id}`) },
      });
      continue;
    }
    // A one-character id no spec declares is a regular expression's class in a comment (a glob's `[!a]` written as
    // its negated class), not a citation: no clause id is that short.
    if (citation.id.length === 1) continue;
    // A footnote its comment block defines and refers to (rustdoc's `/// text[^x]` with `/// [^x]: note`) names no
    // clause: the comment's own note, not a citation of a spec.
    if (citation.footnote) continue;
    let allowed = suggestIn.get(citation.file);
    if (allowed === undefined) {
      // The known ids are counted, not listed: the list is made only for a suggestion not memoized yet.
      const unknown = new Set((model.code.get(citation.file)?.citations ?? []).filter((c) => !c.footnote && !model.citationTarget(c.id)).map((c) => c.id));
      suggestIn.set(citation.file, (allowed = unknown.size * model.clausesById.size <= SUGGESTION_BUDGET));
    }
    if (allowed && !suggestions.has(citation.id)) suggestions.set(citation.id, suggestionFor(model, citation.id));
    const suggestion = allowed ? suggestions.get(citation.id) : undefined;
    add({
      code: 'citation.unknown-id',
      file: citation.file,
      range: citation.idRange,
      message: `Unknown clause id \`${citation.id}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ': no spec defines it.'}`,
      data: suggestion ? { id: citation.id, suggestion } : { id: citation.id },
    });
  }
  return out;
}
