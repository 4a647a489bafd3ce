import type { CheckFinding } from './types';

/** The three kinds of finding the editor tells apart: personal data, wording, and what is missing or too long. */
export type FindingGroup = 'personal' | 'wording' | 'missing';

const GROUP: Record<string, FindingGroup> = {
  id_number: 'personal',
  mobile: 'personal',
  bank_card: 'personal',
  licence_plate: 'personal',
  private_address: 'personal',
  forbidden_wording: 'wording',
  sensitive_wording: 'wording',
  term_mistake: 'wording',
  missing_element: 'missing',
  length: 'missing',
};

export function findingGroup(f: Pick<CheckFinding, 'check'>): FindingGroup {
  return GROUP[f.check] ?? 'wording';
}

export interface TextSegment {
  start: number;
  end: number;
  text: string;
  /** Indexes (into the findings given) of the findings covering this piece; empty for plain text. */
  findings: number[];
}

/**
 * Cuts a text into pieces at every finding's edges, so each piece is plain or
 * covered by a fixed set of findings (a wording finding may overlap a
 * personal-data one). Offsets outside the text are clamped; findings about
 * the whole text (no offsets) and empty spans cover nothing.
 */
export function highlightSegments(text: string, findings: readonly CheckFinding[]): TextSegment[] {
  const spans: { i: number; start: number; end: number }[] = [];
  findings.forEach((f, i) => {
    if (f.start === undefined || f.end === undefined) return;
    const start = Math.max(0, Math.min(text.length, f.start));
    const end = Math.max(0, Math.min(text.length, f.end));
    if (end > start) spans.push({ i, start, end });
  });
  const cuts = new Set<number>([0, text.length]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const edges = [...cuts].sort((a, b) => a - b);
  const out: TextSegment[] = [];
  for (let k = 0; k + 1 < edges.length; k++) {
    const start = edges[k]!;
    const end = edges[k + 1]!;
    const covering = spans.filter((s) => s.start <= start && s.end >= end).map((s) => s.i);
    const prev = out[out.length - 1];
    // Neighbouring plain pieces merge: fewer elements, same text.
    if (prev && covering.length === 0 && prev.findings.length === 0) {
      prev.end = end;
      prev.text = text.slice(prev.start, end);
    } else out.push({ start, end, text: text.slice(start, end), findings: covering });
  }
  return out;
}

/** The most serious group among a piece's findings (personal data first), for its style. */
export function segmentGroup(segment: TextSegment, findings: readonly CheckFinding[]): FindingGroup | undefined {
  const groups = segment.findings.map((i) => findingGroup(findings[i]!));
  return (['personal', 'wording', 'missing'] as const).find((g) => groups.includes(g));
}
