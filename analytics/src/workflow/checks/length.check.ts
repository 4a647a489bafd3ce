/**
 * Length limits per platform, counted on the text as readers see it: Markdown
 * marks (#, >, list bullets, **, *, ~~, `, fences, HTML tags) do not count,
 * a link counts as its text, an image as its alt text. Characters are code
 * points (an emoji is one); line breaks do not count, spaces do.
 */
import type { CheckFinding } from './types';

/**
 * Weibo: 2000 is the limit of a post (the timeline folds after 140, which is
 * not a limit). WeChat articles and Toutiao articles: 20000. Douyin captions
 * and message-board replies: 1000. News, website and press-conference texts
 * have no limit.
 */
export const DEFAULT_LENGTH_LIMITS: Record<string, number> = {
  weibo: 2000,
  wechat: 20000,
  douyin: 1000,
  toutiao: 20000,
  message_board: 1000,
};

const PLATFORM_NAMES: Record<string, string> = {
  weibo: '微博',
  wechat: '微信公众号',
  douyin: '抖音',
  toutiao: '今日头条',
  news: '新闻稿',
  website: '网站',
  message_board: '留言板',
  press_conference: '发布会',
};

// Bounded spans keep a line full of unmatched ** linear.
const STRONG = /(\*\*|__|~~)(?=\S)([^\n]{1,300}?)(?<=\S)\1/g;
const EMPHASIS = /(?<![*\w])\*(?=\S)([^*\n]{1,300}?)(?<=\S)\*(?![*\w])/g;

/** The text without its Markdown syntax. */
export function renderedText(markdown: string): string {
  const lines = markdown.split(/\r?\n/).flatMap((line) => {
    if (/^ {0,3}(?:```|~~~)/.test(line)) return [];
    if (/^ {0,3}(?:[-*_] *){3,}$/.test(line)) return [];
    return [
      line
        .replace(/^ {0,3}(?:> ?)+/, '')
        .replace(/^ {0,3}#{1,6}(?: +|$)/, '')
        .replace(/ +#+ *$/, '')
        .replace(/^\s*[-*+] +/, ''),
    ];
  });
  return lines
    .join('\n')
    .replace(/!\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/<\/?[A-Za-z][^>\n]*>/g, '')
    .replace(STRONG, '$2')
    .replace(EMPHASIS, '$1')
    .replace(/`/g, '');
}

export function countCharacters(markdown: string): number {
  let n = 0;
  for (const c of renderedText(markdown)) if (c !== '\n') n += 1;
  return n;
}

export function checkLength(text: string, platform: string | undefined, overrides?: Partial<Record<string, number>>): CheckFinding[] {
  if (!platform) return [];
  const limit = overrides?.[platform] ?? DEFAULT_LENGTH_LIMITS[platform];
  if (limit === undefined || !Number.isFinite(limit)) return [];
  const count = countCharacters(text);
  if (count <= limit) return [];
  const name = PLATFORM_NAMES[platform] ?? platform;
  return [
    {
      check: 'length',
      severity: 'error',
      message: `正文${count}字，超过${name}上限${limit}字（已不计Markdown标记），须删减${count - limit}字`,
    },
  ];
}
