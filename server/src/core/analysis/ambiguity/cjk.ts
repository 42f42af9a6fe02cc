/**
 * Vague wording in Japanese and Chinese requirements (sixteenth round, issue 13: "every spec format is reviewed"; spec-kit
 * and Kiro specs written in Japanese or Chinese keep their `**FR-001**` / `**SC-001**` ids and Given/When/Then steps but
 * got no finding at all). The English pass reads words between spaces; these languages have none, so their phrases are
 * found by substring in the requirement sentences of a block (analyze.ts `scanCjk`). Pure data and a matcher.
 *
 * Source: this project's own lists, made in the spirit of INCOSE GtWR R7–R9 (vague terms, escape clauses, open-ended
 * clauses) and of the English classes in classes.ts: words that judge quality, speed, amount, or leave the list or the
 * obligation open. Each entry gives its English sense, which the question quotes. Words with an exact sense in specs
 * ("複数" more than one, "正常" without error, "等しい" equal) are not listed.
 */
import type { AmbiguityCategory } from './lexicon';

export interface CjkEntry {
  /** The surface form matched (a substring). */
  form: string;
  /** What it means in English (quoted in the question). */
  gloss: string;
  category: AmbiguityCategory;
  lang: 'ja' | 'zh';
  /** A question of its own, instead of the category's. */
  question?: string;
}

const e = (lang: 'ja' | 'zh', category: AmbiguityCategory, gloss: string, forms: string[]): CjkEntry[] => forms.map((form) => ({ form, gloss, category, lang }));

export const CJK_ENTRIES: readonly CjkEntry[] = [
  // Japanese: quality
  ...e('ja', 'vague', 'appropriate', ['適切な', '適切に', '適当な']),
  ...e('ja', 'vague', 'sufficient', ['十分な', '十分に']),
  ...e('ja', 'vague', 'clear', ['明確な', '明確に']),
  ...e('ja', 'vague', 'easy to understand', ['わかりやすい', '分かりやすい', '理解しやすい']),
  ...e('ja', 'vague', 'easy to see', ['見やすい']),
  ...e('ja', 'vague', 'easy to use', ['使いやすい']),
  ...e('ja', 'vague', 'intuitive', ['直感的']),
  ...e('ja', 'vague', 'easily', ['簡単に', '容易に']),
  ...e('ja', 'vague', 'efficient', ['効率的']),
  ...e('ja', 'vague', 'flexible', ['柔軟な', '柔軟に']),
  ...e('ja', 'vague', 'optimal', ['最適な', '最適に']),
  ...e('ja', 'vague', 'high-quality', ['高品質な']),
  ...e('ja', 'vague', 'detailed', ['詳細な']),
  ...e('ja', 'vague', 'smoothly', ['スムーズに', 'スムーズな']),
  ...e('ja', 'vague', 'common, general', ['一般的な']),
  // "ユーザーが「処理が止まった」と感じない": a user's impression, which no test reads.
  ...e('ja', 'vague', 'feels that', ['と感じ']).map((x) => ({ ...x, question: 'How is the user’s impression (“と感じ”, feels that) checked? State what a test can observe instead (e.g. the progress display updates at least once per second).' })),
  // Japanese: speed and amount
  ...e('ja', 'time', 'quickly', ['迅速に', '迅速な', '速やかに', 'すぐに', '即座に']),
  ...e('ja', 'time', 'in a short time', ['短時間で']),
  ...e('ja', 'time', 'regularly', ['定期的に']),
  ...e('ja', 'quantity', 'many, a large amount of', ['多くの', '多数の', '大量の']),
  ...e('ja', 'quantity', 'some', ['いくつかの', '一部の']),
  // Japanese: escape and open-ended
  ...e('ja', 'escape', 'as needed', ['必要に応じて']),
  ...e('ja', 'escape', 'as far as possible', ['可能な限り', 'できるだけ', 'なるべく']),
  ...e('ja', 'escape', 'as appropriate', ['適宜']),
  ...e('ja', 'open-ended', 'etc.', ['など']),
  // Chinese: quality
  ...e('zh', 'vague', 'appropriate', ['适当', '合适', '恰当']),
  ...e('zh', 'vague', 'reasonable', ['合理的', '合理地']),
  ...e('zh', 'vague', 'clear', ['明确的', '清晰', '清楚的']),
  ...e('zh', 'vague', 'friendly', ['友好']),
  ...e('zh', 'vague', 'intuitive', ['直观']),
  ...e('zh', 'vague', 'concise', ['简洁']),
  ...e('zh', 'vague', 'easy to use', ['易用', '易于使用']),
  ...e('zh', 'vague', 'efficient', ['高效']),
  ...e('zh', 'vague', 'good', ['良好的']),
  ...e('zh', 'vague', 'sufficient', ['足够的', '充分的']),
  ...e('zh', 'vague', 'flexible', ['灵活']),
  ...e('zh', 'vague', 'smooth', ['流畅']),
  ...e('zh', 'vague', 'good-looking', ['美观']),
  ...e('zh', 'vague', 'detailed', ['详细的']),
  // Nineteenth round (set 6): "使用醒目的主色调" (an eye-catching primary colour), "使用更大的文本输入区域" (a larger input area,
  // larger than nothing named); the attributive 的 leaves out the predicate of "比 A 更大" (larger than A).
  ...e('zh', 'vague', 'eye-catching', ['醒目的', '醒目地']),
  ...e('zh', 'comparative', 'larger', ['更大的']),
  ...e('zh', 'comparative', 'smaller', ['更小的']),
  ...e('zh', 'comparative', 'faster', ['更快的']),
  ...e('zh', 'comparative', 'better', ['更好的']),
  ...e('ja', 'vague', 'eye-catching', ['目立つ']),
  // Chinese: speed and amount
  ...e('zh', 'time', 'quickly', ['快速', '迅速', '及时', '尽快', '立即', '很快']),
  ...e('zh', 'time', 'regularly', ['定期']),
  ...e('zh', 'quantity', 'a large amount of', ['大量', '许多', '很多']),
  ...e('zh', 'quantity', 'some', ['一些', '若干', '少量']),
  // Chinese: escape and open-ended
  ...e('zh', 'escape', 'as far as possible', ['尽可能']),
  ...e('zh', 'escape', 'when necessary', ['必要时', '如有必要', '视情况']),
  ...e('zh', 'open-ended', 'etc.', ['等等', '之类']),
];

/** A Japanese or Chinese character (kana or a CJK ideograph): the pass looks for these phrases only in blocks with one. */
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/;

/** Obligation in the language itself (besides RFC 2119 keywords, which these specs keep): must, should, necessary. */
export const CJK_MODAL = /しなければならない|する必要がある|必要がある|べきである|べき|ものとする|必須|必须|应该|应当|不得|务必/;

/** Sentence ends: the ideographic full stop and the full-width marks. */
export const CJK_SENTENCE_END = /[。！？!?]/;

/** Words before "など"/"等等" that make it a list of examples ("例えば A、B など"), which leaves nothing open. */
export const CJK_EXAMPLE_MARKERS = /例えば|たとえば|例：|例:|e\.g\.|例如|比如|诸如/;

/** A time bound in the sentence settles its speed words ("2 秒内反馈，非法语句立即被拒绝"), as a time unit does in English. */
export const CJK_TIME_BOUND = /\d\s*(?:ms|s|sec|min|秒|分|分钟|分間|時間|小时|毫秒)/;

/** Examples right after the phrase ("清晰的错误提示（如"连接失败"）"): the examples say what is meant. */
export const CJK_EXAMPLES_AFTER = /^[^。！？，、（(]{0,16}[（(]\s*(?:如|例如|比如|例：|例:|例えば|たとえば|e\.g\.)/;

export interface CjkMatch {
  entry: CjkEntry;
  /** Offset in the text searched. */
  at: number;
}

const NO_MATCHES: readonly CjkMatch[] = Object.freeze([]);

/**
 * The first-listed entry at each offset of `text`, longest form first, left to right, not overlapping. A text with no
 * Japanese or Chinese character (almost every block) is answered by one regular-expression test, with no allocation.
 */
export function matchCjk(text: string): readonly CjkMatch[] {
  if (!CJK_CHAR.test(text)) return NO_MATCHES;
  const out: CjkMatch[] = [];
  for (const entry of CJK_ENTRIES) {
    for (let at = text.indexOf(entry.form); at >= 0; at = text.indexOf(entry.form, at + entry.form.length)) out.push({ entry, at });
  }
  out.sort((a, b) => a.at - b.at || b.entry.form.length - a.entry.form.length);
  const kept: CjkMatch[] = [];
  let end = -1;
  for (const m of out) {
    if (m.at < end) continue;
    kept.push(m);
    end = m.at + m.entry.form.length;
  }
  return kept;
}

const ASK: Partial<Record<AmbiguityCategory, string>> = {
  vague: 'State a criterion a reviewer can check (e.g. what it must contain or do, or a check a test could run).',
  time: 'Give a maximum delay or an interval (e.g. within 2 s of the request, once per day).',
  quantity: 'Give a number or a range (e.g. at least 2, no more than 100).',
  escape: 'Name the exceptions and what is required then, or make it unconditional.',
  'open-ended': 'List every item, or say the list is closed.',
};

/** The question asked of a match: the phrase, its English sense, and what would settle it. */
export function cjkQuestion(entry: CjkEntry): string {
  if (entry.question) return entry.question;
  if (entry.category === 'comparative') return `${entry.gloss.charAt(0).toUpperCase()}${entry.gloss.slice(1)} than what (“${entry.form}”), and by how much? Name the baseline and the target (e.g. twice the current height, at least 16 px).`;
  const what = entry.category === 'open-ended' ? `What else belongs to the list that “${entry.form}” (${entry.gloss}) leaves open?` : `What counts as “${entry.form}” (${entry.gloss}) here?`;
  return `${what} ${ASK[entry.category] ?? ASK.vague!}`;
}
