import { isValidId } from '../text/lineIndex';

/**
 * The attribute block at the end of a heading: `{#id key=value key="quoted value" .class}` (Pandoc / Python-Markdown
 * attr_list syntax, as the Model Spec uses it; the id also as `id="…"`). A block without an id declares nothing; one
 * with an `authority` but no id is malformed. A tiny hand-written tokenizer: the grammar is small and linear.
 * [^heading_clauses]
 */
export interface AttributeBlock {
  id?: string;
  /** Offset of the id inside the block's inner text (after `{`), when there is one. */
  idOffset?: number;
  attributes: Record<string, string>;
  classes: string[];
  /**
   * An id outside the clause ids' characters only by letters or punctuation beyond ASCII (`{#guía-rápida}`, an en dash):
   * a heading anchor as markdown-it-attrs, VitePress and kramdown give it (an HTML id), not a clause id.
   */
  anchor?: string;
  /** Why the block is malformed; undefined when it is well-formed. */
  error?: string;
}

const KEY_RE = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;
/** An HTML id with a character beyond ASCII (see `AttributeBlock.anchor`): no blank, quote, angle bracket or brace. */
const HTML_ANCHOR = /^(?=.*[^\p{ASCII}])[^\s"'<>`{}\\]+$/u;

/** Does `{inner}` look like an attempt at an attribute block (rather than prose such as `{a, b}`)? */
export function looksLikeAttributeBlock(inner: string): boolean {
  const t = inner.trim();
  // `{% include since.html version="2.1" %}`, `{%- … -%}`: a Liquid (Jekyll) or Jinja tag the site expands before the
  // Markdown is read, not attributes; no attribute syntax opens with `%`.
  if (t.startsWith('%')) return false;
  return t.startsWith('#') || /^[A-Za-z_][\w.:-]*=/.test(t) || /\s[A-Za-z_][\w.:-]*=/.test(t);
}

/** At most this many problems of one attribute block are named. */
const MAX_PROBLEMS = 10;

export function parseAttributeBlock(inner: string): AttributeBlock {
  const result: AttributeBlock = { attributes: {}, classes: [] };
  // A hostile block (thousands of `#a`) names its first problems and how many more: a readable message, and no
  // megabytes of text joined for it.
  const problems: string[] = [];
  let more = 0;
  const problem = (message: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(message);
    else more++;
  };
  let anchor: string | undefined;
  let i = 0;
  const n = inner.length;
  while (i < n) {
    const c = inner[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const start = i;
    if (c === '#') {
      i++;
      while (i < n && inner[i] !== ' ' && inner[i] !== '\t') i++;
      const id = inner.slice(start + 1, i);
      if (!id) problem('`#` without an id');
      else if (!isValidId(id) && anchor === undefined && result.id === undefined && HTML_ANCHOR.test(id)) anchor = id;
      else if (!isValidId(id)) problem(`\`${id}\` is not a valid id (letters, digits, _ . : - ; not starting with . : -)`);
      else if (result.id !== undefined) problem(`more than one id (\`${result.id}\`, \`${id}\`)`);
      else {
        result.id = id;
        result.idOffset = start + 1;
      }
      continue;
    }
    if (c === '.') {
      i++;
      while (i < n && inner[i] !== ' ' && inner[i] !== '\t') i++;
      const cls = inner.slice(start + 1, i);
      if (cls) result.classes.push(cls);
      else problem('`.` without a class name');
      continue;
    }
    // key=value, key="value", key='value'
    while (i < n && inner[i] !== '=' && inner[i] !== ' ' && inner[i] !== '\t') i++;
    const key = inner.slice(start, i);
    if (inner[i] !== '=') {
      problem(`\`${key}\` is not \`#id\`, \`.class\` or \`key=value\``);
      continue;
    }
    i++;
    let value = '';
    // Where the value starts (after its opening quote).
    let valueStart = i;
    const q = inner[i];
    if (q === '"' || q === "'") {
      valueStart = i + 1;
      const close = inner.indexOf(q, i + 1);
      if (close < 0) {
        problem(`unterminated quote in \`${key}\``);
        value = inner.slice(i + 1);
        i = n;
      } else {
        value = inner.slice(i + 1, close);
        i = close + 1;
      }
    } else {
      while (i < n && inner[i] !== ' ' && inner[i] !== '\t') i++;
      value = inner.slice(valueStart, i);
    }
    if (!KEY_RE.test(key)) problem(`\`${key}\` is not a valid attribute name`);
    else if (value === '') problem(`\`${key}=\` has no value`);
    // `id="1.2.0"`, `id=setup-guide`: the id written as a key, as Python-Markdown's attr_list and kramdown read it.
    else if (key === 'id') {
      if (!isValidId(value)) problem(`\`${value}\` is not a valid id (letters, digits, _ . : - ; not starting with . : -)`);
      else if (result.id !== undefined) problem(`more than one id (\`${result.id}\`, \`${value}\`)`);
      else {
        result.id = value;
        result.idOffset = valueStart;
      }
    }
    else if (Object.prototype.hasOwnProperty.call(result.attributes, key)) problem(`\`${key}\` is given twice`);
    else result.attributes[key] = value;
  }
  // A block of other attributes only (`{ data-toc-label="Usage" }`, attr_list) declares nothing and is no mistake; one
  // that gives a clause's authority is a clause without its id.
  const authority = Object.prototype.hasOwnProperty.call(result.attributes, 'authority');
  // A clause (it gives an authority) needs a clause id; a heading anchor goes with no other id.
  if (anchor !== undefined && (authority || result.id !== undefined)) problem(`\`${anchor}\` is not a valid id (letters, digits, _ . : - ; not starting with . : -)`);
  else if (anchor !== undefined) result.anchor = anchor;
  if (result.id === undefined && anchor === undefined && problems.length === 0 && authority) problem('no `#id`');
  if (problems.length) result.error = problems.join('; ') + (more ? `; and ${more} more` : '');
  return result;
}
