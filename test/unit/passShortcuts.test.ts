// The ambiguity pass's shortcuts (issue 13: the block prefilter, judge's first test and its early verdicts) change no finding: the pass
// runs with them and without them over the dev and held-out fixtures, the Model Spec and generated text, directly and
// through the index, and the findings must be deep-equal.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSpec } from '../../server/src/core/markdown/parseSpec';
import { findAmbiguities, setShortcuts, type AmbiguityFinding, type AmbiguityOptions } from '../../server/src/core/analysis/ambiguity/analyze';
import { documentTerms } from '../../server/src/core/analysis/ambiguity/formats';
import { LEXICON, NOT_AMBIGUOUS } from '../../server/src/core/analysis/ambiguity/lexicon';
import { CLASS_WORDS, DEGREE_MODIFIERS, QUANTITY_DETERMINERS, TERMS_OF_ART } from '../../server/src/core/analysis/ambiguity/classes';
import { memoryWorkspace, modelSpecDir, repoRoot } from '../helpers/workspace';
import { prng } from '../helpers/prng';

/** The findings of one run, with the shortcuts on or off. */
function run(on: boolean, f: () => unknown): unknown {
  setShortcuts(on);
  try {
    return f();
  } finally {
    setShortcuts(true);
  }
}

/** Asserts the findings are the same with the shortcuts and without; returns how many there were. */
function same(label: string, f: () => AmbiguityFinding[]): number {
  const without = run(false, f) as AmbiguityFinding[];
  const withShortcuts = run(true, f) as AmbiguityFinding[];
  assert.deepEqual(withShortcuts, without, label);
  return without.length;
}

/** The option sets a spec is read with: plain, an IETF draft (capitals only), a behaviour policy, a user's terms. */
function optionSets(text: string): AmbiguityOptions[] {
  const terms = documentTerms(text);
  return [
    { specText: text, documentTerms: terms },
    { specText: text, documentTerms: terms, capitalKeywordsOnly: true },
    { specText: text, documentTerms: terms, domain: 'policy', normativeAuthorities: ['root', 'guideline', 'user'] },
    {
      specText: text,
      addTerms: [{ term: 'in due course', category: 'time' }, { term: 'blazingly', category: 'vague' }],
      ignoreTerms: ['etc.', 'appropriate'],
      glossary: ['fast path', 'clear text'],
    },
    {},
  ];
}

function checkSpec(file: string, text: string): number {
  const prose = parseSpec(file, text).prose;
  let n = 0;
  optionSets(text).forEach((options, i) => {
    n += same(`${file}, option set ${i}`, () => findAmbiguities(prose, options));
  });
  return n;
}

function markdownFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? markdownFiles(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []));
}

/**
 * Generated specs: sentences drawn from the rules' own lists (lexicon forms, class words, degree modifiers, protected
 * phrases, terms of art) mixed with plain words, keywords in both cases, quotes, code, questions, list items under
 * lead-ins, commentary, criteria and discussion sections, Gherkin and EARS.
 */
function generated(seed: number): string {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const lexicon = LEXICON.flatMap((e) => [e.term, ...(e.forms ?? [])]);
  const classWords = [...CLASS_WORDS.keys()];
  const plain = 'the service user request reply data cache file record token session limit queue job page report value field'.split(' ');
  const verbs = 'returns stores sends keeps shows handles rejects logs retries accepts'.split(' ');
  const keywords = ['MUST', 'must', 'SHALL', 'should', 'SHOULD NOT', 'MAY', 'is required to', 'required', 'REQUIRED', 'OPTIONAL', 'RECOMMENDED', "mustn't"];
  const word = (): string => {
    const r = rnd();
    if (r < 0.08) return pick(lexicon);
    if (r < 0.18) return pick(classWords);
    if (r < 0.21) return `${pick([...DEGREE_MODIFIERS])} ${pick(classWords)}`;
    if (r < 0.24) return pick([...QUANTITY_DETERMINERS]);
    if (r < 0.26) return pick(NOT_AMBIGUOUS);
    if (r < 0.27) return pick(TERMS_OF_ART)[0];
    if (r < 0.29) return pick(['more', 'less', 'most', 'least', 'the most', 'fewer']);
    if (r < 0.31) return `"${pick(lexicon)}"`;
    if (r < 0.32) return `\`${pick(classWords)}\``;
    if (r < 0.33) return `${pick(plain)}-${pick(classWords)}`;
    if (r < 0.35) return String(Math.floor(rnd() * 500));
    return pick(plain);
  };
  const sentence = (): string => {
    const words = Array.from({ length: 3 + Math.floor(rnd() * 12) }, word);
    if (rnd() < 0.5) words.splice(1 + Math.floor(rnd() * 2), 0, pick(keywords), pick(verbs));
    const s = words.join(' ');
    const end = rnd() < 0.1 ? '?' : rnd() < 0.1 ? ':' : '.';
    return s[0]!.toUpperCase() + s.slice(1) + end;
  };
  // One possible trigger in plain words: a block only that trigger keeps from the prefilter.
  const adjectives = 'specific visible complete private stable formal strict'.split(' ');
  const sparse = (): string => {
    const trigger = pick(['more', 'less', 'most', 'least', 'the most', pick([...DEGREE_MODIFIERS]), pick(classWords), pick(lexicon)]);
    const s = `the ${pick(plain)} ${rnd() < 0.7 ? pick(keywords) : pick(verbs)} be ${trigger} ${rnd() < 0.5 ? pick(adjectives) : pick(plain)}`;
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const paragraph = (): string => {
    const r = rnd();
    if (rnd() < 0.25) return rnd() < 0.3 ? `- ${sparse()}` : sparse();
    const body = Array.from({ length: 1 + Math.floor(rnd() * 3) }, sentence).join(' ');
    if (r < 0.05) return `!!! note\n    ${body}`;
    if (r < 0.1) return `**Example**: ${body}`;
    if (r < 0.14) return `Given a ${pick(plain)} when the ${pick(plain)} ${pick(verbs)} then it ${pick(keywords)} be ${pick(classWords)}.`;
    if (r < 0.18) return `WHEN the ${pick(plain)} is ${pick(classWords)} THEN the system SHALL ${pick(verbs)} it ${pick(lexicon)}.`;
    if (r < 0.22) return `**FR-${Math.floor(rnd() * 90) + 10}**: ${body}`;
    if (r < 0.26) return `What happens when the ${pick(plain)} is ${pick(classWords)}? The system ${pick(keywords)} ${pick(verbs)} it ${pick(classWords)}.`;
    if (r < 0.32) return `The ${pick(plain)} ${pick(keywords)}:\n\n${Array.from({ length: 3 }, () => `- ${sentence()}`).join('\n')}`;
    if (r < 0.45) return Array.from({ length: 3 }, () => `- ${sentence()}`).join('\n');
    if (r < 0.5) return `1. ${sentence()}\n2. ${sentence()}`;
    return body;
  };
  const titles = ['Acceptance Criteria', 'Non-goals', 'Motivation', 'Requirements', 'Risks', 'Goals', 'Examples', 'Why is it slow?', 'Behaviour'];
  const authorities = ['root', 'system', 'developer', 'user', 'guideline'];
  const sections = Array.from({ length: 12 }, (_, i) => {
    const heading = `${i % 3 === 0 ? '##' : '###'} ${pick(titles)} {#s${seed}_${i} authority=${pick(authorities)}}`;
    return [heading, ...Array.from({ length: 2 + Math.floor(rnd() * 5) }, paragraph)].join('\n\n');
  });
  return `# Spec ${seed}\n\n${sections.join('\n\n')}\n`;
}

describe('ambiguity pass shortcuts change no finding (issue 13)', () => {
  it('on the dev and held-out fixtures and the labeled samples', () => {
    const dirs = ['dev', 'heldout', 'real-synthetic'].map((d) => path.join(repoRoot, 'test', 'fixtures', 'clarity', d));
    const files = dirs.flatMap(markdownFiles);
    assert.ok(files.length >= 30, `only ${files.length} fixture files`);
    let n = 0;
    for (const file of files) n += checkSpec(path.relative(repoRoot, file), fs.readFileSync(file, 'utf8'));
    assert.ok(n > 500, `only ${n} findings: the comparison would say little`);
  });

  it('on the Model Spec', () => {
    const file = path.join(modelSpecDir(), 'model_spec.md');
    const n = checkSpec('model_spec.md', fs.readFileSync(file, 'utf8'));
    assert.ok(n > 100, `only ${n} findings`);
  });

  it('on generated specs', () => {
    let n = 0;
    for (let seed = 1; seed <= 20; seed++) n += checkSpec(`generated-${seed}.md`, generated(seed));
    assert.ok(n > 500, `only ${n} findings`);
  });

  it('through the index (chunks, sections, document terms, formats)', () => {
    const files: Record<string, string> = {};
    for (const file of markdownFiles(path.join(repoRoot, 'test', 'fixtures', 'clarity', 'dev'))) files[`specs/${path.basename(file)}`] = fs.readFileSync(file, 'utf8');
    for (let seed = 100; seed < 110; seed++) files[`specs/generated-${seed}.md`] = generated(seed);
    files['specs/model_spec.md'] = fs.readFileSync(path.join(modelSpecDir(), 'model_spec.md'), 'utf8');
    const hits = (on: boolean): unknown =>
      run(on, () => {
        const index = memoryWorkspace(files);
        return Object.keys(files).map((p) => [p, index.factsOf(p)?.ambiguity]);
      });
    const without = hits(false) as [string, unknown[] | undefined][];
    assert.deepEqual(hits(true), without);
    assert.ok(without.reduce((n, [, h]) => n + (h?.length ?? 0), 0) > 300);
  });
});
