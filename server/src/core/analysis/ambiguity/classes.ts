/**
 * Word classes of the ambiguity pass: which words judge quality, degree, extent, speed, frequency or recency (the
 * evaluative modifiers a reviewer asks to make measurable), which are explicitly NOT findings (focus words, discourse
 * and epistemic adverbs, intensifiers), and the common technical terms of art that contain such words. Pure data plus
 * the derivation of surface forms; the decisions live in analyze.ts. [^am6c]
 *
 * Sources (facts, not text; no file of these projects is copied):
 *  - the classes follow the semantic classes of gradable evaluative adjectives in the Cambridge Grammar of the English
 *    Language (Huddleston & Pullum 2002, ch. 6 "gradability") and INCOSE GtWR R7 "vague terms" (via
 *    github.com/tbhb/vale-requirements-writing, CC BY 4.0), NASA ARM "subjectivity" and "weak phrases" (via NALABS,
 *    MIT); the word lists are this project's own;
 *  - each term of art names the document that defines it.
 */

/**
 * What a word judges. The dimension decides which bound settles it (a time unit settles `speed` and `frequency`, a
 * count settles `quantity`, a size with a unit settles `size`, a named standard or algorithm settles `security`) and
 * which question is asked. `quality` is settled by no number: only by a stated test.
 */
export type Dimension = 'quality' | 'degree' | 'size' | 'quantity' | 'speed' | 'frequency' | 'recency' | 'security';

/** Base adjectives by dimension; adverbs, nouns, comparatives and negated forms are derived (see `CLASS_WORDS`). */
const BASE: Record<Dimension, string[]> = {
  quality: [
    'good', 'nice', 'helpful', 'useful', 'clear', 'concise', 'succinct', 'lucid', 'readable', 'understandable', 'meaningful',
    'friendly', 'user-friendly', 'intuitive', 'easy', 'simple', 'straightforward', 'convenient', 'clean', 'elegant', 'polished',
    'appropriate', 'suitable', 'adequate', 'reasonable', 'sensible', 'acceptable', 'accurate',
    'informative', 'detailed', 'thorough', 'comprehensive', 'robust', 'reliable', 'resilient', 'efficient',
    'effective', 'optimal', 'smooth', 'seamless', 'graceful', 'careful', 'judicious', 'proportionate', 'well-organized',
    'well-organised', 'well-structured', 'well-written', 'well-designed', 'sufficient', 'plain', 'weak', 'maintainable',
    'scalable', 'portable', 'flexible', 'performant', 'responsible', 'fair', 'polite', 'respectful', 'engaging', 'natural',
    'coherent', 'attractive', 'pleasant', 'satisfactory', 'decent', 'solid', 'suspicious', 'high-quality',
    'legible', 'tidy', 'compact', 'lightweight', 'transparent', 'predictable', 'actionable', 'preachy',
    // Sixteenth round: the appeal of content ("a compelling headline", "impactful copy").
    'compelling', 'impactful', 'persuasive',
    // Twenty-first round: usable by people with disabilities ("Accessible messaging and forms"): to what standard and
    // level (WCAG 2.2 AA)? Reachable ("accessible via HTTPS", "remain accessible"): not asked (SENSE_WITH_COMPLEMENT,
    // analyze.ts `otherSense`).
    'accessible',
    // Fortieth round (paraphrases of findings the pass makes): "act cautiously" beside "act carefully", "without
    // effort" beside "easily".
    'cautious', 'effortless',
    // Fifty-second round (recall read on fresh specs): easy to handle or take in, beside "easy" and "convenient" ("a
    // manageable list of words", "split large documents into manageable chunks", "digestible summaries").
    'manageable', 'digestible', 'approachable',
    // Fifty-fourth round (set 7's tune half: "SHALL apply a single cohesive design system"): unity of parts, beside
    // "coherent" and "harmonious": what must agree for it to count as cohesive?
    'cohesive',
    // Fifty-fifth round (fresh EARS requirements: "THE System SHALL raise a descriptive error"): what a message must
    // say, beside "informative" and "meaningful". Its classifying sense ("descriptive statistics", "descriptive
    // metadata") is a term of art (TERMS_OF_ART).
    'descriptive',
  ],
  degree: [
    'significant', 'substantial', 'considerable', 'noticeable', 'minor', 'major', 'severe', 'serious', 'trivial', 'negligible',
    'moderate', 'slight', 'marginal', 'consequential', 'disruptive', 'extreme', 'intense', 'dramatic', 'typical', 'usual',
    'ordinary', 'unnecessary', 'unreasonable', 'undue', 'excessive', 'unusual', 'abnormal', 'gratuitous',
    // Twenty-seventh round: "display key metrics", "identify key differentiators": which ones count as key? Only before
    // a noun of selected content (`KEY_SELECTION_NOUNS`); "API key", "key rotation", "foreign key columns" are keys.
    'key',
    // Fifty-second round: how far a behaviour leans to caution or risk ("conservative rest period recommendations",
    // "aggressive retries"): which values? A number or comparison answers it, as for the other degree words
    // ("conservative (10% below average)").
    'conservative', 'aggressive',
    // Fifty-eighth round (set 8's tune half: "updates in real-time with no perceptible lag"): beside "noticeable", by
    // whom and from what threshold?
    'perceptible', 'imperceptible',
  ],
  size: [
    'large', 'small', 'big', 'huge', 'tiny', 'long', 'short', 'high', 'low', 'heavy', 
    'massive', 'minimal', 'maximal', 'extensive', 'brief', 'lengthy', 'bulky', 'sizable', 'sizeable',
    // Fortieth round: "in modest batches" beside "in small batches"; "long-winded" beside "brief".
    'modest', 'long-winded', 'wordy',
  ],
  quantity: ['many', 'few', 'numerous', 'several', 'various', 'countless'],
  speed: [
    'quick', 'fast', 'slow', 'prompt', 'timely', 'responsive', 'rapid', 'swift', 'snappy', 'immediate', 'instant', 'instantaneous',
    'early', 'speedy', 'sluggish', 'gradual',
  ],
  frequency: ['frequent', 'regular', 'periodic', 'occasional', 'rare', 'infrequent', 'sporadic'],
  recency: ['recent', 'fresh', 'stale', 'up-to-date', 'outdated'],
  security: ['secure', 'safe', 'unsafe', 'insecure', 'trustworthy'],
};

/**
 * Fifteenth round: adjectives of look and feel ("soft warm tones", "premium serif fonts", "refined margins", "a modern
 * design", "subtle animations"). They judge a design only where they modify a noun of visual design (`DESIGN_NOUNS`);
 * elsewhere most have an exact sense ("warm cache", "soft delete", "premium plan", "modern browsers" aside), so they
 * are findings only there (analyze.ts `designModifier`). Words with a technical sense in design itself ("fluid
 * typography", "bold" weights, "rich text") are not listed.
 */
export const DESIGN_WORDS: ReadonlySet<string> = new Set([
  'soft', 'warm', 'premium', 'refined', 'sleek', 'modern', 'beautiful', 'stylish', 'crisp', 'vibrant', 'subtle', 'minimalist',
  'airy', 'luxurious', 'harmonious', 'spacious', 'gorgeous', 'striking', 'eye-catching', 'delightful', 'cozy', 'playful',
]);

/**
 * Twenty-seventh round: nouns of a selection of content that "key" grades ("display key metrics", "highlight key points",
 * "examples for key patterns"): which ones count? Plurals (and "information"): a selection. Elsewhere "key" names a key
 * (a cryptographic, database or keyboard one: "API key", "key policies", "foreign key relationships", "key bindings",
 * "store data using key pattern `user:{id}`"), or one thing ("a key differentiator", "the next key idea"), so it is a
 * finding only before these.
 */
export const KEY_SELECTION_NOUNS: ReadonlySet<string> = new Set([
  'metrics', 'points', 'features', 'details', 'findings', 'insights', 'takeaways', 'themes', 'patterns', 'differentiators',
  'concepts', 'steps', 'changes', 'scores', 'information', 'milestones', 'decisions', 'areas', 'topics', 'moments',
  'messages', 'risks', 'benefits', 'facts', 'elements', 'actions', 'indicators', 'kpis', 'stats', 'statistics', 'figures',
  'highlights', 'ideas', 'terms', 'events', 'workflows', 'scenarios', 'pages', 'screens', 'sections', 'questions',
  'issues', 'trends', 'outcomes', 'results', 'capabilities', 'skills', 'dates', 'deadlines',
]);

/** Nouns of visual design that a look-and-feel adjective judges (`DESIGN_WORDS`). */
export const DESIGN_NOUNS: ReadonlySet<string> = new Set([
  'tone', 'tones', 'color', 'colors', 'colour', 'colours', 'palette', 'palettes', 'font', 'fonts', 'typeface', 'typefaces',
  'typography', 'layout', 'layouts', 'margin', 'margins', 'padding', 'spacing', 'background', 'backgrounds', 'style', 'styles',
  'styling', 'corner', 'corners', 'curve', 'curves', 'animation', 'animations', 'transition', 'transitions', 'shadow', 'shadows',
  'gradient', 'gradients', 'border', 'borders', 'theme', 'themes', 'look', 'aesthetic', 'aesthetics', 'design', 'designs', 'ui',
  'interface', 'interfaces', 'visuals', 'icon', 'icons', 'illustration', 'illustrations', 'imagery', 'motion', 'accent',
  'accents', 'appearance', 'glow', 'outline', 'outlines', 'radius', 'radii', 'hover', 'feel',
]);

/**
 * Adverbs and phrases of frequency and time that are findings on their own (no adjective to derive from), and words
 * that are evaluative only in some classes. `often` etc. come from the lexicon (they carry their own questions).
 */
const EXTRA: [string, Dimension][] = [
  ['sometimes', 'frequency'], ['often', 'frequency'], ['seldom', 'frequency'], ['soon', 'speed'], ['shortly', 'speed'],
  ['eventually', 'speed'], ['nicely', 'quality'], ['well', 'quality'], ['badly', 'quality'], ['poorly', 'quality'],
  // Twenty-seventh round: "a summary that is continuously updated", "constantly polls the queue": how often (every
  // change, every 5 s)? Only the adverbs: the adjective names practices and kinds ("continuous integration", "continuous
  // scrolling", "constant time").
  ['continuously', 'frequency'], ['constantly', 'frequency'],
  // Fortieth round: "routinely check" beside "regularly check".
  ['routinely', 'frequency'],
];

/** Words derived from the bases that are not English (or mean something else) and must not be generated. */
const NOT_FORMS = new Set(['keyly', 'keier', 'keiest', 'shortly', 'lowly', 'lately', 'hardly', 'newly', 'oldly', 'currently', 'lightly', 'highly', 'plainly', 'fairly', 'naturally', 'presently', 'largely', 'instantly', 'finely', 'surely', 'nearly']);

/** The adverb of an adjective: quick -> quickly, easy -> easily, gentle -> gently, basic -> basically, full -> fully. */
function adverb(adj: string): string[] {
  if (adj.includes('-')) return [];
  if (adj.endsWith('ly')) return [];
  if (adj.endsWith('y') && !adj.endsWith('ey')) return [`${adj.slice(0, -1)}ily`];
  if (adj.endsWith('le') && adj.length > 4) return [`${adj.slice(0, -1)}y`];
  if (adj.endsWith('ic')) return [`${adj}ally`];
  if (adj.endsWith('ll')) return [`${adj}y`];
  if (adj.endsWith('ue')) return [`${adj.slice(0, -1)}ly`];
  return [`${adj}ly`];
}

/** Comparative and superlative forms of short adjectives: fast -> faster, fastest; large -> larger; big -> bigger. */
function comparatives(adj: string): string[] {
  if (adj.includes('-') || adj.length > 7 || /(?:ful|ous|ive|ent|ant|ic|al|ible|able|ed|ing)$/.test(adj)) return [];
  if (adj.endsWith('e')) return [`${adj}r`, `${adj}st`];
  if (adj.endsWith('y')) return [`${adj.slice(0, -1)}ier`, `${adj.slice(0, -1)}iest`];
  if (/^[^aeiou]*[aeiou][bdgmnpt]$/.test(adj)) return [`${adj}${adj.at(-1)}er`, `${adj}${adj.at(-1)}est`];
  return [`${adj}er`, `${adj}est`];
}

export interface ClassWord {
  /** The base adjective (the finding's term, used by ignoreTerms/termSeverity). */
  base: string;
  dimension: Dimension;
  /** How the surface form is used: the adjective, its adverb, a noun, or a comparative/superlative. */
  form: 'adj' | 'adv' | 'noun' | 'comparative' | 'superlative';
}

/** Surface form (lowercase) -> its class. Built once. */
export const CLASS_WORDS: ReadonlyMap<string, ClassWord> = (() => {
  const map = new Map<string, ClassWord>();
  const put = (w: string, c: ClassWord): void => {
    if (!map.has(w) && !NOT_FORMS.has(w)) map.set(w, c);
  };
  for (const [dimension, words] of Object.entries(BASE) as [Dimension, string[]][]) {
    for (const base of words) put(base, { base, dimension, form: 'adj' });
  }
  // Look-and-feel adjectives: the adjective only (and its comparative, "a warmer palette"); no adverb or noun.
  for (const base of DESIGN_WORDS) {
    put(base, { base, dimension: 'quality', form: 'adj' });
    const [comparative] = comparatives(base);
    if (comparative) put(comparative, { base, dimension: 'quality', form: 'comparative' });
  }
  for (const [dimension, words] of Object.entries(BASE) as [Dimension, string[]][]) {
    for (const base of words) {
      for (const f of adverb(base)) put(f, { base, dimension, form: 'adv' });
      const [comparative, superlative] = comparatives(base);
      if (comparative) put(comparative, { base, dimension, form: 'comparative' });
      if (superlative) put(superlative, { base, dimension, form: 'superlative' });
    }
  }
  for (const [w, dimension] of EXTRA) put(w, { base: w, dimension, form: 'adv' });
  // Irregular forms.
  put('better', { base: 'good', dimension: 'quality', form: 'comparative' });
  put('worse', { base: 'bad', dimension: 'quality', form: 'comparative' });
  put('security', { base: 'secure', dimension: 'security', form: 'noun' });
  put('safety', { base: 'safe', dimension: 'security', form: 'noun' });
  put('simplicity', { base: 'simple', dimension: 'quality', form: 'noun' });
  put('clarity', { base: 'clear', dimension: 'quality', form: 'noun' });
  put('brevity', { base: 'brief', dimension: 'size', form: 'noun' });
  put('usability', { base: 'usable', dimension: 'quality', form: 'noun' });
  // Quality nouns a requirement asks for ("robustness", "scalability"): only these; most -ness/-ity nouns name a topic.
  for (const [noun, base] of [['robustness', 'robust'], ['scalability', 'scalable'], ['reliability', 'reliable'], ['maintainability', 'maintainable'], ['portability', 'portable'], ['flexibility', 'flexible'], ['timeliness', 'timely'], ['responsiveness', 'responsive'], ['readability', 'readable'], ['conciseness', 'concise'], ['thoroughness', 'thorough']] as const) {
    put(noun, { base, dimension: base === 'timely' || base === 'responsive' ? 'speed' : 'quality', form: 'noun' });
  }
  return map;
})();

/**
 * Adjectives of fitness for a purpose: "appropriate", "suitable", "adequate" ask "for what, judged how?". In a hyphenated
 * compound the first part names the purpose but not the test: "environment-appropriate thresholds",
 * "context-suitable defaults", "production-acceptable latency" are as open as the adjective alone.
 */
const FITNESS = new Set(['appropriate', 'suitable', 'adequate', 'acceptable', 'reasonable', 'sensible', 'proportionate']);

/** Words in "-ing" after a hyphen that are nouns or name a kind, not an action graded ("clean-string", "fast-path"). */
const PARTICIPLE_NOT = new Set(['thing', 'things', 'string', 'strings', 'spring', 'king', 'ring', 'wing', 'ceiling', 'evening', 'morning', 'warning', 'sharing']);

/** Participles of appearance or motion a quality adjective grades: "good-looking", "natural-sounding", "smooth-scrolling". */
const QUALITY_PARTICIPLES = new Set(['looking', 'sounding', 'feeling', 'scrolling', 'flowing']);

/** First parts whose compound names a technique, not a speed or quality: "prompt-caching", "instant-messaging". */
const PARTICIPLE_HEAD_NOT = new Set(['prompt', 'instant', 'early']);

/** Nouns of worth a "high-"/"low-" compound grades: "high-value", "high-impact", "low-value". */
const WORTH_NOUNS = new Set(['value', 'impact', 'performance', 'fidelity']);

/**
 * The class of a hyphenated compound "X-appropriate" / "X-appropriately" whose last part is an adjective of fitness
 * (or its adverb); undefined for any other compound ("thread-safe", "type-safe" and "long-running" are precise).
 */
export function compoundClassWord(norm: string): ClassWord | undefined {
  const dash = norm.lastIndexOf('-');
  if (dash <= 0 || dash === norm.length - 1) return undefined;
  // Fifteenth round: "soft-rounded corners", "warm-toned backgrounds": a look-and-feel adjective first judges as much as
  // alone (still only before a noun of design); "high-readability fonts": a level of a quality noun is the quality.
  const first = norm.slice(0, norm.indexOf('-'));
  if (DESIGN_WORDS.has(first) && /^[a-z]+-[a-z]+$/.test(norm)) return { base: first, dimension: 'quality', form: 'adj' };
  const quality = CLASS_WORDS.get(norm.slice(dash + 1));
  if (/^(?:high|good|great)$/.test(first) && quality?.form === 'noun' && quality.dimension === 'quality' && norm.indexOf('-') === dash) return { ...quality, form: 'adj' };
  // Seventeenth round: "prioritize high-value documentation", "high-impact changes": a level of worth is judged (both
  // reviewers of set 5 marked "high-value documentation"); the nouns alone name no quality ("the value of the field").
  if (/^(?:high|low)$/.test(first) && WORTH_NOUNS.has(norm.slice(dash + 1)) && norm.indexOf('-') === dash) return { base: norm, dimension: 'quality', form: 'adj' };
  // Fifty-fourth round (set 7's tune half: "I want fast-loading web pages"): a speed adjective joined to a present
  // participle judges that action as the adjective alone would ("fast-loading", "slow-loading", "quick-starting"). Size words stay out ("long-running", "long-lasting" name a kind of job; a
  // lifetime is the lexicon's), as do the comparative and superlative forms and compounds of more than two parts.
  const head = CLASS_WORDS.get(first);
  const second = norm.slice(dash + 1);
  // A quality adjective only before a participle of appearance or motion ("good-looking", "smooth-scrolling"): with
  // another it names a thing ("the efficient-testing steering file", read on the 79 labeled repositories).
  if (head && head.form === 'adj' && norm.indexOf('-') === dash && /^[a-z]{3,}ing$/.test(second) && !PARTICIPLE_NOT.has(second) && !PARTICIPLE_HEAD_NOT.has(first)) {
    if (head.dimension === 'speed' || (head.dimension === 'quality' && QUALITY_PARTICIPLES.has(second))) return head;
  }
  const last = CLASS_WORDS.get(norm.slice(dash + 1));
  if (!last || !FITNESS.has(last.base) || (last.form !== 'adj' && last.form !== 'adv')) return undefined;
  return last;
}

/**
 * Nouns whose class use is rarely a requirement of degree: "security" and "safety" name fields, teams and sections
 * ("security considerations", "safety policy"); only their adjectives and adverbs are findings.
 */
export const NOUNS_NOT_FLAGGED = new Set(['security', 'safety', 'clarity', 'newness', 'oldness', 'lowness', 'highness', 'lightness', 'currentness']);

/**
 * Pairs of opposite gradable adjectives (by base). Two opposite comparatives in one passage order two cases relative to
 * each other ("longer answers for complex topics … shorter answers for a simple question"): each is the other's
 * reference, so neither is a comparison with no reference.
 */
export const OPPOSITES: ReadonlyMap<string, readonly string[]> = (() => {
  const pairs: [string, string][] = [
    ['long', 'short'], ['large', 'small'], ['big', 'small'], ['high', 'low'], ['fast', 'slow'], ['quick', 'slow'],
    ['early', 'late'], ['frequent', 'rare'], ['many', 'few'], ['heavy', 'light'], ['detailed', 'brief'], ['extensive', 'brief'],
    ['recent', 'old'], ['fresh', 'stale'], ['strict', 'lenient'], ['conservative', 'aggressive'],
  ];
  const map = new Map<string, string[]>();
  for (const [a, b] of pairs) {
    map.set(a, [...(map.get(a) ?? []), b]);
    map.set(b, [...(map.get(b) ?? []), a]);
  }
  return map;
})();

/**
 * Class words whose sense changes with a complement: "responsive to shifts in subject matter" means reacting to them,
 * not fast; "transparent about where it is speculating" means saying so. The word is a finding only without that
 * complement.
 */
export const SENSE_WITH_COMPLEMENT: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['responsive', new Set(['to'])],
  ['transparent', new Set(['about'])],
  // "the container responsible for processing transactions": the one whose job it is, not a quality.
  // Forty-ninth round: "the responsible person SHALL be notified", "the responsible team": the one in charge, a role.
  // "responsible use of data" and "responsible AI" still ask.
  ['responsible', new Set(['for', 'person', 'persons', 'people', 'party', 'parties', 'team', 'teams', 'owner', 'owners', 'individual', 'individuals', 'department', 'staff', 'officer', 'engineer', 'engineers', 'admin', 'administrator', 'manager', 'operator', 'user'])],
  // Fifteenth round: "backup files must be readable only by root": a file permission (read access), not legibility.
  ['readable', new Set(['only'])],
  // Thirty-first round: "an opaque string meaningful only to the server": interpretable by that party alone, not a quality.
  // "messages meaningful to the user" (no "only") still asks.
  ['meaningful', new Set(['only'])],
  // "the criteria detailed in {{buckets}}", "the steps detailed below": the participle of "detail" (described there).
  ['detailed', new Set(['in', 'below', 'above', 'under', 'by'])],
  // "accessible to admins", "accessible via the API", "accessible only by root", "accessible without re-login": reachable.
  // Twenty-second round: "dismisses the dialog without engaging with the prompt": interacting with it, a verb.
  ['engaging', new Set(['with', 'in'])],
  ['accessible', new Set(['to', 'from', 'via', 'by', 'through', 'over', 'at', 'in', 'on', 'only', 'without', 'within', 'outside', 'across', 'for', 'under', 'with', 'after', 'once', 'when', 'while', 'using', 'as', 'again', 'anywhere', 'everywhere', 'remotely', 'externally', 'publicly', 'directly', 'offline', 'online'])],
]);

/**
 * Degree words that make any adjective after them a finding, listed or not: "too verbose", "overly cautious",
 * "sufficiently large", "excessively long".
 */
export const DEGREE_MODIFIERS = new Set(['too', 'overly', 'excessively', 'sufficiently', 'unduly', 'insufficiently', 'reasonably', 'adequately', 'suitably', 'appropriately']);

/** Nouns of amount: "a large number of", "a small fraction of", "an excessive amount of". */
export const AMOUNT_NOUNS = new Set(['number', 'amount', 'fraction', 'portion', 'share', 'proportion', 'percentage', 'quantity', 'count', 'volume', 'majority', 'minority', 'handful', 'deal']);

/**
 * Words that are never findings although they look like degree words: focus words ("only", "just"), discourse and
 * epistemic adverbs ("clearly, …", "obviously", "likely"), intensifiers ("very", "really": the word they modify is
 * judged instead).
 */
export const NEVER_FLAGGED = new Set([
  'only', 'just', 'even', 'also', 'still', 'already', 'very', 'really', 'quite', 'rather', 'highly', 'extremely', 'fairly',
  'clearly', 'obviously', 'likely', 'unlikely', 'probably', 'possibly', 'certainly', 'apparently', 'evidently', 'however',
  'therefore', 'thus', 'indeed', 'ideally', 'newly', 'currently', 'recently', 'previously', 'finally', 'initially',
  'explicitly', 'implicitly', 'directly', 'strictly', 'exactly', 'precisely', 'correctly', 'completely', 'fully',
  'naturally', 'especially', 'particularly', 'largely', 'mostly', 'lately', 'earlier', 'later', 'well', 'simply', 'merely',
  'higher', 'lower', 'highest', 'lowest', 'best', 'worst', 'strong', 'strongly',
]);

/**
 * Common technical terms of art that contain a class word: they have a precise meaning in their field, so they are
 * never findings. Each names where it is defined.
 */
export const TERMS_OF_ART: readonly (readonly [term: string, source: string])[] = [
  ['slow start', 'RFC 5681 §3.1 (TCP congestion control)'],
  ['proper noun', 'grammar (a name)'],
  ['proper nouns', 'grammar (a name)'],
  ['proper name', 'grammar (a name)'],
  ['proper names', 'grammar (a name)'],
  ['proper subset', 'set theory'],
  ['descriptive statistics', 'statistics (summaries of a sample)'],
  ['descriptive metadata', 'metadata standards (resource description, e.g. Dublin Core)'],
  ['proper superset', 'set theory'],
  ['proper prefix', 'formal languages (a prefix shorter than the string)'],
  ['proper suffix', 'formal languages'],
  ['proper fraction', 'arithmetic'],
  ['regular expression', 'POSIX.1-2017 Base Definitions ch. 9 (Regular Expressions)'],
  ['regular expressions', 'POSIX.1-2017 Base Definitions ch. 9'],
  ['regular file', 'POSIX.1-2017 Base Definitions §3.323 (Regular File)'],
  ['regular files', 'POSIX.1-2017 Base Definitions §3.323'],
  ['regular language', 'formal languages (recognised by a finite automaton)'],
  ['regular user', 'access control: an account without administrative rights (a role, as opposed to an administrator)'],
  ['regular users', 'access control: accounts without administrative rights'],
  ['slow-start', 'RFC 5681 §3.1'],
  ['fast retransmit', 'RFC 5681 §3.2'],
  ['fast recovery', 'RFC 5681 §3.2'],
  ['quick start', 'RFC 4782 (Quick-Start for TCP and IP)'],
  ['significant figures', 'arithmetic / metrology (ISO 80000-1 Annex B: rounding to n significant digits)'],
  ['significant digits', 'arithmetic / metrology (ISO 80000-1 Annex B)'],
  ['most significant bit', 'RFC 1700 / RFC 791 Appendix B (bit order)'],
  ['most significant byte', 'RFC 791 Appendix B'],
  ['least significant bit', 'RFC 791 Appendix B'],
  ['least significant byte', 'RFC 791 Appendix B'],
  ['most significant', 'RFC 791 Appendix B'],
  ['least significant', 'RFC 791 Appendix B'],
  ['forward secrecy', 'RFC 4949 (Internet Security Glossary, "perfect forward secrecy")'],
  ['perfect forward secrecy', 'RFC 4949'],
  ['safe area', 'CSS Environment Variables Level 1, safe-area-inset-* (the part of a display no notch or rounded corner covers)'],
  ['safe areas', 'CSS Environment Variables Level 1, safe-area-inset-*'],
  ['secure origin', 'W3C Secure Contexts §3'],
  ['secure origins', 'W3C Secure Contexts §3'],
  ['secure context', 'W3C Secure Contexts'],
  ['secure contexts', 'W3C Secure Contexts'],
  ['secure channel', 'RFC 4949'],
  ['secure shell', 'RFC 4251 (SSH)'],
  ['secure boot', 'UEFI Specification §32'],
  ['secure enclave', 'Apple Platform Security Guide'],
  ['secure attribute', 'RFC 6265 §4.1.2.5 (cookies)'],
  ['secure flag', 'RFC 6265 §4.1.2.5'],
  ['safe method', 'RFC 9110 §9.2.1'],
  ['graceful close', 'RFC 9293 §3.6 (TCP: closing with FIN, as opposed to a reset)'],
  ['closed gracefully', 'RFC 9293 §3.6'],
  ['close gracefully', 'RFC 9293 §3.6'],
  ['closes gracefully', 'RFC 9293 §3.6'],
  ['safe methods', 'RFC 9110 §9.2.1'],
  ['safe method', 'RFC 9110 §9.2.1'],
  ['unsafe methods', 'RFC 9110 §9.2.1 (a method that is not safe)'],
  ['unsafe method', 'RFC 9110 §9.2.1'],
  ['early data', 'RFC 8446 §4.2.10 (TLS 1.3 0-RTT)'],
  ['early hints', 'RFC 8297'],
  ['smoothed rtt', 'RFC 6298 / RFC 9002 §5.3'],
  ['long header', 'RFC 9000 §17.2'],
  ['short header', 'RFC 9000 §17.3'],
  ['fresh response', 'RFC 9111 §4.2'],
  ['stale response', 'RFC 9111 §4.2.4'],
  ['stale responses', 'RFC 9111 §4.2.4'],
  ['long polling', 'RFC 6202 §2 (HTTP long polling)'],
  ['huge pages', 'Linux kernel HugeTLB pages (Documentation/admin-guide/mm/hugetlbpage.rst); Kubernetes hugepages-<size> resources'],
  ['huge page', 'Linux kernel HugeTLB pages'],
  ['normal text', 'WCAG 2.2 SC 1.4.3 (contrast for normal and large text)'],
  ['key performance indicator', 'management: a KPI, a named measure of performance (the measure itself is the thing to name)'],
  ['key performance indicators', 'management: KPIs'],
  ['large text', 'WCAG 2.2 §7 "large scale (text)"'],
  ['long-polling', 'RFC 6202 §2'],
  ['best effort', 'RFC 2475 (best-effort service)'],
  ['best-effort', 'RFC 2475'],
  ['eventual consistency', 'Vogels, "Eventually Consistent", CACM 2009'],
  ['eventually consistent', 'Vogels, CACM 2009'],
  ['strong consistency', 'Vogels, CACM 2009'],
  ['strongly consistent', 'Vogels, CACM 2009'],
  ['weak reference', 'ECMAScript WeakRef / Java java.lang.ref'],
  ['high availability', 'ISO/IEC 25010 (availability) — a name, the figure is asked separately'],
  ['large language model', 'common ML term (e.g. NIST AI 100-1 glossary)'],
  ['large language models', 'NIST AI 100-1 glossary'],
  ['small language model', 'NIST AI 100-1 glossary'],
  ['normal distribution', 'statistics'],
  ['natural language', 'linguistics / NLP (ACL Anthology: natural language processing, natural-language queries)'],
  ['natural-language', 'linguistics / NLP'],
  ['fast path', 'systems programming'],
  ['fail fast', 'J. Shore, "Fail Fast", IEEE Software 21(5), 2004 (stop at the first error)'],
  ['fails fast', 'J. Shore, IEEE Software 2004'],
  ['fail-fast', 'J. Shore, IEEE Software 2004'],
  ['clean up', 'phrasal verb: remove what is no longer needed'],
  ['cleans up', 'phrasal verb'],
  ['cleaned up', 'phrasal verb'],
  ['cleaning up', 'phrasal verb'],
  ['clean build', 'build systems: a build from no previous outputs'],
  ['clean install', 'package managers: an install into an empty tree (npm ci)'],
  ['clean run', 'CI: a run from no cached state'],
  ['clean checkout', 'version control: a working tree with no local changes'],
  ['plain text', 'RFC 2046 §4.1.3 (text/plain: text with no formatting)'],
  ['plain http', 'RFC 9110 §4.2.1 (the "http" scheme: HTTP without TLS)'],
  ['fresh nonce', 'cryptography: a value generated anew, never used before (RFC 4949 "nonce")'],
  ['fresh nonces', 'cryptography (RFC 4949)'],
  ['fresh address', 'blockchains: an address never used before'],
  ['fresh addresses', 'blockchains: addresses never used before'],
  ['fresh key', 'cryptography: a newly generated key'],
  ['fresh keys', 'cryptography: newly generated keys'],
  ['fresh randomness', 'cryptography: random values not used before'],
  ['effective balance', 'Ethereum consensus specs (phase0 Validator.effective_balance)'],
  ['major version', 'Semantic Versioning 2.0.0'],
  ['minor version', 'Semantic Versioning 2.0.0'],
  ['patch version', 'Semantic Versioning 2.0.0'],
  ['major versions', 'Semantic Versioning 2.0.0'],
  ['minor versions', 'Semantic Versioning 2.0.0'],
  ['patch versions', 'Semantic Versioning 2.0.0'],
  ['major release', 'Semantic Versioning 2.0.0 (a release that increments the major version)'],
  ['major releases', 'Semantic Versioning 2.0.0'],
  ['minor release', 'Semantic Versioning 2.0.0 (a release that increments the minor version)'],
  ['minor releases', 'Semantic Versioning 2.0.0'],
  ['patch release', 'Semantic Versioning 2.0.0 (a release that increments the patch version)'],
  ['patch releases', 'Semantic Versioning 2.0.0'],
  ['high contrast mode', 'accessibility: the operating system setting (Windows High Contrast, CSS forced-colors)'],
  ['high contrast modes', 'accessibility: the operating system setting (CSS Media Queries 5, forced-colors)'],
  ['high-contrast mode', 'accessibility: the operating system setting (CSS Media Queries 5, forced-colors)'],
  ['high-contrast modes', 'accessibility: the operating system setting (CSS Media Queries 5, forced-colors)'],
  ['with high probability', 'probability theory: with probability tending to 1 (randomized algorithms, "w.h.p.")'],
  ['fresh responses', 'RFC 9111 §4.2'],
  ['fresh random', 'cryptography: a random value generated anew (RFC 4949 "nonce")'],
  ['clean slate', 'idiom: a state with nothing carried over'],
  // Fifteenth round (read on spec-kit and Kiro specs outside the labeled sets).
  ['clean architecture', 'R. C. Martin, Clean Architecture (2017): the dependency rule between layers'],
  ['clean architecture principles', 'R. C. Martin, Clean Architecture (2017)'],
  ['clear space', 'brand guidelines: the exclusion zone kept free around a logo'],
  ['quick actions', 'UI: a named set of shortcut commands (Android App Shortcuts, iOS Home Screen quick actions)'],
  ['quick action', 'UI: a shortcut command (iOS Home Screen quick actions)'],
  ['quick-action', 'UI: a shortcut command'],
  ['quick links', 'UI: a list of shortcut links'],
  ['quick filters', 'UI: preset filters applied with one control'],
  ['quick filter', 'UI: a preset filter applied with one control'],
  ['quick amounts', 'UI: preset amounts offered as buttons (point of sale)'],
  ['quick replies', 'UI: suggested replies offered as buttons (Messenger Platform, RCS)'],
  ['quick reply', 'UI: a suggested reply offered as a button'],
  ['quick view', 'UI: a preview opened in place'],
  // Twenty-first round, read out of sample: a school, a JavaScript object, a JSON Schema fragment.
  ['high school', 'education: secondary school (ISCED 3)'],
  ['high schools', 'education: secondary school (ISCED 3)'],
  ['plain object', 'JavaScript: an object made by `{}` or `new Object()` (Lodash `isPlainObject`, Vue, Redux)'],
  ['plain objects', 'JavaScript: objects made by `{}` or `new Object()`'],
  ['plain name fragment', 'JSON Schema 2020-12 §8.2.2 (a plain-name fragment, RFC 3986 §3.5)'],
  ['plain name fragments', 'JSON Schema 2020-12 §8.2.2'],
  ['plain-name fragment', 'JSON Schema 2020-12 §8.2.2'],
  ['plain-name fragments', 'JSON Schema 2020-12 §8.2.2'],
  // Beside HttpOnly, "secure" is the cookie's Secure attribute (sent over HTTPS only).
  ['secure http-only', 'RFC 6265 §4.1.2.5–6 (the Secure and HttpOnly cookie attributes)'],
  ['secure httponly', 'RFC 6265 §4.1.2.5–6'],
  ['http-only secure', 'RFC 6265 §4.1.2.5–6'],
  ['httponly secure', 'RFC 6265 §4.1.2.5–6'],
  // A cash count's outcome: over (more cash than expected), short (less) or exact.
  ['over or short', 'accounting: cash over and short'],
  ['over, short, or exact', 'accounting: cash over and short'],
  ['over, short or exact', 'accounting: cash over and short'],
  ['short or over', 'accounting: cash over and short'],
  // An idiom of exposition ("At a high level, this usually will be …"): in outline, not a magnitude.
  ['at a high level', 'idiom: in outline, without detail (Merriam-Webster, "high-level")'],
  ['at a very high level', 'idiom: in outline (Merriam-Webster, "high-level")'],
  ['at the very high level', 'idiom: in outline (Merriam-Webster, "high-level")'],
  ['at a higher level', 'idiom: in outline (Merriam-Webster, "high-level")'],
  ['major, minor, and patch', 'Semantic Versioning 2.0.0 (the version fields)'],
  ['major, minor and patch', 'Semantic Versioning 2.0.0'],
  ['major, minor, patch', 'Semantic Versioning 2.0.0'],
  ['secure random number generator', 'RFC 4086 (Randomness Requirements for Security): a cryptographically secure generator'],
  ['cryptographically secure random number generator', 'RFC 4086'],
  ['early exporter', 'RFC 8446 §7.5 (TLS 1.3 exporters: the exporter keyed from the early secret)'],
  ['regular exporter', 'RFC 8446 §7.5 (the exporter after the handshake, as opposed to the early exporter)'],
  ['gradual rollout', 'release engineering: a staged rollout to a growing share of traffic (Google SRE Workbook, "Canarying Releases")'],
  ['gradual rollouts', 'release engineering (Google SRE Workbook, "Canarying Releases")'],
  ['plain-text', 'RFC 2046 §4.1.3'],
  // Of a random source only: "cryptographically secure session tokens" still asks what they must resist.
  ['cryptographically secure random', 'NIST SP 800-90A / RFC 4086 (a cryptographically secure random number generator)'],
  ['cryptographically secure pseudorandom', 'NIST SP 800-90A'],
  ['cryptographically secure pseudo-random', 'NIST SP 800-90A'],
  ['cryptographically secure prng', 'NIST SP 800-90A'],
  ['cryptographically secure rng', 'NIST SP 800-90A'],
  ['url and filename safe', 'RFC 4648 §5 (Base 64 Encoding with URL and Filename Safe Alphabet)'],
  ['url-safe', 'RFC 4648 §5'],
  ['filename safe', 'RFC 4648 §5'],
  ['in the clear', 'RFC 4949 ("cleartext": data sent without encryption)'],
  ['in clear text', 'RFC 4949 ("cleartext": data sent without encryption)'],
  ['as clear text', 'RFC 4949 ("cleartext")'],
  ['apply cleanly', 'version control and schema migrations: applies with no conflict or error (git apply)'],
  ['applies cleanly', 'git apply: with no conflict or error'],
  ['applied cleanly', 'git apply: with no conflict or error'],
  ['freshly generated', 'cryptography: generated anew, never used before (RFC 4949 "nonce")'],
  ['quick fix', 'LSP 3.17 CodeActionKind.QuickFix'],
  ['real-time clock', 'hardware'],
  ['low-level', 'common'],
  ['high-level', 'common'],
  ['new line', 'common'],
  ['old value', 'common'],
  ['new value', 'common'],
  ['small talk', 'idiom'],
  ['small claims', 'law: small-claims court'],
  ['high severity', 'severity classification (e.g. CVSS v3.1 qualitative ratings)'],
  ['low severity', 'CVSS v3.1 qualitative ratings'],
  ['high risk', 'risk classification (EU AI Act Art. 6)'],
  ['low risk', 'risk classification'],
  ['high priority', 'priority classification'],
  ['low priority', 'priority classification'],
  ['good humor', 'idiom'],
  ['good humour', 'idiom'],
  ['good standing', 'idiom'],
  ['do its best', 'idiom'],
  ['do their best', 'idiom'],
  ['do your best', 'idiom'],
  ['do our best', 'idiom'],
  ['reasonable person', 'law: the reasonable-person standard'],
  ['best interest', 'law: best-interest standard'],
  ['best interests', 'law: best-interest standard'],
  ['best intentions', 'idiom'],
  ['best judgment', 'idiom'],
  ['best judgement', 'idiom'],
  ['good faith', 'law'],
  ['bad faith', 'law'],
  ['bad actor', 'security idiom'],
  ['bad actors', 'security idiom'],
  ['worst case', 'analysis of algorithms'],
  ['sensitive data', 'GDPR Art. 9 ("special categories"), ISO/IEC 27000'],
  ['sensitive information', 'ISO/IEC 27000'],
  ['harmful content', 'Model Spec taxonomy'],
  ['high-risk', 'EU AI Act Art. 6'],
  ['long-running', 'common'],
  // Nineteenth round: "short-lived" and "long-lived" left this list for the lexicon's lifetimes (a lifetime is owed).
  ['url safe', 'RFC 4648 §5 (the URL and Filename Safe Alphabet)'],
  ['graceful node shutdown', 'Kubernetes Graceful Node Shutdown (KEP-2000, the kubelet feature of that name)'],
  ['high level design', 'common: an outline of a design (Merriam-Webster, "high-level")'],
  ['high level overview', 'common: an outline (Merriam-Webster, "high-level")'],
  ['high level architecture', 'common: an outline of an architecture'],
  ['high level description', 'common: an outline'],
  ['high level summary', 'common: an outline'],
  ['high level view', 'common: an outline'],
  ['major and minor releases', 'Semantic Versioning 2.0.0'],
  ['major and minor versions', 'Semantic Versioning 2.0.0'],
  ['major or minor release', 'Semantic Versioning 2.0.0'],
  ['major or minor releases', 'Semantic Versioning 2.0.0'],
  ['major or minor version', 'Semantic Versioning 2.0.0'],
];

/** Quantity determiners: descriptive in most prose ("in some cases", "many users want"), findings in a requirement's object. */
export const QUANTITY_DETERMINERS = new Set(['some', 'many', 'most', 'several', 'various', 'few', 'numerous', 'multiple']);
