/** Helpers for Weibo's own formats (mobile API records and CED cascades). */

const MONTHS: Record<string, string> = {
  Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06',
  Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12',
};

/**
 * "Fri Jan 24 13:23:19 +0800 2020" → "2020-01-24T13:23:19+08:00". Anything
 * else (the app's relative "5分钟前") is returned unchanged, for validation
 * to reject with its own message.
 */
export function weiboTime(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const m = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2}) (\d{4})$/.exec(value.trim());
  if (!m || !MONTHS[m[1]!]) return value;
  return `${m[6]}-${MONTHS[m[1]!]}-${m[2]!.padStart(2, '0')}T${m[3]}${m[4]}:${m[5]}`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Weibo HTML → the text people read: emoticon images become their [名字], links their text. */
export function weiboHtmlToText(html: string): string {
  return html
    .replace(/<img[^>]*\balt=["']?(\[[^\]"'>]+\])["']?[^>]*>/gi, '$1')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, ent: string) => {
      if (ent[0] === '#') {
        const code = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[ent.toLowerCase()] ?? whole;
    })
    .trim();
}

/** "1.2万" → 12000, "3亿" → 300000000, 45 → 45; anything else undefined. */
export function chineseCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(万|亿)?\+?\s*$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] === '亿' ? 1e8 : m[2] === '万' ? 1e4 : 1);
  return Math.round(n);
}

/** What Weibo itself shows for a repost with no words of its own. */
export const EMPTY_REPOST_TEXT = '转发微博';
