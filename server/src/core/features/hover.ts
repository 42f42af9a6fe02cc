import type { IndexModel, Resolution } from '../index';

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
  if (r.clauses.length > 1) out.push(`⚠️ ${r.clauses.length} clauses share this id.`);
  if (c.text) out.push(quote(truncate(c.text, TEXT_LIMIT)));
  const where = `[${c.file}:${c.range.start.line + 1}](${options.link(c.file, c.range.start.line)})`;
  out.push(`${c.section.length ? `${c.section.map(escapeMd).join(' › ')} — ` : ''}${where}`);
  const code = r.citations.filter((x) => x.kind === 'code').length;
  const tests = r.citations.length - code;
  out.push(`Cited by ${plural(code, 'implementation')} · ${plural(tests, 'test')}`);
  if (r.example) {
    if (r.example.exists && r.example.path) {
      const head = options.exampleHead?.(r.example.path);
      out.push(`Example: [${r.example.path}](${options.link(r.example.path)})`);
      if (head) out.push('```markdown\n' + truncate(head.trimEnd(), 400).replace(/```/g, '`\u200b``') + '\n```');
    } else if (r.example.expected) {
      out.push(`Example: _missing_ (${r.example.path ?? 'outside the workspace'})`);
    }
  }
  return out.join('\n\n');
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

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>|])/g, '\\$1');
}
