/**
 * Forbidden and sensitive wording: plain substring search for the lexicon's
 * terms (width-folded on both sides). Forbidden terms block approval;
 * sensitive terms are warnings that ask the reviewer to look again.
 */
import type { CheckFinding, CheckLexicon } from './types';
import { type Draft, foldWidth, type Span } from './text';

/** Every non-overlapping occurrence of `term`, left to right. */
export function occurrences(norm: string, term: string): Span[] {
  const spans: Span[] = [];
  if (!term) return spans;
  for (let i = norm.indexOf(term); i >= 0; i = norm.indexOf(term, i + term.length)) spans.push({ start: i, end: i + term.length });
  return spans;
}

/**
 * Drops findings that lie inside a longer finding of the same check (造谣
 * inside 纯属造谣), and repeats of the same span. A sweep, not a pairwise
 * comparison: a text can hold thousands of hits.
 */
export function dropContained(findings: CheckFinding[]): CheckFinding[] {
  const sorted = [...findings].sort((a, b) => (a.start ?? 0) - (b.start ?? 0) || (b.end ?? 0) - (a.end ?? 0));
  const reach = new Map<string, number>();
  const kept = new Set<CheckFinding>();
  for (const f of sorted) {
    const end = f.end ?? 0;
    if (end <= (reach.get(f.check) ?? -1)) continue;
    reach.set(f.check, end);
    kept.add(f);
  }
  return findings.filter((f) => kept.has(f));
}

export function checkWording(draft: Draft, lexicon: Pick<CheckLexicon, 'forbidden' | 'sensitive' | 'notes'>): CheckFinding[] {
  const notes = lexicon.notes ?? {};
  const forbidden = new Set(lexicon.forbidden.map((t) => t.trim()).filter(Boolean));
  const findings: CheckFinding[] = [];
  const scan = (terms: Iterable<string>, check: 'forbidden_wording' | 'sensitive_wording') => {
    for (const term of terms) {
      const note = notes[term];
      const message =
        check === 'forbidden_wording'
          ? `禁用表述“${term}”，发布前须修改${note ? `：${note}` : ''}`
          : `敏感表述“${term}”，请审慎使用${note ? `：${note}` : ''}`;
      for (const span of occurrences(draft.norm, foldWidth(term))) {
        findings.push({ check, severity: check === 'forbidden_wording' ? 'error' : 'warning', message, ...span, match: draft.text.slice(span.start, span.end) });
      }
    }
  };
  scan(forbidden, 'forbidden_wording');
  // A term listed in both places is forbidden; saying it twice helps no one.
  scan(new Set(lexicon.sensitive.map((t) => t.trim()).filter((t) => t && !forbidden.has(t))), 'sensitive_wording');
  return dropContained(findings);
}
