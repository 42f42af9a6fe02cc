import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { normalizeLabel, scanMarkdown, type ScanResult } from '../../server/src/core/markdown/scanner';
import { blankRanges, kramdownFacts } from '../../server/src/core/markdown/formats';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The scanner's oracle: micromark/mdast with the remark plugins parseSpec uses (GFM footnotes, strikethrough, tables,
 * task lists; YAML and TOML front matter). Both sides are reduced to the same list of fact lines — exactly what the
 * index needs: headings (level, range, text range, attribute block), footnote definitions and references (with or
 * without a definition), link reference definitions, inline link destinations, code and HTML blocks, prose blocks and
 * front matter — and compared as lists.
 */

function gfmWithoutAutolinks(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

const processor = unified().use(remarkParse).use(gfmWithoutAutolinks).use(remarkFrontmatter, ['yaml', 'toml']);

interface Node {
  type: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: Node[];
  value?: string;
  url?: string;
  label?: string;
  identifier?: string;
  depth?: number;
}

const INLINE_PARENTS = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete', 'link', 'linkReference']);

/** A plain `[^x]` (no definition) in a text node, the way parseSpec finds them: unescaped `[`, a label without spaces. */
const PLAIN_REF = /\[\^([^\s[\]\\`<>*_~&!]+)\]/g;

/** mdast's identifier: the label as written, whitespace collapsed, case-folded. */
function label(node: Node): string {
  return (node.identifier ?? '').toLowerCase();
}

function attributeOf(raw: string, at: number): string {
  const open = raw.lastIndexOf('{');
  if (open < 0 || (open > 0 && raw[open - 1] === '\\')) return '';
  const m = /^\{([^{}\n]*)\}[ \t]*$/.exec(raw.slice(open));
  return m ? ` attr=${at + open}-${at + open + m[0].trimEnd().length}:${m[1]}` : '';
}

/**
 * One known oracle bug is worked around: when the first line opens front matter (`---`, `+++`) that never closes,
 * remark-frontmatter's failed attempt leaves micromark without its container constructs for the rest of the document
 * (`> quote`, `- item`, `[^x]: note` all come out as paragraphs). Such a text is parsed behind one blank line (which
 * cannot start front matter) and the offsets are shifted back.
 */
export function oracleFacts(text: string): string[] {
  const facts: string[] = [];
  // A kramdown-rfc draft is parsed as parseSpec parses it: front matter and section marker lines blanked.
  const kramdown = kramdownFacts(text);
  if (kramdown) {
    facts.push(`frontMatter kramdown 0-${kramdown.masked[0]![1]}`);
    for (const [s, e] of kramdown.masked.slice(1)) facts.push(`marker ${s}-${e}`);
  }
  let root = processor.parse(kramdown ? blankRanges(text, kramdown.masked) : text) as unknown as Node;
  // micromark drops a byte order mark: its offsets start after it.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let shift = -bom;
  if (!kramdown && /^(?:---|\+\+\+)/.test(text.slice(bom)) && !(root.children ?? []).some((n) => n.type === 'yaml' || n.type === 'toml')) {
    root = processor.parse(text.slice(0, bom) + '\n' + text.slice(bom)) as unknown as Node;
    shift = 1 - bom;
  }
  const stack: [Node, Node | undefined][] = [[root, undefined]];
  while (stack.length) {
    const [node, parent] = stack.pop()!;
    const s = (node.position?.start.offset ?? -1) - shift;
    const e = (node.position?.end.offset ?? -1) - shift;
    if ((node.type === 'link' || node.type === 'image') && text[s] === '<') continue; // an autolink: opaque
    switch (node.type) {
      case 'heading': {
        const kids = node.children ?? [];
        let t = '';
        if (kids.length) {
          const ts = kids[0]!.position!.start.offset! - shift;
          const te = kids[kids.length - 1]!.position!.end.offset! - shift;
          t = ` text=${ts}-${te}${attributeOf(text.slice(ts, te), ts)}`;
        }
        facts.push(`heading ${node.depth} ${s}-${e}${t}`);
        break;
      }
      case 'paragraph':
        facts.push(`prose ${s}-${e}`);
        break;
      case 'tableRow':
        facts.push(`prose ${s}-${e}`);
        break;
      case 'code':
        facts.push(`code ${s}-${e}`);
        break;
      case 'html':
        if (!parent || !INLINE_PARENTS.has(parent.type)) facts.push(`html ${s}-${e}`);
        break;
      case 'yaml':
      case 'toml':
        facts.push(`frontMatter ${node.type} ${s}-${e}`);
        break;
      case 'definition':
        facts.push(`definition ${label(node)} ${s}-${e}`);
        break;
      case 'footnoteDefinition':
        facts.push(`footnoteDef ${label(node)} ${s}-${e}`);
        break;
      case 'footnoteReference':
        facts.push(`footnoteRef defined ${label(node)} ${s}-${e}`);
        break;
      case 'link':
      case 'image':
        facts.push(`link ${s}-${e}`);
        break;
      case 'text': {
        const raw = text.slice(s, e);
        for (const m of raw.matchAll(PLAIN_REF)) {
          let k = m.index - 1;
          let slashes = 0;
          while (k >= 0 && raw[k] === '\\') {
            slashes++;
            k--;
          }
          if (slashes % 2 === 0) facts.push(`footnoteRef plain ${normalizeLabel(m[1]!).toLowerCase()} ${s + m.index}-${s + m.index + m[0].length}`);
        }
        break;
      }
    }
    const kids = node.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, node]);
  }
  return facts.sort(compareFacts);
}

export function scannerFacts(text: string, result: ScanResult = scanMarkdown(text)): string[] {
  const facts: string[] = [];
  for (const h of result.headings) {
    const t = h.textStart !== undefined ? ` text=${h.textStart}-${h.textEnd}${h.attribute ? ` attr=${h.attribute.start}-${h.attribute.end}:${h.attribute.inner}` : ''}` : '';
    facts.push(`heading ${h.level} ${h.start}-${h.end}${t}`);
  }
  for (const p of result.prose) facts.push(`prose ${p.start}-${p.end}`);
  for (const c of result.codeBlocks) facts.push(`code ${c.start}-${c.end}`);
  for (const h of result.htmlBlocks) facts.push(`html ${h.start}-${h.end}`);
  for (const m of result.markers) facts.push(`marker ${m.start}-${m.end}`);
  if (result.frontMatter) facts.push(`frontMatter ${result.frontMatter.kind} ${result.frontMatter.start}-${result.frontMatter.end}`);
  for (const d of result.definitions) facts.push(`definition ${d.label.toLowerCase()} ${d.start}-${d.end}`);
  for (const d of result.footnoteDefs) facts.push(`footnoteDef ${normalizeLabel(d.label).toLowerCase()} ${d.start}-${d.end}`);
  for (const r of result.footnoteRefs) facts.push(`footnoteRef ${r.defined ? 'defined' : 'plain'} ${normalizeLabel(r.label).toLowerCase()} ${r.start}-${r.end}`);
  for (const l of result.links) facts.push(`link ${l.start}-${l.end}`);
  return facts.sort(compareFacts);
}

function compareFacts(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The facts on one side only: `-` oracle only, `+` scanner only. Empty when they agree. */
export function factDifferences(text: string): string[] {
  const want = oracleFacts(text);
  const got = scannerFacts(text);
  const counts = new Map<string, number>();
  for (const f of want) counts.set(f, (counts.get(f) ?? 0) + 1);
  const extra: string[] = [];
  for (const f of got) {
    const n = counts.get(f) ?? 0;
    if (n > 0) counts.set(f, n - 1);
    else extra.push(`+ ${f}`);
  }
  const missing: string[] = [];
  for (const [f, n] of counts) for (let i = 0; i < n; i++) missing.push(`- ${f}`);
  return [...missing, ...extra];
}

/** The oracle's parse alone (micromark + mdast with parseSpec's plugins): the baseline of the scanner's benchmark. */
export function parseMdast(text: string): unknown {
  return processor.parse(text);
}

/** Every Markdown file under `dir` (not node_modules or dot folders), sorted; none when `dir` is absent. */
export function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    if (!fs.existsSync(d)) continue;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) stack.push(p);
      } else if (/\.(?:md|markdown)$/i.test(e.name)) out.push(p);
    }
  }
  return out.sort();
}
