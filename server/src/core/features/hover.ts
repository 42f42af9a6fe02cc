import type { IndexModel, Resolution } from '../workspace/workspaceIndex';
import { plural } from '../text/words';
import { withoutClosingSequence } from '../text/strings';

/**
 * The hover of an id: title, authority, the clause text, its section path, its example file (first lines, link) and
 * counts of code and test citations. Markdown, short, readable. `link(path, line?)` turns a workspace path into a
 * link target (the LSP layer passes a file URI builder).
 */

export interface HoverOptions {
  link: (path: string, line?: number) => string;
  /** The first lines of an example file, if known. */
  exampleHead?: (path: string) => string | undefined;
  /** The file asking (its scope picks the clause of an id several scopes declare). */
  from?: string;
}

const TEXT_LIMIT = 600;
const DECISIONS_SHOWN = 3;
const KIND_LABEL = { heading: 'heading clause', footnote: 'footnote clause', item: 'requirement' } as const;

export function hoverMarkdown(model: IndexModel, id: string, options: HoverOptions): string | undefined {
  const r = model.resolve(id, options.from);
  if (!r.clause) return unknownHover(model, r);
  const c = r.clause;
  const out: string[] = [];
  const authority = c.authority ? ` · authority **${c.authority}**` : '';
  out.push(`**${escapeMd(c.title)}** · \`${c.id}\` · ${KIND_LABEL[c.kind]}${authority}`);
  // Which scope the id belongs to [^sc5p].
  if (r.ambiguousScopes) out.push(`⚠️ Declared in ${r.ambiguousScopes.length} scopes: ${r.ambiguousScopes.map((s) => (s.kind === 'workspace' ? 'the workspace' : `\`${s.name}\``)).join(', ')}; cite one as \`[^scope:${c.id}]\`.`);
  else if (r.scope && r.scope.kind !== 'workspace') out.push(`Scope: ${r.scope.kind} \`${r.scope.path}\` · cited from code as \`[^${r.scope.name}:${c.id}]\``);
  if (r.clauses.length > 1) out.push(`⚠️ ${plural(r.clauses.length, 'clause')} share this id.`);
  if (c.text) out.push(quote(truncate(c.text, TEXT_LIMIT)));
  const where = `[${c.file}:${c.range.start.line + 1}](${options.link(c.file, c.range.start.line)})`;
  out.push(`${c.section.length ? `${c.section.map(escapeMd).join(' › ')} — ` : ''}${where}`);
  const code = r.citations.filter((x) => x.kind === 'code').length;
  const tests = r.citations.length - code;
  out.push(`Cited by ${plural(code, 'implementation')} · ${plural(tests, 'test')}`);
  // The decisions recorded for this clause in its spec's Clarifications section [^cq2r].
  const decisions = (model.specs.get(c.file)?.clarifications ?? []).filter((e) => e.clauseId === c.id);
  if (decisions.length) {
    const links = decisions.slice(-DECISIONS_SHOWN).map((e) => `[${e.date ?? `${c.file}:${e.range.start.line + 1}`}](${options.link(c.file, e.range.start.line)})`);
    out.push(`Clarified: ${links.join(' · ')}${decisions.length > DECISIONS_SHOWN ? ` (${decisions.length} answers, the last ${DECISIONS_SHOWN} shown)` : ''}`);
  }
  // The tests its footnote definition names [^tt3v].
  const named = r.citations.filter((x) => x.target !== undefined);
  if (named.length) out.push(`Verified by ${named.map((x) => `[${escapeMd(x.target!)}](${options.link(x.file, x.range.start.line)})`).join(', ')}`);
  if (r.example) {
    if (r.example.exists && r.example.path) {
      const head = options.exampleHead?.(r.example.path);
      out.push(`Example: [${r.example.path}](${options.link(r.example.path)})`);
      const excerpt = head ? exampleMarkdown(head) : '';
      if (excerpt) out.push(excerpt);
    } else if (r.example.expected) {
      out.push(`Example: _missing_ (${r.example.path ?? 'outside the workspace'})`);
    }
  }
  return out.join('\n\n');
}

const EXAMPLE_LINES = 12;
const EXAMPLE_CHARS = 800;

/**
 * The first lines of an example file as Markdown the hover renders (bold, lists, code blocks on their own lines),
 * made safe to embed [^hv5x]: a code fence left open by the cut is closed, headings become bold lines, and outside
 * code, `<` (raw HTML, which hovers drop, and autolinks) and images (`![…](…)`, which would be fetched) are escaped
 * to show as text. Cut at a line, at most EXAMPLE_LINES lines and about EXAMPLE_CHARS characters.
 */
export function exampleMarkdown(head: string): string {
  const lines = head.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let fence: { char: string; length: number } | undefined;
  let chars = 0;
  for (const line of lines.slice(0, EXAMPLE_LINES)) {
    if (chars + line.length > EXAMPLE_CHARS && out.length > 0) break;
    chars += line.length + 1;
    const marker = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      if (marker && marker[1]![0] === fence.char && marker[1]!.length >= fence.length && !marker[2]!.trim()) fence = undefined;
      out.push(line);
      continue;
    }
    if (marker && !(marker[1]![0] === '`' && marker[2]!.includes('`'))) {
      fence = { char: marker[1]![0]!, length: marker[1]!.length };
      out.push(line);
      continue;
    }
    const heading = /^ {0,3}#{1,6}(?:\s+(.*))?$/.exec(line);
    const title = heading?.[1] === undefined ? '' : withoutClosingSequence(heading[1]).trim();
    out.push(heading ? (title ? `**${escapeInline(title)}**` : '') : escapeInline(line));
  }
  if (fence) out.push(fence.char.repeat(fence.length));
  while (out.length && !out[out.length - 1]!.trim()) out.pop();
  return out.join('\n');
}

/** Escapes `<` and `![` outside inline code spans of one line. */
function escapeInline(line: string): string {
  let result = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] === '`') {
      const run = /^`+/.exec(line.slice(i))![0];
      const close = line.indexOf(run, i + run.length);
      if (close >= 0 && line[close + run.length] !== '`') {
        result += line.slice(i, close + run.length);
        i = close + run.length;
        continue;
      }
      result += run;
      i += run.length;
      continue;
    }
    if (line[i] === '\\' && i + 1 < line.length) {
      result += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (line[i] === '<') result += '\\<';
    else if (line[i] === '!' && line[i + 1] === '[') result += '!\\';
    else result += line[i];
    i++;
  }
  return result;
}

function unknownHover(_model: IndexModel, r: Resolution): string | undefined {
  if (r.citations.length === 0 && r.specReferences.length === 0) return undefined;
  return `\`${r.id}\` — **unknown clause id**: no spec defines it.`;
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
}

function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.lastIndexOf(' ', max);
  return `${s.slice(0, cut > max / 2 ? cut : max)}…`;
}

export function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>|])/g, '\\$1');
}
