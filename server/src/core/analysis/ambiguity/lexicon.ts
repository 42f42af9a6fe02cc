/**
 * The built-in ambiguity lexicon: words and phrases that leave a requirement open, each with the specific question a
 * careful reviewer would ask about it. Pure data; the matching and the context rules live in `analyze.ts`.
 *
 * Sources. The entries and every question are this project's own wording. Which words published guides flag, and why,
 * was taken as facts from (each group below cites its rule):
 *  - INCOSE Guide for Writing Requirements (GtWR) rules R7 vague terms, R8 escape clauses, R9 open-ended clauses,
 *    R10 superfluous infinitives, as coded in the Vale style github.com/tbhb/vale-requirements-writing
 *    (VagueTerms.yml, EscapeClauses.yml, OpenEndedClauses.yml, SuperfluousInfinitives.yml), CC BY 4.0;
 *  - NASA's ARM tool (Wilson, Rosenberg & Hyatt, ICSE 1997) weak-phrase, optionality and subjectivity classes, as
 *    coded in NALABS (github.com/eduardenoiu/NALABS), MIT;
 *  - Wiegers, *Software Requirements*: the table of ambiguous terms and the fix to ask for (facts, not text);
 *  - the write-good weasel words (github.com/errata-ai/write-good, MIT) and the hedge list of github.com/words/hedges
 *    (MIT), used only to cross-check: most hedges (may, should, must, can, think, …) are deliberately NOT here.
 * No file of those projects is copied; CC BY 4.0 and MIT only ask for the attribution given here.
 *
 * Design notes:
 *  - `term` is the entry's stable name (used by `ignoreTerms`, `termSeverity`, `AmbiguityFinding.term`); `forms` are
 *    further surface forms (inflections, synonyms) sharing its question. Matching is case-insensitive, by whole words.
 *  - Multiword phrases are matched token by token; `*` in a phrase stands for exactly one word ("as * as possible").
 *  - A hyphenated compound is one word ("fast-forward" is not "fast"); only entries spelled with a hyphen match one.
 *  - RFC 2119 keywords (must, shall, should, may, required, optional, recommended) are never entries: they are what
 *    makes a sentence normative, not ambiguity.
 */

export const AMBIGUITY_CATEGORIES = ['vague', 'escape', 'open-ended', 'quantity', 'comparative', 'weak', 'time'] as const;
export type AmbiguityCategory = (typeof AMBIGUITY_CATEGORIES)[number];

/** Where an entry comes from (a published rule, or this project). */
export type LexiconSource = 'incose-r7' | 'incose-r8' | 'incose-r9' | 'incose-r10' | 'nasa-arm' | 'wiegers' | 'clarifier' | 'user';

/**
 * Context rules that decide, at a match, whether the word is really open (see analyze.ts for each):
 *  - `number-after`: flagged only right before a number ("about 30 s"), and then it asks for the tolerance;
 *  - `approximation`: before a number it asks for the tolerance, elsewhere the entry's own question;
 *  - `normative-scope`: flagged only after an RFC 2119 keyword in its clause, not inside a subordinate clause after it
 *    (if, when, whether, which, …), or in the first sentence of a list item under a normative lead-in: "should cite
 *    some sources", not "in some cases", "some users want" or "should proceed even if there is some ambiguity";
 *  - `normative-adjacent`: flagged only within three tokens of an RFC 2119 keyword: "should generally refuse";
 *  - `governed`: flagged only right after a positive keyword (at most two words between, no negation): "should
 *    attempt to answer", not "must never attempt to steer" or "if the user tries to probe";
 *  - `event-bound`: not flagged right before an event word: "immediately after the payment clears";
 *  - `verb-object`: not flagged as a verb with an object: "secure the account";
 *  - `not-by`: not flagged when it names its source: "as required by RFC 9110";
 *  - `failure-count`: a count of failures that sets off a reaction ("WHEN a user enters incorrect credentials multiple
 *    times", "after multiple failed attempts"): flagged in any clause of a requirement, its condition too, when a word
 *    of failure is in the phrase or shortly before it; otherwise not ("multiple times" is "more than once").
 */
export type ContextRule =
  | 'number-after'
  | 'approximation'
  | 'normative-scope'
  | 'normative-adjacent'
  | 'governed'
  | 'event-bound'
  | 'verb-object'
  | 'not-by'
  | 'failure-count';

export interface LexiconEntry {
  term: string;
  forms?: string[];
  category: AmbiguityCategory;
  question: string;
  source: LexiconSource;
  rule?: ContextRule;
}

type Entry = Omit<LexiconEntry, 'category' | 'source'>;

function group(category: AmbiguityCategory, source: LexiconSource, entries: Entry[]): LexiconEntry[] {
  return entries.map((e) => ({ ...e, category, source }));
}

/** The question asked for an `approximately` / `about` before a number. */
export const TOLERANCE_QUESTION =
  'What tolerance is acceptable around this value (e.g. 30 s ± 2 s), and is it a minimum, a maximum or a target?';

/** Questions for user-added terms (`addTerms`) that bring none. */
export const DEFAULT_QUESTIONS: Readonly<Record<AmbiguityCategory, string>> = {
  vague: 'What does this mean in measurable terms? Give a criterion a test could check.',
  escape: 'Under which exact conditions does this apply, and who decides? State them, or make the requirement unconditional.',
  'open-ended': 'What else is included? Complete the list, or state that it is closed.',
  quantity: 'How many or how much, exactly? Give a number or a range.',
  comparative: 'Compared with what, and by how much? Name the baseline and the target.',
  weak: 'Is this behaviour required? State what the system does and when.',
  time: 'By when, exactly? Give a deadline or a maximum delay from a named event.',
};

export const LEXICON: readonly LexiconEntry[] = [
  // ---------------------------------------------------------------------------------------------------------------
  // vague: INCOSE GtWR R7 (vague terms), via vale-requirements-writing VagueTerms.yml (CC BY 4.0)
  ...group('vague', 'incose-r7', [
    { term: 'quickly', forms: ['quick'], question: 'How fast, exactly? Give a bound such as a time limit (e.g. within 200 ms) or a percentile (p95 < 1 s).' },
    { term: 'fast', question: 'How fast? State a measurable limit: a latency (e.g. p95 < 100 ms) or a throughput (e.g. 500 requests/s).' },
    { term: 'slow', forms: ['slowly'], question: 'How slow is too slow? Give the time or rate that separates acceptable from unacceptable.' },
    {
      term: 'secure',
      forms: ['securely'],
      question: 'Secure against what threat, to what standard? Name the property (e.g. TLS 1.3, AES-256, OWASP ASVS L2).',
      rule: 'verb-object',
    },
    {
      term: 'robust',
      forms: ['robustly', 'robustness'],
      question: 'Robust against which failures or inputs? Name them and the required behaviour for each (e.g. rejects malformed input with an error).',
    },
    { term: 'scalable', forms: ['scalability'], question: 'Scalable to what load? Give the target (e.g. 10,000 concurrent users) and the performance that must hold there.' },
    {
      term: 'user-friendly',
      forms: ['user friendly'],
      question: 'Friendly to which users doing what? Give a usability criterion (e.g. a first-time user signs up in under 2 minutes without help).',
    },
    { term: 'intuitive', forms: ['intuitively'], question: 'Intuitive for whom? State a testable criterion (e.g. 9 of 10 first-time users finish the task without the manual).' },
    { term: 'easy', forms: ['easily', 'easy to'], question: 'Easy for whom, to do what? Give a measurable criterion: number of steps, time on task, or training needed.', rule: 'normative-scope' },
    { term: 'simple', question: 'Simple by what measure? Bound it (e.g. at most 3 steps, one screen, no configuration).', rule: 'normative-scope' },
    { term: 'adequate', forms: ['adequately'], question: 'Adequate by what measure? State the acceptance criterion and who judges it.', rule: 'normative-scope' },
    { term: 'sufficient', forms: ['sufficiently'], question: 'How much is sufficient? Give the minimum, or the test that decides it.', rule: 'normative-scope' },
    {
      term: 'appropriate',
      forms: ['appropriately'],
      question: 'Appropriate by what criterion? Name the rule that decides it, or list the cases and the expected behaviour in each.',
      rule: 'normative-scope',
    },
    { term: 'suitable', forms: ['suitably'], question: 'Suitable for what purpose, judged how? State the criterion.', rule: 'normative-scope' },
    { term: 'reasonable', forms: ['reasonably'], question: 'Reasonable by whose judgement? State the limit, or the rule that decides it.', rule: 'normative-scope' },
    {
      term: 'significant',
      forms: ['significantly'],
      question: 'How large an effect counts as significant? Give the threshold (a percentage or an absolute value) or examples on each side of it.',
      rule: 'normative-scope',
    },
    { term: 'efficient', forms: ['efficiently'], question: 'Efficient in which resource (time, memory, cost), and by how much? Give a budget (e.g. under 50 MB of memory).', rule: 'normative-scope' },
    { term: 'effective', forms: ['effectively'], question: 'Effective at what, measured how? State the expected outcome and the threshold it must reach.', rule: 'normative-scope' },
    { term: 'flexible', forms: ['flexibility'], question: 'Flexible in what way? Name the changes it must absorb without code changes (e.g. new currencies via configuration).', rule: 'normative-scope' },
    { term: 'large', question: 'How large? Give a number with a unit (e.g. files up to 2 GiB, 10,000 rows).', rule: 'normative-scope' },
    { term: 'small', question: 'How small? Give an upper bound with a unit (e.g. under 100 KB, at most 5 items).', rule: 'normative-scope' },
    { term: 'minimal', forms: ['minimally'], question: 'How little is minimal? Give the upper bound (e.g. at most 2 extra requests, under 1% overhead).', rule: 'normative-scope' },
    { term: 'seamless', forms: ['seamlessly'], question: 'What must the user not notice? State the observable behaviour (e.g. no second sign-in, interruption under 1 s).' },
    {
      term: 'state of the art',
      forms: ['state-of-the-art', 'cutting-edge', 'cutting edge'],
      question: 'Which technique, version or benchmark is meant? Name it: the state of the art moves.',
    },
    { term: 'maintainable', forms: ['maintainability'], question: 'Maintainable by whom, measured how (e.g. a new developer adds a field in under a day)?' },
    { term: 'portable', forms: ['portability'], question: 'Portable to which platforms? List them (operating systems, browsers, runtime versions).' },
    { term: 'reliable', forms: ['reliably'], question: 'How reliable? Give a target such as availability (99.9% per month), an error rate or a mean time between failures.', rule: 'normative-scope' },
  ]),
  // vague: NASA ARM weak phrases ("normal", "effective", "adequate") and subjectivity ("good"), via NALABS (MIT)
  ...group('vague', 'nasa-arm', [
    {
      term: 'normal',
      question: 'What counts as normal? Define the conditions (load, inputs, environment) or name the reference it is measured against.',
    },
    { term: 'good enough', question: 'Good enough by what criterion? State the acceptance test.' },
    { term: 'without difficulty', forms: ['with ease', 'without effort', 'effortlessly'], question: 'Without difficulty for whom, doing what? Give a usability criterion (e.g. 9 of 10 first-time users finish in under 2 minutes without help).' },
  ]),
  // vague: quality-attribute phrases a reviewer asks to quantify (Wiegers' ambiguous-terms table; our own phrasing)
  ...group('vague', 'wiegers', [
    { term: 'high performance', forms: ['high-performance', 'performant'], question: 'What performance, exactly? Give throughput or latency targets with units.' },
    { term: 'low latency', forms: ['low-latency'], question: 'How low? Give the latency bound and its percentile (e.g. p99 < 50 ms).' },
    { term: 'high availability', forms: ['highly available', 'highly-available'], question: 'What availability? Give a target (e.g. 99.95% per month) and the downtime it allows.' },
    { term: 'high quality', forms: ['high-quality'], question: 'What makes it high quality? Name the criteria and how each is checked.' },
    {
      term: 'best practices',
      forms: ['best practice', 'best-practice', 'best-practices', 'the best practice', 'the best practices'],
      question: 'Which practices, exactly? Name the standard or guideline (e.g. OWASP ASVS, the team style guide) or list them.',
    },
    // Forty-seventh round (read out of sample on Kiro and spec-kit requirements): an appeal to a convention no one names,
    // as "best practices" is: "SHALL support industry-standard methods (e.g., TOTP, SMS)", "MUST encrypt passwords using
    // industry-standard hashing", "adhere to industry standards". A standard or algorithm named in the sentence answers it
    // ("industry-standard algorithms (bcrypt/argon2)", `boundFor`, the security dimension's bound).
    {
      term: 'industry standard',
      forms: ['industry-standard', 'industry standards', 'industry-standards'],
      question: 'Which standard, exactly? Name it (e.g. RFC 6238 TOTP, Argon2id, OWASP ASVS) so a test can check conformance.',
    },
    // Fifty-second round (read out of sample; the thirty-third round's reading saw it too): a load the requirement
    // names, and no measure of what counts as degraded ("support at least 10,000 transactions before performance
    // degradation", "handle 1,000 events per minute without degradation"): the number sizes the load, not the
    // degradation. A bound of the degradation itself answers it ("without degradation of more than 10% in p95 latency").
    {
      term: 'without degradation',
      forms: ['without performance degradation', 'before performance degradation', 'without any degradation', 'without any performance degradation', 'with no performance degradation', 'with no degradation'],
      question: 'What counts as degraded? Name the measure and the limit (e.g. p95 latency stays under 300 ms, or rises by at most 10% over the idle baseline).',
    },
    {
      term: 'gracefully',
      forms: ['graceful'],
      question: 'What does graceful mean here? State the behaviour on failure (e.g. show an error, keep the data, retry 3 times).',
    },
    // "proper" (fifth round): "maintain proper spacing" asks the same as "properly"; its terms of art are in TERMS_OF_ART.
    { term: 'properly', forms: ['proper'], question: 'Properly by what rule? State the expected behaviour, or the check that tells proper from improper.', rule: 'normative-scope' },
  ]),

  // ---------------------------------------------------------------------------------------------------------------
  // escape: INCOSE GtWR R8 (escape clauses), via vale-requirements-writing EscapeClauses.yml (CC BY 4.0);
  // "as appropriate", "as required" are also NASA ARM weak phrases
  ...group('escape', 'incose-r8', [
    {
      term: 'as appropriate',
      forms: ['where appropriate', 'when appropriate', 'if appropriate', 'whenever appropriate'],
      question: 'Who decides what is appropriate, and by which rule? List the cases where this applies, or drop the qualifier.',
    },
    {
      term: 'where possible',
      forms: ['when possible', 'if possible', 'wherever possible', 'whenever possible'],
      question: 'When is it not possible? Name the exceptions and the required behaviour then, or make it unconditional.',
    },
    {
      term: 'as far as possible',
      forms: [
        'as much as possible',
        'so far as is possible',
        'insofar as possible',
        'to the extent possible',
        'to the greatest extent possible',
        'to the maximum extent possible',
        'to the extent practicable',
        'to the extent practical',
        'to the maximum extent practicable',
      ],
      question: 'What is the minimum that must be achieved, and what may limit it? Give the target, or the exceptions.',
    },
    { term: 'as little as possible', question: 'What is the most that is allowed? Give the upper bound.' },
    {
      term: 'if necessary',
      forms: ['when necessary', 'where necessary', 'as necessary', 'to the extent necessary', 'if it should prove necessary'],
      question: 'Necessary according to what condition? State the trigger that makes this apply.',
    },
    // Fortieth round: "cite a source when warranted" beside "when necessary".
    {
      term: 'when warranted',
      forms: ['where warranted', 'if warranted', 'as warranted'],
      question: 'Warranted by what condition? State the trigger that makes this apply.',
    },
    {
      term: 'as required',
      forms: ['if required', 'when required', 'where required'],
      question: 'Required by what? Cite the rule, document or condition, or state it here.',
      rule: 'not-by',
    },
    {
      term: 'if practical',
      forms: ['if practicable', 'when practical', 'where practical', 'where practicable', 'if feasible', 'when feasible', 'where feasible', 'as is practical', 'as is practicable', 'as is feasible'],
      question: 'Practical by whose judgement? State the conditions under which it is not done.',
    },
  ]),
  // escape: further conditionals in the R8 spirit (INCOSE R7 list "as needed", "if applicable", …; our questions)
  ...group('escape', 'incose-r7', [
    { term: 'as needed', forms: ['if needed', 'when needed', 'where needed'], question: 'Needed by whom, detected how? State the condition that triggers it.' },
    { term: 'where applicable', forms: ['if applicable', 'when applicable', 'as applicable'], question: 'Applicable when? List the cases it applies to.' },
  ]),
  // escape: NASA ARM subjectivity "as possible" and optionality, via NALABS (MIT)
  ...group('escape', 'nasa-arm', [
    {
      term: 'as * as possible',
      question: "What is the target value? 'As … as possible' has no pass/fail line: give the bound that counts as done.",
    },
    { term: 'if desired', forms: ['as desired', 'where desired', 'when desired'], question: 'Desired by whom (user, operator, developer), and how is that choice made?' },
  ]),
  // escape: hedges that exempt a requirement (write-good weasel words / words-hedges, MIT; only next to a keyword)
  ...group('escape', 'clarifier', [
    {
      term: 'generally',
      forms: ['usually', 'typically', 'normally', 'in general', 'ordinarily', 'in most cases', 'in most situations'],
      question: 'When does this not hold? Name the exceptions and what is required then, or drop the hedge.',
      rule: 'normative-adjacent',
    },
    { term: 'best effort', forms: ['best-effort'], question: 'What is guaranteed at minimum, and what happens when the effort fails (retry, error, drop)?' },
  ]),

  // ---------------------------------------------------------------------------------------------------------------
  // open-ended: INCOSE GtWR R9 (open-ended clauses), via vale-requirements-writing OpenEndedClauses.yml (CC BY 4.0);
  // Wiegers: "etc., including" -> list all possibilities. "such as" / "for example" introduce examples and are NOT here;
// an "etc." in a list of examples ("e.g., A, B, etc.") is not flagged either (analyze.ts).
  ...group('open-ended', 'incose-r9', [
    { term: 'etc.', forms: ['etc', 'et cetera', 'et cetera.'], question: 'What else belongs to this list? List every item, or say the list is closed.' },
    { term: 'and so on', forms: ['and so forth'], question: 'What else is included? Complete the list, or state the rule that decides what belongs.' },
    {
      term: 'including but not limited to',
      forms: ['including, but not limited to', 'including without limitation', 'but not limited to'],
      question: 'What else is covered beyond the items named? Complete the list, or give the rule for membership.',
    },
  ]),
  // open-ended: INCOSE R7 list ("among others", "or similar", "or equivalent")
  ...group('open-ended', 'incose-r7', [
    { term: 'among others', forms: ['amongst others'], question: 'Which others? Name them, or state that the list is complete.' },
    {
      term: 'or similar',
      forms: ['and similar', 'and/or similar', 'or the like', 'and the like'],
      question: 'Similar in what respect? State the property that makes something qualify.',
    },
    { term: 'or equivalent', forms: ['or an equivalent'], question: 'Equivalent by what criterion, and who decides that it is?' },
  ]),

  // ---------------------------------------------------------------------------------------------------------------
  // quantity: INCOSE GtWR R7 (vague terms: some, several, many, a few, approximately, about, numerous, most, …),
  // via vale-requirements-writing VagueTerms.yml (CC BY 4.0); Wiegers: "several" -> how many?
  ...group('quantity', 'incose-r7', [
    { term: 'several', question: 'How many exactly, or what minimum and maximum?', rule: 'normative-scope' },
    { term: 'some', question: 'How many or how much, exactly? Give a number, a range or a minimum.', rule: 'normative-scope' },
    { term: 'many', question: 'How many? Give a number or a minimum.', rule: 'normative-scope' },
    { term: 'a few', forms: ['few'], question: 'How many? Give the exact number or a range (e.g. 2–4).', rule: 'normative-scope' },
    { term: 'numerous', question: 'How many? Give a number or a minimum.' },
    { term: 'most', forms: ['most of'], question: 'What fraction, exactly? Give a percentage or a count (e.g. at least 90% of requests).', rule: 'normative-scope' },
    { term: 'a number of', question: 'How many? Give the number or a range.' },
    { term: 'a lot of', forms: ['lots of', 'plenty of'], question: 'How much or how many? Give a quantity with a unit.', rule: 'normative-scope' },
    { term: 'various', question: 'Which ones? List them, or give the rule that decides what belongs.', rule: 'normative-scope' },
    // Twenty-second round: "a majority of" is a quorum, more than half ("a signature threshold of at least a majority of
    // the auditors", Raft's "a majority of both configurations"): exact. "the majority of users" (most) still asks.
    { term: 'the majority of', question: 'What fraction? Give a percentage or a count.', rule: 'normative-scope' },
    {
      term: 'approximately',
      forms: ['approx.', 'roughly', 'circa'],
      question: 'How close is close enough? Give the tolerance (e.g. ± 5%).',
      rule: 'approximation',
    },
    { term: 'about', forms: ['around', 'nearly', 'almost', 'close to'], question: TOLERANCE_QUESTION, rule: 'number-after' },
    {
      term: 'almost always',
      forms: ['nearly always', 'almost never', 'nearly never', 'hardly ever'],
      question: 'How often, exactly? Give a rate (e.g. in 99.9% of cases) and what happens in the other cases.',
    },
  ]),

  // ---------------------------------------------------------------------------------------------------------------
  // comparative: Wiegers (comparatives need a baseline) and NASA ARM subjectivity ("better", "worse"), via NALABS (MIT);
  // INCOSE R7 lists better/best/optimal
  ...group('comparative', 'wiegers', [
    { term: 'better', question: 'Better than what, by how much? Name the baseline and the measurable improvement.', rule: 'normative-scope' },
    // "the best answer" (a superlative choice), not "do its best", "would be best given by", "best practices"
    { term: 'the best', question: 'Best by which criterion, compared with what? State the measure that ranks the options.', rule: 'normative-scope' },
    { term: 'worse', forms: ['worst'], question: 'Worse than what, by how much? Name the baseline and the limit.', rule: 'normative-scope' },
    { term: 'faster', forms: ['quicker', 'more quickly'], question: 'Faster than what, by how much? Name the baseline and give the target (e.g. half the current p95).', rule: 'normative-scope' },
    { term: 'easier', forms: ['simpler'], question: 'Easier than what, for whom? Give the baseline and a measurable criterion (steps, time on task).', rule: 'normative-scope' },
    { term: 'improved', forms: ['improve', 'improves'], question: 'Improved compared with what, by how much? Give the baseline and the target.', rule: 'normative-scope' },
    { term: 'optimal', forms: ['optimally', 'optimum', 'optimized', 'optimised'], question: 'Optimal by which measure, under which constraints? State the objective and the result that is acceptable.', rule: 'normative-scope' },
    { term: 'maximize', forms: ['maximise', 'maximizes', 'maximises', 'maximizing', 'maximising'], question: 'Maximise up to what target? Give the value that counts as done, or the trade-off that limits it.', rule: 'normative-scope' },
    { term: 'minimize', forms: ['minimise', 'minimizes', 'minimises', 'minimizing', 'minimising'], question: 'Minimise down to what target? Give the acceptable upper bound.', rule: 'normative-scope' },
  ]),

  // ---------------------------------------------------------------------------------------------------------------
  // weak: INCOSE GtWR R10 (superfluous infinitives), via vale-requirements-writing SuperfluousInfinitives.yml (CC BY 4.0);
  // NASA ARM weak phrases ("be able to", "be capable of", "capability", "provide for") and optionality ("optionally")
  ...group('weak', 'incose-r10', [
    {
      term: 'be able to',
      question: "Must the system do this, or only make it possible? State the behaviour and its trigger directly (e.g. 'exports the report when the user selects Export').",
      rule: 'governed',
    },
    { term: 'be capable of', forms: ['is capable of', 'are capable of'], question: 'Must it actually do this? State when it does it and the expected result.', rule: 'governed' },
    {
      term: 'have the ability to',
      forms: ['has the ability to', 'provide the ability to', 'provides the ability to', 'the ability to'],
      question: 'Is the behaviour required, or merely possible? State who does what, and when.',
      rule: 'governed',
    },
    { term: 'be designed to', forms: ['designed to'], question: "What must it actually do, and how is that verified? 'Designed to' states an intent, not a behaviour.", rule: 'governed' },
  ]),
  ...group('weak', 'nasa-arm', [
    {
      term: 'capability to',
      forms: ['capability of', 'the capability to'],
      question: 'Is the behaviour required, or merely possible? State who does what, and when.',
      rule: 'governed',
    },
    { term: 'provide for', forms: ['provides for'], question: 'Provide what, exactly? State the concrete behaviour or artefact required.' },
    { term: 'optionally', question: 'Whose choice is it (system, user, developer), and what happens in each case?' },
  ]),
  // weak: effort verbs in a requirement (our addition in the R10 spirit: an attempt is not an outcome)
  ...group('weak', 'clarifier', [
    {
      term: 'attempt to',
      forms: ['attempts to', 'try to', 'tries to', 'strive to', 'strives to', 'aim to', 'aims to', 'endeavour to', 'endeavor to', 'make an effort to'],
      question: 'What if the attempt fails? State the required outcome, or the fallback behaviour when it is not reached.',
      rule: 'governed',
    },
    // Sixteenth round: a call for care names no behaviour ("care must be taken not to decompress messages blindly",
    // "caution should be exercised to assure that it does not"); the requirement is what the care is for.
    {
      term: 'care must be taken',
      forms: ['care should be taken', 'care shall be taken', 'care needs to be taken', 'take care to', 'take care not to', 'take care that', 'exercise caution', 'use caution', 'caution should be exercised', 'caution must be exercised', 'exercise care'],
      question: "What must be done, or not done, exactly? A call for care states no behaviour: write the check or the limit it asks for as the requirement (e.g. 'MUST NOT decompress a message before checking its size').",
    },
    {
      term: 'err on the side of caution',
      question: 'Which way is the cautious side here? Name the behaviour required when in doubt (e.g. decline, ask a clarifying question, or add a warning).',
    },
  ]),

  // ---------------------------------------------------------------------------------------------------------------
  // time: INCOSE GtWR R7 ("timely", "prompt(ly)", "as soon as possible", "in a timely manner", "without undue delay"),
  // via vale-requirements-writing VagueTerms.yml (CC BY 4.0); NASA ARM weak phrase "timely"
  ...group('time', 'incose-r7', [
    { term: 'soon', forms: ['shortly'], question: 'How soon? Give a deadline relative to an event (e.g. within 5 minutes of the upload).' },
    {
      term: 'as soon as possible',
      forms: ['asap', 'as soon as practicable', 'as soon as feasible', 'as quickly as possible', 'as fast as possible'],
      question: "What is the deadline? 'As soon as possible' has no pass/fail line: give a maximum delay from a named event.",
    },
    { term: 'timely', forms: ['in a timely manner', 'in a timely fashion', 'timeliness'], question: 'By when? Give a deadline or a maximum delay relative to a triggering event.' },
    {
      term: 'immediately',
      forms: ['instantly', 'instantaneously'],
      question: 'How fast is immediate? Give a maximum delay (e.g. within 1 s), or the event it must directly follow.',
      rule: 'event-bound',
    },
    { term: 'promptly', question: 'How promptly? Give a maximum delay (e.g. within 24 hours of the report).' },
    { term: 'without undue delay', forms: ['without unnecessary delay', 'without delay'], question: 'What is the maximum delay allowed, counted from which event?' },
    { term: 'eventually', question: 'By when? Give a deadline, or the event after which it must have happened.' },
  ]),
  // time: Wiegers-style bounds for rates and freshness (our entries)
  ...group('time', 'wiegers', [
    {
      term: 'real time',
      forms: ['real-time', 'realtime', 'near real time', 'near-real-time', 'in real time'],
      question: 'What latency counts as real time here? Give the bound (e.g. updates shown within 1 s).',
      rule: 'normative-scope',
    },
    { term: 'periodically', forms: ['regularly', 'at regular intervals'], question: 'How often? Give the interval or rate (e.g. every 5 minutes, at least once a day).' },
    {
      term: 'often',
      forms: ['frequently', 'occasionally', 'sometimes', 'from time to time', 'rarely', 'seldom'],
      question: 'How often? Give a rate or the condition that triggers it each time.',
      rule: 'normative-scope',
    },
    { term: 'up to date', forms: ['up-to-date'], question: 'How fresh must it be? Give the maximum age (e.g. at most 5 minutes behind the source).' },
  ]),
  // time: lifetimes and lock-outs no number bounds (nineteenth round, set 6: "a short-lived access token", "SHALL
  // temporarily lock the account"; our entries. "upcoming" was tried and dropped: "upcoming events" are the future ones)
  ...group('time', 'clarifier', [
    {
      term: 'short-lived',
      forms: ['shorter-lived', 'long-lived', 'longer-lived'],
      question: 'How long may it live? Give a lifetime with a unit (e.g. 15 minutes, 30 days), or the event that ends it.',
      rule: 'normative-scope',
    },
    {
      // Only a lock-out or a suspension: "temporarily exceed a limit", "temporarily retain keys" say no more than "for a
      // while" where no duration is owed (read on 89 repositories).
      term: 'temporarily lock',
      forms: [
        'temporarily locked', 'temporarily locks', 'temporarily block', 'temporarily blocked', 'temporarily blocks', 'temporarily disable',
        'temporarily disabled', 'temporarily disables', 'temporarily suspend', 'temporarily suspended', 'temporarily suspends', 'temporarily ban',
        'temporarily banned', 'temporarily bans', 'temporarily lock out', 'temporarily locked out',
      ],
      question: 'For how long? Give a duration or the event that ends it (e.g. for 15 minutes, until an administrator unlocks it).',
      rule: 'normative-scope',
    },
  ]),
  // quantity: failures that trigger a lock-out, with no count (nineteenth round, set 6; our entries). "multiple times"
  // says "more than once" in protocols and in idempotence requirements (read on 89 repositories): it is a count of
  // failures only beside a word of failure ("enters incorrect credentials multiple times"; twenty-first round, the
  // `failure-count` rule). "several times" stays the "several" of the INCOSE list (its `terms` setting applies).
  ...group('quantity', 'clarifier', [
    {
      term: 'multiple failed attempts',
      forms: [
        'multiple failed login attempts', 'multiple unsuccessful attempts', 'multiple unsuccessful login attempts', 'repeated failed attempts',
        // Thirty-sixth round: "persistently failing drift replacements" (only beside a word of failure: `failure-count`).
        'repeated failed login attempts', 'multiple times', 'repeatedly', 'persistently', 'multiple failed',
        'multiple unsuccessful', 'multiple incorrect', 'multiple invalid', 'multiple failures', 'multiple consecutive',
        'repeated failures', 'repeated failed', 'repeated unsuccessful', 'repeated incorrect', 'repeated invalid',
      ],
      question: 'How many times? Give the count (e.g. 5 failed attempts within 15 minutes before a lock-out, at most 3 retries).',
      rule: 'failure-count',
    },
  ]),
  // vague: readiness named by a label, not a checklist (nineteenth round, set 6: "Internationalization-ready copy")
  ...group('vague', 'clarifier', [
    // Fifty-fourth round (set 7's tune half: an acceptance checklist's "- [ ] Page performance metrics meet targets"): an
    // appeal to targets, expectations or standards the sentence does not name. A reference right after it answers it
    // ("meet targets in SC-004", "meets the standards of WCAG 2.2 AA", "meet targets: …"; `referenceAfter`, analyze.ts).
    {
      term: 'meet targets',
      forms: ['meets targets', 'meet the targets', 'meets the targets', 'meet expectations', 'meets expectations', 'meet the expectations', 'meets the expectations', 'meet standards', 'meets standards', 'meet benchmarks', 'meets benchmarks'],
      question: 'Which targets, exactly? Name them or where they are set (e.g. LCP under 2.5 s on a mid-range phone, the budgets in SC-004).',
    },
    {
      term: 'production-ready',
      forms: ['production ready', 'production-grade', 'enterprise-ready', 'enterprise-grade', 'internationalization-ready', 'i18n-ready', 'localization-ready'],
      question: 'Ready by what checklist? List what must be in place (e.g. structured logs, metrics and alerts, a load test at twice the peak, a runbook).',
      rule: 'normative-scope',
    },
  ]),
];

/**
 * Phrases that look like entries but are not ambiguous: matched like entries (longest wins) and then dropped, so the
 * words inside them are never flagged. Bounded forms ("at most"), idioms and terms of art.
 */
export const NOT_AMBIGUOUS: readonly string[] = [
  // bounded quantities and superlatives
  'at most', 'at the most', 'the most', 'most likely', 'at least', 'how many', 'how much', 'how few', 'as many as', 'as few as',
  'many-to-many', 'one-to-many', 'many-to-one', 'some of the following', 'any of the following', 'the few',
  // "some but not all": at least one and not every one
  'some but not all',
  // "as soon as <event>" is bounded by the event ("as soon as possible" is the longer entry)
  'as soon as',
  // terms of art and idioms
  'large language model', 'large language models', 'normal distribution', 'normal form', 'normal forms', 'quick start',
  'quick reference', 'best interest', 'best interests', 'best guess', 'best intentions', 'best judgment', 'best judgement', 'at best', 'worst case', 'in the worst case',
  'small talk', 'fast forward', 'secure shell', 'as well as', 'as well', 'steer clear', 'steering clear', 'steers clear', 'clear of',
  // "returns `null` as normal": as it otherwise does; "the screen MUST make clear that …": state it (fifteenth round)
  'as normal', 'as usual', 'make clear', 'makes clear', 'making clear', 'made clear', 'make it clear', 'makes it clear',
  'making it clear', 'made it clear',
  // software terms of art
  'quick fix', 'quick fixes', 'quick pick', 'quick open', 'quick look', 'fast path', 'fast paths', 'slow path', 'slow paths', 'secure context',
  'secure contexts', 'secure boot', 'secure enclave', 'normal mode',
  // FIPS 180-4, the Secure Hash Standard: "the same secure hash function MUST be employed" (twentieth round)
  'secure hash', 'secure hashes', 'secure hash function', 'secure hash functions', 'secure hash algorithm', 'secure hash algorithms',
  // a control that clears ("the search field MUST show a clear button"; nineteenth round)
  'clear button', 'clear buttons', 'clear icon', 'clear control', 'clear all button',
  // twenty-second round: a name given ("provenance files, sometimes known as sidecar files"), not how often
  'sometimes known as', 'sometimes called', 'sometimes referred to as', 'often known as', 'often called', 'often referred to as',
  // twenty-second round: web performance metrics (W3C Paint Timing, Largest Contentful Paint) and CSS's smooth
  // scrolling (CSSOM View, `scroll-behavior: smooth`)
  'first meaningful paint', 'first contentful paint', 'largest contentful paint', 'smooth scrolling', 'smooth scroll',
  // the reasonable-person standard is a deliberate legal device, not a missing number
  'reasonable person', 'reasonable people', 'reasonable user', 'reasonable users', 'reasonable human', 'reasonable observer',
];
