import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import GithubSlugger from 'github-slugger';
import { LineIndex, ID_PATTERN } from '../text';
import type { Clause, Range } from '../types';
import { looksLikeAttributeBlock, parseAttributeBlock } from './attributes';

/**
 * Parses one spec Markdown file into facts: heading clauses, footnote references and definitions, links and anchors.
 * unified + remark-parse + remark-gfm + remark-frontmatter; never line regexes, so fenced code (including fences in
 * fences), indented code, inline code, HTML comments, front matter and escapes hold no clauses and no references.
 * Pure and config-independent (so results can be cached by content). Never throws: problems are returned.
 * Implements [^markdown_parsing] [^mp7q] and [^never_throw] [^nt4x].
 */

export interface HeadingInfo {
  title: string;
  level: number;
  range: Range;
  /** The `{#id}` of a clause heading. */
  id?: string;
  slug: string;
}

export interface FootnoteRef {
  id: string;
  /** The whole `[^id]`. */
  range: Range;
  idRange: Range;
  /** Plain text of the innermost block around the reference (paragraph, list item, table row, heading). */
  blockText: string;
  /** The enclosing heading clause, its authority (inherited from ancestors when it has none) and section titles. */
  parent?: string;
  authority?: string;
  section: string[];
  sectionTitle: string;
}

export interface FootnoteDef {
  id: string;
  /** The `[^id]:` label. */
  range: Range;
  idRange: Range;
  /** The raw target when the definition's content is a file path or a link to one (the example file). */
  target?: string;
  targetRange?: Range;
  /** Plain text of the definition. */
  text: string;
}

export interface SpecLink {
  /** The raw URL as written. */
  url: string;
  /** The file part (`''` for a same-file `#anchor`). */
  path: string;
  /** The decoded anchor, without `#`. */
  anchor: string;
  /** The link (or link definition) as a whole. */
  range: Range;
  /** Just `anchor` inside the URL. */
  anchorRange: Range;
}

export interface MalformedBlock {
  range: Range;
  message: string;
  raw: string;
}

/**
 * A block of spec prose for text analysis (the ambiguity pass). `text` is the block's raw source with everything that
 * is not prose blanked out by spaces — inline code, HTML, link URLs and brackets, emphasis markers, footnote
 * references, heading markers and attribute blocks — so `text[i]` is the character at file offset `start + i`.
 */
export interface ProseBlock {
  kind: 'paragraph' | 'heading' | 'tableCell';
  start: number;
  end: number;
  text: string;
  /** The heading clause the prose belongs to (for a heading clause's own title: that clause). */
  clauseId?: string;
  /** Authority of that clause, inherited from enclosing clauses when it has none. */
  authority?: string;
}

export interface SpecFacts {
  file: string;
  headings: HeadingInfo[];
  headingClauses: Clause[];
  footnoteRefs: FootnoteRef[];
  footnoteDefs: FootnoteDef[];
  links: SpecLink[];
  /** Every anchor this file offers: `{#id}`s, GitHub-style heading slugs, HTML `id=`/`name=` attributes. */
  anchors: Set<string>;
  malformed: MalformedBlock[];
  /** Prose blocks in document order (not inside code, HTML, front matter, footnote definitions or link definitions). */
  prose: ProseBlock[];
  /** The end of the document (where a quick fix appends). */
  end: { line: number; character: number };
  problems: string[];
}

interface MdNode {
  type: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: MdNode[];
  value?: string;
  url?: string;
  identifier?: string;
  label?: string;
  depth?: number;
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

/** Nodes whose content is never prose: no references, no clauses. */
const OPAQUE = new Set(['code', 'inlineCode', 'html', 'yaml', 'toml', 'math', 'inlineMath', 'image', 'imageReference']);
/** Blocks that bound a footnote's text; the innermost one wins. */
const TEXT_BLOCKS = new Set(['paragraph', 'listItem', 'tableRow', 'heading']);
const REF_RE = new RegExp(`\\[\\^(${ID_PATTERN})\\]`, 'g');
const HTML_ANCHOR_RE = /\b(?:id|name)\s*=\s*["']([^"']+)["']/gi;
const HEADING_TEXT_LIMIT = 1200;
const BLOCK_TEXT_LIMIT = 2000;

export function emptySpecFacts(file: string): SpecFacts {
  return { file, headings: [], headingClauses: [], footnoteRefs: [], footnoteDefs: [], links: [], anchors: new Set(), malformed: [], prose: [], end: { line: 0, character: 0 }, problems: [] };
}

export function parseSpec(file: string, text: string): SpecFacts {
  const facts = emptySpecFacts(file);
  facts.end = new LineIndex(text).positionAt(text.length);
  // Cheap prefilter: a file with no heading, no `[^`, no link and no HTML anchor has nothing to index.
  if (!/[#[=<]/.test(text)) return facts;
  let tree: MdNode;
  try {
    tree = processor.parse(text) as unknown as MdNode;
  } catch (err) {
    facts.problems.push(`could not parse Markdown: ${(err as Error).message}`);
    return facts;
  }
  try {
    new SpecWalker(file, text, facts).walk(tree);
  } catch (err) {
    facts.problems.push(`could not index Markdown: ${(err as Error).message}`);
  }
  return facts;
}

interface SectionEntry {
  level: number;
  title: string;
  id?: string;
  authority?: string;
}

class SpecWalker {
  private readonly lines: LineIndex;
  private readonly slugger = new GithubSlugger();
  private readonly sections: SectionEntry[] = [];
  /** Heading clauses in order, with the root-level index of their heading for section text. */
  private readonly headingNodes: { clause: Clause; node: MdNode }[] = [];

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly facts: SpecFacts,
  ) {
    this.lines = new LineIndex(text);
  }

  walk(root: MdNode): void {
    // Iterative pre-order walk (document order) with the innermost text block tracked per entry:
    // deep nesting in hostile input must not overflow the call stack.
    const stack: { node: MdNode; block?: MdNode }[] = [{ node: root }];
    while (stack.length) {
      const { node, block } = stack.pop()!;
      if (OPAQUE.has(node.type)) {
        if (node.type === 'html' && node.value) this.htmlAnchors(node.value);
        continue;
      }
      switch (node.type) {
        case 'heading':
          this.heading(node);
          this.proseBlock(node, 'heading');
          break;
        case 'paragraph':
          this.proseBlock(node, 'paragraph');
          break;
        case 'tableCell':
          this.proseBlock(node, 'tableCell');
          break;
        case 'text':
          this.textRefs(node, block);
          continue;
        case 'footnoteReference':
          this.footnoteReference(node, block);
          continue;
        case 'footnoteDefinition':
          this.footnoteDefinition(node);
          continue;
        case 'link':
        case 'definition':
          this.link(node);
          break;
      }
      const children = node.children;
      if (!children) continue;
      const innerBlock = TEXT_BLOCKS.has(node.type) ? node : block;
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, block: innerBlock });
    }
    this.sectionTexts(root);
  }

  private offsets(node: MdNode): [number, number] {
    return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
  }

  /** Heading clauses: the attribute block, every attribute kept [^hc2b]; a malformed block is reported, not guessed [^hc9m]. */
  private heading(node: MdNode): void {
    const level = node.depth ?? 1;
    const [start, end] = this.offsets(node);
    const range = this.lines.rangeOf(start, end);
    let title = plainText(node).trim();
    let clause: Clause | undefined;
    const block = this.attributeBlock(node);
    if (block) {
      title = block.titleBefore.trim();
      const parsed = parseAttributeBlock(block.inner);
      if (parsed.error) {
        this.facts.malformed.push({
          range: this.lines.rangeOf(block.start, block.end),
          message: `Malformed attribute block \`${block.raw}\`: ${parsed.error}.`,
          raw: block.raw,
        });
      }
      if (parsed.id !== undefined) {
        const idStart = block.start + 1 + parsed.idOffset!;
        const authority = parsed.attributes['authority'];
        clause = {
          id: parsed.id,
          kind: 'heading',
          title: title || parsed.id,
          text: '',
          file: this.file,
          range,
          idRange: this.lines.rangeOf(idStart, idStart + parsed.id.length),
          section: [],
          attributes: parsed.attributes,
          level,
          ...(authority !== undefined ? { authority } : {}),
        };
      }
    }
    while (this.sections.length && this.sections[this.sections.length - 1]!.level >= level) this.sections.pop();
    const parentSections = this.sections.map((s) => s.title);
    const parentClause = [...this.sections].reverse().find((s) => s.id !== undefined)?.id;
    if (clause && parentClause !== undefined) clause.parent = parentClause;
    const entry: SectionEntry = { level, title: title || clause?.id || '' };
    if (clause) {
      entry.id = clause.id;
      if (clause.authority !== undefined) entry.authority = clause.authority;
      clause.section = [...parentSections, clause.title];
      this.facts.headingClauses.push(clause);
      this.headingNodes.push({ clause, node });
      this.facts.anchors.add(clause.id);
    }
    this.sections.push(entry);
    const slug = this.slugger.slug(title);
    this.facts.anchors.add(slug);
    this.facts.headings.push({ title, level, range, slug, ...(clause ? { id: clause.id } : {}) });
  }

  /** Finds a trailing `{…}` attribute block in the heading's last text node (escaped `\{` is literal text). */
  private attributeBlock(node: MdNode): { start: number; end: number; inner: string; raw: string; titleBefore: string } | undefined {
    const children = node.children ?? [];
    const last = children[children.length - 1];
    if (!last || last.type !== 'text') return undefined;
    const [ls, le] = this.offsets(last);
    const raw = this.text.slice(ls, le);
    const m = /\{([^{}\n]*)\}[ \t]*$/.exec(raw);
    if (!m) return undefined;
    if (m.index > 0 && raw[m.index - 1] === '\\') return undefined;
    if (!looksLikeAttributeBlock(m[1]!)) return undefined;
    const start = ls + m.index;
    const end = start + m[0].trimEnd().length;
    // Title: the heading's text with the block cut off the last text node.
    const lastValue = last.value ?? '';
    const cut = lastValue.lastIndexOf('{');
    const before = children.slice(0, -1).map(plainText).join('') + (cut >= 0 ? lastValue.slice(0, cut) : lastValue);
    return { start, end, inner: m[1]!, raw: m[0].trim(), titleBefore: before };
  }

  private currentSection(): { parent?: string; authority?: string; section: string[]; sectionTitle: string } {
    let parent: string | undefined;
    let authority: string | undefined;
    for (let i = this.sections.length - 1; i >= 0; i--) {
      const s = this.sections[i]!;
      if (parent === undefined && s.id !== undefined) parent = s.id;
      if (authority === undefined && s.authority !== undefined) authority = s.authority;
    }
    const section = this.sections.map((s) => s.title);
    const result: { parent?: string; authority?: string; section: string[]; sectionTitle: string } = {
      section,
      sectionTitle: section[section.length - 1] ?? '',
    };
    if (parent !== undefined) result.parent = parent;
    if (authority !== undefined) result.authority = authority;
    return result;
  }

  /** Undefined footnotes stay text in GFM: read them from the raw source, honouring escapes [^fn3d]. */
  private textRefs(node: MdNode, block: MdNode | undefined): void {
    const [start, end] = this.offsets(node);
    const raw = this.text.slice(start, end);
    if (!raw.includes('[^')) return;
    REF_RE.lastIndex = 0;
    for (let m = REF_RE.exec(raw); m; m = REF_RE.exec(raw)) {
      if (isEscaped(raw, m.index)) continue;
      // Inside a heading, the attribute block is not prose.
      this.addRef(m[1]!, start + m.index, block);
    }
  }

  private footnoteReference(node: MdNode, block: MdNode | undefined): void {
    const [start] = this.offsets(node);
    const raw = this.text.slice(start, this.offsets(node)[1]);
    const m = /^\[\^([^\]]*)\]/.exec(raw);
    const id = m ? m[1]! : (node.label ?? node.identifier ?? '');
    if (!new RegExp(`^${ID_PATTERN}$`).test(id)) return;
    this.addRef(id, start, block);
  }

  /** Innermost block, enclosing heading clause and inherited authority [^fn8r]. */
  private addRef(id: string, start: number, block: MdNode | undefined): void {
    const idStart = start + 2;
    const ctx = this.currentSection();
    this.facts.footnoteRefs.push({
      id,
      range: this.lines.rangeOf(start, idStart + id.length + 1),
      idRange: this.lines.rangeOf(idStart, idStart + id.length),
      blockText: block ? limit(collapse(plainText(block)), BLOCK_TEXT_LIMIT) : '',
      ...ctx,
    });
  }

  private footnoteDefinition(node: MdNode): void {
    const [start, end] = this.offsets(node);
    const raw = this.text.slice(start, end);
    const m = /^\[\^([^\]]*)\]:/.exec(raw);
    const id = m ? m[1]! : (node.label ?? '');
    if (!new RegExp(`^${ID_PATTERN}$`).test(id)) return;
    const def: FootnoteDef = {
      id,
      range: this.lines.rangeOf(start, start + id.length + 4),
      idRange: this.lines.rangeOf(start + 2, start + 2 + id.length),
      text: collapse(plainText(node)),
    };
    const target = definitionTarget(node);
    if (target) {
      def.target = target.value;
      if (target.node) {
        const [ts, te] = this.offsets(target.node);
        const inner = this.text.slice(ts, te).indexOf(target.value);
        def.targetRange = inner >= 0 ? this.lines.rangeOf(ts + inner, ts + inner + target.value.length) : this.lines.rangeOf(ts, te);
      }
    }
    this.facts.footnoteDefs.push(def);
  }

  /** Anchor links, same-file and cross-file [^anchor_links]. */
  private link(node: MdNode): void {
    const url = node.url ?? '';
    const hash = url.indexOf('#');
    if (hash < 0) return;
    const path = url.slice(0, hash);
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) return;
    if (path && !/\.(md|markdown)$/i.test(path.split('?')[0]!)) return;
    const rawAnchor = url.slice(hash + 1);
    if (!rawAnchor) return;
    let anchor = rawAnchor;
    try {
      anchor = decodeURIComponent(rawAnchor);
    } catch {
      // a stray % stays literal
    }
    const [start, end] = this.offsets(node);
    const raw = this.text.slice(start, end);
    const at = raw.lastIndexOf(`#${rawAnchor}`);
    const anchorRange = at >= 0 ? this.lines.rangeOf(start + at + 1, start + at + 1 + rawAnchor.length) : this.lines.rangeOf(start, end);
    this.facts.links.push({ url, path, anchor, range: this.lines.rangeOf(start, end), anchorRange });
  }

  /** The block's raw text with non-prose masked by spaces (offsets preserved). Iterative over the block's inlines. */
  private proseBlock(node: MdNode, kind: ProseBlock['kind']): void {
    const [start, end] = this.offsets(node);
    if (end <= start) return;
    const chars = this.text.slice(start, end).split('');
    const mask = (from: number, to: number): void => {
      for (let i = Math.max(from, start); i < Math.min(to, end); i++) {
        const c = chars[i - start]!;
        if (c !== '\n' && c !== '\r') chars[i - start] = ' ';
      }
    };
    const maskOutsideChildren = (n: MdNode): void => {
      const [ns, ne] = this.offsets(n);
      const kids = n.children ?? [];
      if (kids.length === 0) return mask(ns, ne);
      mask(ns, this.offsets(kids[0]!)[0]);
      mask(this.offsets(kids[kids.length - 1]!)[1], ne);
    };
    maskOutsideChildren(node);
    if (kind === 'heading') {
      const block = this.attributeBlock(node);
      if (block) mask(block.start, block.end);
    }
    const stack: MdNode[] = [...(node.children ?? [])];
    while (stack.length) {
      const n = stack.pop()!;
      const [ns, ne] = this.offsets(n);
      if (n.type === 'text') {
        const raw = this.text.slice(ns, ne);
        if (raw.includes('[^')) {
          REF_RE.lastIndex = 0;
          for (let m = REF_RE.exec(raw); m; m = REF_RE.exec(raw)) mask(ns + m.index, ns + m.index + m[0].length);
        }
        continue;
      }
      if (n.type === 'inlineCode' || n.type === 'html' || n.type === 'image' || n.type === 'imageReference' || n.type === 'footnoteReference' || n.type === 'break') {
        mask(ns, ne);
        continue;
      }
      if (n.children) {
        maskOutsideChildren(n);
        stack.push(...n.children);
      }
    }
    const ctx = this.currentSection();
    const block: ProseBlock = { kind, start, end, text: chars.join('') };
    if (ctx.parent !== undefined) block.clauseId = ctx.parent;
    if (ctx.authority !== undefined) block.authority = ctx.authority;
    this.facts.prose.push(block);
  }

  /** HTML `id=`/`name=` attributes are anchors too [^ln2a]. */
  private htmlAnchors(html: string): void {
    HTML_ANCHOR_RE.lastIndex = 0;
    for (let m = HTML_ANCHOR_RE.exec(html); m; m = HTML_ANCHOR_RE.exec(html)) this.facts.anchors.add(m[1]!);
  }

  /** A heading clause's text: the prose of the sibling blocks after it, up to the next heading. */
  private sectionTexts(_root: MdNode): void {
    for (const { clause, node } of this.headingNodes) {
      const parent = this.parentOf(_root, node);
      if (!parent?.children) continue;
      const at = parent.children.indexOf(node);
      const parts: string[] = [];
      let length = 0;
      for (let i = at + 1; i < parent.children.length && length < HEADING_TEXT_LIMIT; i++) {
        const sibling = parent.children[i]!;
        if (sibling.type === 'heading') break;
        if (OPAQUE.has(sibling.type) || sibling.type === 'definition' || sibling.type === 'footnoteDefinition' || sibling.type === 'thematicBreak') continue;
        const t = collapse(plainText(sibling));
        if (t) {
          parts.push(t);
          length += t.length;
        }
      }
      clause.text = limit(parts.join('\n\n'), HEADING_TEXT_LIMIT);
    }
  }

  private parentCache?: Map<MdNode, MdNode>;

  private parentOf(root: MdNode, node: MdNode): MdNode | undefined {
    if (!this.parentCache) {
      // Headings are almost always root children; only build the full parent map when one is nested.
      const map = new Map<MdNode, MdNode>();
      for (const child of root.children ?? []) map.set(child, root);
      this.parentCache = map;
    }
    const direct = this.parentCache.get(node);
    if (direct) return direct;
    const stack: MdNode[] = [root];
    while (stack.length) {
      const n = stack.pop()!;
      for (const c of n.children ?? []) {
        if (c === node) return n;
        if (c.children) stack.push(c);
      }
    }
    return undefined;
  }
}

/** An odd number of backslashes before `at` escapes the character there. */
function isEscaped(s: string, at: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= 0 && s[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/** Plain text of a node: text values, skipping code, HTML and images; blocks separated by spaces. Iterative. */
export function plainText(node: MdNode): string {
  if (node.type === 'text') return node.value ?? '';
  if (node.type === 'footnoteReference') return `[^${node.label ?? node.identifier ?? ''}]`;
  const out: string[] = [];
  const stack: MdNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n !== node && OPAQUE.has(n.type) && n.type !== 'inlineCode') continue;
    if (n.type === 'text' || n.type === 'inlineCode') out.push(n.value ?? '');
    else if (n.type === 'footnoteReference') out.push(`[^${n.label ?? n.identifier ?? ''}]`);
    else if (n.type === 'break') out.push(' ');
    else if (n.children) {
      const block = n.type === 'paragraph' || n.type === 'listItem' || n.type === 'tableCell' || n.type === 'heading';
      if (block && n !== node) stack.push({ type: 'text', value: ' ' });
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return out.join('');
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function limit(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.lastIndexOf(' ', max);
  return `${s.slice(0, cut > max / 2 ? cut : max)}…`;
}

/**
 * The example file a footnote definition points at: a single link (`[^id]: [examples](x.md)` or `<x.md>`), or a single
 * path-like word (`[^id]: examples/x.md`). A prose footnote (`[^1]: See RFC 9110.`) has no target.
 */
function definitionTarget(def: MdNode): { value: string; node?: MdNode } | undefined {
  const blocks = def.children ?? [];
  if (blocks.length !== 1 || blocks[0]!.type !== 'paragraph') return undefined;
  const inline = (blocks[0]!.children ?? []).filter((c) => !(c.type === 'text' && !(c.value ?? '').trim()));
  if (inline.length !== 1) return undefined;
  const only = inline[0]!;
  if (only.type === 'link' && only.url && !/^[a-z][a-z0-9+.-]*:/i.test(only.url) && !only.url.startsWith('#')) {
    return { value: only.url, node: only };
  }
  if (only.type === 'text') {
    const value = (only.value ?? '').trim();
    if (/^[^\s]+$/.test(value) && (value.includes('/') || /\.[A-Za-z0-9]{1,8}$/.test(value)) && !/^[a-z][a-z0-9+.-]*:/i.test(value)) {
      return { value, node: only };
    }
  }
  return undefined;
}
