import type { ConsultationStance } from '@fenghuo/shared';

/**
 * Stance of a comment on a draft policy: support, oppose, suggestion or
 * other, from a project-written cue lexicon. A drafting office must be able
 * to see why a comment was counted as it was, so the answer carries the cues
 * that fired (a negated cue is shown as "不+支持").
 *
 * Cues are matched longest first at each position, so 不合理 is one oppose
 * cue and not a negated 合理; a cue right after a negation word (the
 * sentiment lexicon's negations: 不, 没, 并非…) flips: 不支持 opposes, 不反对
 * supports, 不建议/不希望 oppose.
 */

export const SUPPORT_CUES: readonly string[] = [
  '支持', '赞成', '赞同', '点赞', '好政策', '拥护', '同意', '叫好', '非常好', '很好', '合理', '有必要', '早该', '举双手', '欢迎', '利民', '好事',
];
export const OPPOSE_CUES: readonly string[] = [
  '反对', '不合理', '不同意', '强烈反对', '不赞成', '抗议', '乱收费', '变相涨价', '吃相难看', '抵制', '没必要', '太贵', '与民争利', '不公平', '坑人', '割韭菜', '撤回', '负担太重', '负担重', '太高',
];
export const SUGGESTION_CUES: readonly string[] = [
  '建议', '希望', '能否', '能不能', '可否', '应该', '应当', '最好', '是否可以', '呼吁', '不妨', '恳请', '请考虑', '可以考虑',
];

/** Negation words: the sentiment modifiers of type negation, longest first (from loadSentimentModifiers). */
export type NegationWords = readonly string[];

export interface StanceResult {
  stance: ConsultationStance;
  cues: string[];
}

type CueKind = 'support' | 'oppose' | 'suggestion';

interface CueTable {
  cues: { text: string; kind: CueKind }[];
}

function cueTable(): CueTable {
  const cues = [
    ...SUPPORT_CUES.map((text) => ({ text, kind: 'support' as const })),
    ...OPPOSE_CUES.map((text) => ({ text, kind: 'oppose' as const })),
    ...SUGGESTION_CUES.map((text) => ({ text, kind: 'suggestion' as const })),
  ];
  cues.sort((a, b) => b.text.length - a.text.length);
  return { cues };
}

const FLIPPED: Record<CueKind, CueKind> = { support: 'oppose', oppose: 'support', suggestion: 'oppose' };

/** The negation word just before `at`, allowing one degree word between (不是很支持). */
function negationBefore(text: string, at: number, negations: NegationWords): string | undefined {
  const before = text.slice(Math.max(0, at - 4), at);
  for (const n of negations) if (before.endsWith(n)) return n;
  // 不是很支持, 没有太赞成: one degree word between.
  const degree = /[很太大怎十分够]$/u;
  if (degree.test(before)) {
    const rest = before.slice(0, -1);
    for (const n of negations) if (rest.endsWith(n)) return n;
  }
  return undefined;
}

/**
 * Decision over the counted cues (in this order): more oppose than support
 * cues, and at least as many as suggestion cues → oppose; any suggestion →
 * suggestion (a "支持，建议…" asks for a change the office must answer); more
 * support than oppose → support; otherwise (none, or as many for as against)
 * → other.
 */
export function decideStance(counts: Record<CueKind, number>): ConsultationStance {
  const { support, oppose, suggestion } = counts;
  if (oppose > support && oppose >= suggestion) return 'oppose';
  if (suggestion > 0) return 'suggestion';
  if (support > oppose) return 'support';
  return 'other';
}

export function createStanceClassifier(negations: NegationWords) {
  const table = cueTable();
  const negs = [...negations].sort((a, b) => b.length - a.length);
  return (text: string): StanceResult => {
    const counts: Record<CueKind, number> = { support: 0, oppose: 0, suggestion: 0 };
    const fired: string[] = [];
    let i = 0;
    while (i < text.length) {
      const cue = table.cues.find((c) => text.startsWith(c.text, i));
      if (!cue) {
        i++;
        continue;
      }
      const neg = negationBefore(text, i, negs);
      const kind = neg ? FLIPPED[cue.kind] : cue.kind;
      counts[kind]++;
      fired.push(neg ? `${neg}+${cue.text}` : cue.text);
      i += cue.text.length;
    }
    return { stance: decideStance(counts), cues: fired };
  };
}
export type StanceClassifier = ReturnType<typeof createStanceClassifier>;
