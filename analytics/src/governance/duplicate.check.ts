import type { CheckResult, OfficialAccount } from '@fenghuo/shared';
import type { CheckContext } from './history';
import { isRetired } from './judged-period';

/** Names compared without spaces, brackets and the usual suffixes of a verified name. */
function normaliseName(name: string): string {
  return name.replace(/[\s()（）【】\[\]·•_-]/g, '').replace(/(官方|官微|微博|微信|公众号|抖音号?|头条号?)$/g, '');
}

function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Dice coefficient over character bigrams, 0–1 (identical names after normalising: 1). */
export function nameSimilarity(a: string, b: string): number {
  const x = normaliseName(a);
  const y = normaliseName(b);
  if (x === y) return 1;
  const bx = bigrams(x);
  const by = bigrams(y);
  if (!bx.length || !by.length) return 0;
  const pool = new Map<string, number>();
  for (const g of by) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of bx) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      common++;
      pool.set(g, n - 1);
    }
  }
  return (2 * common) / (bx.length + by.length);
}

/**
 * Duplicates (同一平台只开一个账号): another live account of the same unit on
 * the same platform fails both; a near-identical name on the same platform
 * under another unit warns (a copycat or a forgotten old account).
 * Accounts being merged or closed are the remedy, not the fault.
 */
export function duplicateCheck(ctx: CheckContext): CheckResult {
  const rule = `同一单位在同一平台只开设一个账号；同平台名称相似度≥${ctx.thresholds.duplicate.name_similarity}提示核查`;
  const a = ctx.account;
  if (isRetired(ctx) || a.status === 'closing' || a.status === 'merging') return { check: 'duplicate', status: 'not_applicable', message: a.status === 'closed' ? '账号已关停' : '账号整合或关停中', evidence: { rule } };
  const live = (o: OfficialAccount) => o.id !== a.id && o.platform === a.platform && o.status !== 'closed' && o.status !== 'closing' && o.status !== 'merging';
  const duplicates: NonNullable<CheckResult['evidence']['duplicates']> = [];
  for (const o of ctx.registry.filter(live)) {
    if (o.unit_id === a.unit_id) duplicates.push({ id: o.id, name: o.name, platform: o.platform, account_id: o.account_id, reason: 'same_unit_platform' });
    else {
      const sim = nameSimilarity(a.name, o.name);
      if (sim >= ctx.thresholds.duplicate.name_similarity) duplicates.push({ id: o.id, name: o.name, platform: o.platform, account_id: o.account_id, reason: 'similar_name', similarity: Math.round(sim * 100) / 100 });
    }
  }
  const same = duplicates.filter((d) => d.reason === 'same_unit_platform');
  if (same.length) return { check: 'duplicate', status: 'fail', message: `本单位在该平台另有${same.length}个账号：${same.map((d) => d.name).join('、')}`, evidence: { rule, duplicates } };
  if (duplicates.length) return { check: 'duplicate', status: 'warn', hint: true, message: `该平台有名称相近的账号：${duplicates.map((d) => d.name).join('、')}`, evidence: { rule, duplicates } };
  return { check: 'duplicate', status: 'pass', message: '未发现重复账号', evidence: { rule } };
}
