import type { AlertReason } from '@fenghuo/shared/analytics';
import type { Lang } from '../i18n';

/**
 * Why an alert fired, in the reader's language, from the reason's numbers
 * (the engine's own `detail` is English). Kinds it does not know keep the
 * engine's text.
 */
export function describeReason(r: Pick<AlertReason, 'kind' | 'detail' | 'observed' | 'expected' | 'statistic' | 'value'>, lang: Lang): string {
  if (lang === 'en') return r.detail;
  const n = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  // A rule's reason starts with the rule's name ("爆炸监测: 3 mentions with …").
  const ruleName = r.kind.startsWith('rule:') ? r.detail.split(':')[0]!.trim() : '';
  switch (r.kind) {
    case 'rising':
      return `声量上升：近期 ${n(r.observed)} 条，是此时段预期 ${n(r.expected)} 条的 ${n(r.value)} 倍`;
    case 'first_story': {
      const word = /“([^”]+)”/.exec(r.detail)?.[1];
      return word ? `新词“${word}”出现：${n(r.observed)} 条` : `新事件：${n(r.observed)} 条`;
    }
    case 'keyword_rising':
      return `关键词升温：${n(r.observed)} 条，是平常 ${n(r.expected)} 条的 ${n(r.value)} 倍`;
  }
  if (ruleName) {
    switch (r.statistic) {
      case 'matching_mentions':
        return `${ruleName}：${n(r.observed)} 条含监测词`;
      case 'mentions_in_window':
        return `${ruleName}：时段内 ${n(r.observed)} 条（阈值 ${n(r.expected)}）`;
      case 'negative_share':
        return `${ruleName}：负面占比 ${pct(r.observed)}（阈值 ${pct(r.expected)}）`;
      case 'rumor_score':
        return `${ruleName}：谣言可能性 ${pct(r.observed)}（阈值 ${pct(r.expected)}）`;
    }
  }
  return r.detail;
}
