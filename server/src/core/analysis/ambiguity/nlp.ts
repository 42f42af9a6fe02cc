import type winkNLP from 'wink-nlp';
import type model from 'wink-eng-lite-web-model';

/**
 * Part-of-speech tags for one sentence, from wink-nlp with its shipped English model (wink-eng-lite-web-model, MIT;
 * Universal Dependencies tags: ADJ, ADV, NOUN, PROPN, VERB, AUX, …). Pure: the model is JavaScript data bundled with
 * the package, nothing is downloaded or read at run time. [^am6c]
 *
 * Why wink-nlp: measured on the Model Spec (61,556 tokens) it tags ~100k tokens/s after warm-up on this project's
 * 2-core machine, and on the hand-written requirement sentences of test/fixtures/clarity it tags the words the pass
 * decides on as expected (evaluative adjectives before nouns and after "be", adverbs after verbs, "secure" as a verb
 * in "funds they secure", "Secure" as a proper noun in "the Secure attribute"). retext-pos (the unified family) wraps
 * the older `pos` Brill tagger (Penn tags, no sentence-level model) and needs an nlcst tree per document.
 *
 * Cost control: the model and the pipeline are loaded and built on first use (instantiation ~0.3–0.7 s; the model is
 * 3.9 MB of JavaScript data and ~57 MB of memory once built), and the pass only tags sentences that are requirements
 * and contain a candidate word, so prose without candidates costs nothing: `clarify --version`, `init`, the MCP and
 * language servers at start and a check with nothing to tag never load it [^big_documents].
 */

export interface Tagged {
  /** Offsets in the sentence text given to `tag`. */
  start: number;
  end: number;
  pos: string;
}

let pipeline: ReturnType<typeof winkNLP> | undefined;

function nlp(): ReturnType<typeof winkNLP> {
  if (!pipeline) {
    // Loaded on first use, not at import: a bundled, pure JavaScript module (no file or network IO), so the core stays
    // pure; a static import would evaluate the model in every process that bundles the core.
    /* eslint-disable no-restricted-globals, @typescript-eslint/no-require-imports -- the one deferred load in the core */
    const wink = require('wink-nlp') as typeof winkNLP;
    const english = require('wink-eng-lite-web-model') as typeof model;
    /* eslint-enable no-restricted-globals, @typescript-eslint/no-require-imports */
    pipeline = wink(english, ['pos']);
  }
  return pipeline;
}

/**
 * Loads the model and builds the pipeline now, if not done yet: the language server does it once a spec is open, after
 * an answer, so the first edit that needs a tag does not wait for it. Returns whether it was loaded now.
 */
export function loadTagger(): boolean {
  if (pipeline) return false;
  nlp();
  return true;
}

/** Tags a sentence. Tokens wink splits differently from the source are aligned by searching their text in order. */
export function tag(sentence: string): Tagged[] {
  const p = nlp();
  const doc = p.readDoc(sentence);
  const values = doc.tokens().out();
  const tags = doc.tokens().out(p.its.pos) as string[];
  const out: Tagged[] = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const found = sentence.indexOf(v, at);
    // A token far ahead is another occurrence of its text, unless only blanks lie between: a code span the prose masks
    // with spaces ("benchmark of `…` in a large cluster"). Skipping those left every later word of the window untagged.
    if (found < 0 || (found - at > 40 && sentence.slice(at, found).trim() !== '')) continue;
    out.push({ start: found, end: found + v.length, pos: tags[i] ?? 'X' });
    at = found + v.length;
  }
  return out;
}

export interface Lemma {
  lemma: string;
  /** A noun or proper noun: an entity the text is about. */
  noun: boolean;
}

/**
 * The content words of a text as lower-case lemmas (wink-nlp), in order: words of three letters or more that are not
 * stop words; numbers, punctuation and symbols left out. Used to compare clauses by what they are about.
 */
export function contentLemmas(text: string): Lemma[] {
  const p = nlp();
  const doc = p.readDoc(text);
  // The typings of `its.lemma` (it takes the model's add-ons) do not fit `out`; it is a token its function all the same.
  const lemmas = doc.tokens().out(p.its.lemma as unknown as typeof p.its.value) as string[];
  const pos = doc.tokens().out(p.its.pos) as string[];
  const types = doc.tokens().out(p.its.type) as string[];
  const stop = doc.tokens().out(p.its.stopWordFlag) as unknown as boolean[];
  const out: Lemma[] = [];
  for (let i = 0; i < lemmas.length; i++) {
    if (types[i] !== 'word' || stop[i]) continue;
    const lemma = (lemmas[i] ?? '').toLowerCase();
    if (lemma.length < 3 || !/^[a-z][a-z'-]*$/.test(lemma)) continue;
    out.push({ lemma, noun: pos[i] === 'NOUN' || pos[i] === 'PROPN' });
  }
  return out;
}
