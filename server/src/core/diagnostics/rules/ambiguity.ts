import type { ClarifierConfig } from '../../workspace/config';
import type { AmbiguityHit, IndexModel } from '../../workspace/workspaceIndex';
import type { Diagnostic } from '../../types';
import { collect, type Scope } from '../rule';
import { OFF } from '../severity';

/** Ambiguity diagnostics by hit object, per configuration. */
const ambiguityMemo = new WeakMap<ClarifierConfig, WeakMap<AmbiguityHit, { file: string; diagnostic: Diagnostic }>>();

/**
 * ambiguity.vague, .escape, .open-ended, .quantity, .comparative, .weak, .time, .open-question: the offline ambiguity
 * pass's findings in spec prose (core/analysis/ambiguity), each with its clarifying question [^ambiguity_lexicon], at
 * the severity the pass gives it unless the configuration sets one. One diagnostic object per hit object and
 * configuration: a hit is kept while its section stays put (see findAmbiguities), and so is its diagnostic.
 */
export function ambiguities(model: IndexModel, config: ClarifierConfig, scope: Scope): Diagnostic[] {
  const { out, add } = collect(config);
  for (const file of scope.specFiles) {
    let memo = ambiguityMemo.get(config);
    if (!memo) ambiguityMemo.set(config, (memo = new WeakMap()));
    for (const hit of model.ambiguitiesOf(file)) {
      // One diagnostic per hit object and configuration (a hit is kept while its section stays put: see findAmbiguities).
      const known = memo.get(hit);
      if (known?.file === file) {
        if (known.diagnostic !== OFF) out.push(known.diagnostic);
        continue;
      }
      const made = add(
        {
          code: `ambiguity.${hit.category}`,
          file,
          range: hit.range,
          // The reason (why it fired) is shown with the question in the hover [^am6c].
          message: `“${hit.phrase.replace(/\s+/g, ' ')}”: ${hit.question}${hit.reason ? ` (${hit.category}: ${hit.reason})` : ''}`,
          data: {
            term: hit.term,
            ...(hit.reason !== undefined ? { reason: hit.reason } : {}),
            phrase: hit.phrase,
            question: hit.question,
            category: hit.category,
            ...(hit.clauseId !== undefined ? { clauseId: hit.clauseId } : {}),
            ...(hit.suggestion !== undefined ? { suggestion: hit.suggestion } : {}),
          },
        },
        hit.severity,
      );
      memo.set(hit, { file, diagnostic: made ?? OFF });
    }
  }
  return out;
}
