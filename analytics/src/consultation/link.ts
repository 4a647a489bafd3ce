import type { ConsultationDraftPolicy, ConsultationKeywordRule } from '@fenghuo/shared';

/** Every term a keyword rule could match on (what the query pre-selects by). */
export function ruleTerms(rules: readonly ConsultationKeywordRule[]): string[] {
  return [...new Set(rules.flatMap((r) => [...r.all_of, ...r.any_of]))];
}

export function matchesRule(text: string, rule: ConsultationKeywordRule): boolean {
  return rule.all_of.every((t) => text.includes(t)) && (rule.any_of.length === 0 || rule.any_of.some((t) => text.includes(t)));
}

/** A mention is a comment of the consultation when it replies to a collecting post (its parent or thread root) or matches a keyword rule. */
export function linkedToConsultation(policy: Pick<ConsultationDraftPolicy, 'post_ids' | 'keyword_rules'>, m: { id: string; parent_id: string; root_id: string; text: string }): boolean {
  if (policy.post_ids.includes(m.id)) return false;
  if ((m.parent_id && policy.post_ids.includes(m.parent_id)) || (m.root_id && policy.post_ids.includes(m.root_id))) return true;
  return policy.keyword_rules.some((r) => matchesRule(m.text, r));
}
