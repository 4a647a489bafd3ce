/**
 * A deliberately small template language for statement drafts:
 *
 * - `{{key}}` inserts a value;
 * - `{{#key}}…{{/key}}` keeps its content only when `key` has a value
 *   (sections nest). A section that fills whole lines takes its lines with it
 *   when it vanishes, so no blank line or gap in a list is left behind.
 *
 * Nothing else (no loops, no escaping, no expressions): drafts are written by
 * press officers and read by reviewers, and a template they can read is worth
 * more than a clever one. Lists such as Q&A pairs are formatted into one value
 * before filling.
 *
 * The output is a draft for human review, not a publication: values go in
 * verbatim (trimmed), with no Markdown or HTML escaping. Whoever renders the
 * text as Markdown or HTML must treat it as untrusted input.
 */

export type TemplateKind = 'situation_report' | 'rebuttal' | 'talking_points' | 'press_qa';

export interface TemplateField {
  key: string;
  /** Chinese label, shown in the form and in 【待填写：label】 markers. */
  label: string;
  required: boolean;
  hint?: string;
}

export interface StatementTemplate {
  kind: TemplateKind;
  /** 情况通报, 辟谣声明… */
  name: string;
  description: string;
  fields: TemplateField[];
  /** Markdown with `{{field}}` placeholders and `{{#field}}…{{/field}}` optional sections. */
  body: string;
}

export interface TemplateValues {
  [key: string]: string | undefined;
}

export interface FilledTemplate {
  text: string;
  /** Required keys without a value (declaration order), each left in the text as a 【待填写：label】 marker. */
  missing: string[];
}

export class TemplateSyntaxError extends Error {
  override name = 'TemplateSyntaxError';
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'var'; key: string }
  | { kind: 'section'; key: string; children: Node[]; wholeLines: boolean };

const TAG = /\{\{\s*([#/]?)\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

function parse(body: string): Node[] {
  const root: Node[] = [];
  const open: Array<{ key: string; start: number; children: Node[] }> = [];
  const current = (): Node[] => open[open.length - 1]?.children ?? root;
  let cursor = 0;
  for (const m of body.matchAll(TAG)) {
    const start = m.index;
    const end = start + m[0].length;
    if (start > cursor) current().push({ kind: 'text', text: body.slice(cursor, start) });
    cursor = end;
    const sigil = m[1];
    const key = m[2]!;
    if (sigil === '') {
      current().push({ kind: 'var', key });
    } else if (sigil === '#') {
      open.push({ key, start, children: [] });
    } else {
      const section = open.pop();
      if (section?.key !== key) {
        throw new TemplateSyntaxError(
          section === undefined
            ? `{{/${key}}} at ${start} closes no section`
            : `{{/${key}}} at ${start} closes {{#${section.key}}} opened at ${section.start}`,
        );
      }
      const atLineStart = section.start === 0 || body[section.start - 1] === '\n';
      const atLineEnd = end === body.length || body[end] === '\n' || body.startsWith('\r\n', end);
      const wholeLines = atLineStart && atLineEnd;
      const children = section.children;
      if (wholeLines) {
        // Tags on lines of their own (`{{#x}}\n…\n{{/x}}`) are not content: drop the breaks that follow the opening tag and precede the closing one.
        const first = children[0];
        if (first?.kind === 'text' && /^\r?\n/.test(first.text)) first.text = first.text.replace(/^\r?\n/, '');
        const last = children[children.length - 1];
        if (last?.kind === 'text' && /\r?\n$/.test(last.text)) last.text = last.text.replace(/\r?\n$/, '');
      }
      current().push({ kind: 'section', key, children, wholeLines });
    }
  }
  const unclosed = open.pop();
  if (unclosed !== undefined) throw new TemplateSyntaxError(`{{#${unclosed.key}}} at ${unclosed.start} is never closed`);
  if (cursor < body.length) root.push({ kind: 'text', text: body.slice(cursor) });
  return root;
}

/** A value counts when it has something besides whitespace: a blank form field is a missing value, not an empty sentence. */
function hasValue(v: string | undefined): v is string {
  return v !== undefined && v.trim() !== '';
}

export function marker(label: string): string {
  return `【待填写：${label}】`;
}

/** Labels of the markers still in a text (for example after a reviewer edited the draft), in order of appearance. */
export function remainingMarkers(text: string): string[] {
  return [...text.matchAll(/【待填写：([^】]*)】/g)].map((m) => m[1]!);
}

type Piece = { kind: 'text' | 'value' | 'marker'; text: string } | { kind: 'gap' };

/** Sentence-final punctuation: a value ending in one already closes the sentence the template would close with 。. */
const CLOSES_SENTENCE = /[。！？；…!?]$/;

/** Joins pieces, closing the gap left by each vanished whole-line section and avoiding 。。 after a value that is a full sentence. */
function join(pieces: readonly Piece[]): string {
  let out = '';
  let previous: Piece | undefined;
  // Line breaks around a run of vanished sections: keep the widest single run (one blank line between paragraphs, none inside a list).
  let gapBreaks: number | undefined;
  const flushGap = (): void => {
    if (gapBreaks === undefined) return;
    out += '\n'.repeat(gapBreaks);
    gapBreaks = undefined;
  };
  for (const piece of pieces) {
    if (piece.kind === 'gap') {
      const trailing = /\n*$/.exec(out)![0].length;
      out = out.slice(0, out.length - trailing);
      gapBreaks = Math.max(gapBreaks ?? 0, trailing);
      continue;
    }
    let text = piece.text;
    if (gapBreaks !== undefined) {
      const leading = /^\n*/.exec(text)![0].length;
      gapBreaks = Math.max(gapBreaks, leading);
      text = text.slice(leading);
      if (text === '') continue;
      flushGap();
    }
    if (piece.kind === 'text' && previous?.kind === 'value' && text.startsWith('。') && CLOSES_SENTENCE.test(previous.text)) {
      text = text.slice(1);
    }
    out += text;
    previous = piece;
  }
  flushGap();
  return out;
}

/**
 * Fills a template. Required values that are missing become visible markers
 * (【待填写：事件发生地点】) and are listed in `missing`; the draft is never
 * silently incomplete. An optional field used outside its own section also
 * shows a marker when empty, but is not listed. Placeholders for keys the
 * template does not declare count as required.
 *
 * @throws TemplateSyntaxError on unbalanced sections (a bug in the template, see `checkTemplate`).
 */
export function fillTemplate(t: StatementTemplate, values: TemplateValues): FilledTemplate {
  const fields = new Map(t.fields.map((f) => [f.key, f]));
  const missing = new Set(t.fields.filter((f) => f.required && !hasValue(values[f.key])).map((f) => f.key));
  const pieces: Piece[] = [];
  const render = (nodes: readonly Node[]): void => {
    for (const node of nodes) {
      if (node.kind === 'text') {
        pieces.push({ kind: 'text', text: node.text });
      } else if (node.kind === 'var') {
        const v = values[node.key];
        if (hasValue(v)) {
          pieces.push({ kind: 'value', text: v.trim() });
        } else {
          const field = fields.get(node.key);
          if (field === undefined) missing.add(node.key);
          pieces.push({ kind: 'marker', text: marker(field?.label ?? node.key) });
        }
      } else if (hasValue(values[node.key])) {
        render(node.children);
      } else if (node.wholeLines) {
        pieces.push({ kind: 'gap' });
      }
    }
  };
  render(parse(t.body));
  return { text: join(pieces).trim(), missing: [...missing] };
}

/**
 * Problems with a template, for tests and for whoever edits templates: syntax,
 * placeholders without a declared field, declared fields never used, required
 * fields that only appear inside a section (they could vanish unnoticed),
 * optional fields used outside a section of their own (they would show a
 * marker), stray braces.
 */
export function checkTemplate(t: StatementTemplate): string[] {
  let nodes: Node[];
  try {
    nodes = parse(t.body);
  } catch (err) {
    return [err instanceof Error ? err.message : String(err)];
  }
  const problems: string[] = [];
  const fields = new Map(t.fields.map((f) => [f.key, f]));
  const used = new Set<string>();
  const usedOutsideSections = new Set<string>();
  const visit = (list: readonly Node[], enclosing: readonly string[]): void => {
    for (const node of list) {
      if (node.kind === 'text') {
        if (/\{\{|\}\}/.test(node.text)) problems.push(`stray braces in ${JSON.stringify(node.text.slice(0, 40))}`);
        continue;
      }
      used.add(node.key);
      if (!fields.has(node.key)) problems.push(`{{${node.key}}} is not a declared field`);
      if (node.kind === 'var') {
        if (enclosing.length === 0) usedOutsideSections.add(node.key);
        const field = fields.get(node.key);
        if (field !== undefined && !field.required && !enclosing.includes(node.key)) {
          problems.push(`optional field ${node.key} is used outside a {{#${node.key}}} section`);
        }
      } else {
        visit(node.children, [...enclosing, node.key]);
      }
    }
  };
  visit(nodes, []);
  for (const f of t.fields) {
    if (!used.has(f.key)) problems.push(`field ${f.key} is declared but not used`);
    else if (f.required && !usedOutsideSections.has(f.key)) problems.push(`required field ${f.key} only appears inside sections`);
  }
  const keys = t.fields.map((f) => f.key);
  if (new Set(keys).size !== keys.length) problems.push('duplicate field keys');
  return problems;
}
