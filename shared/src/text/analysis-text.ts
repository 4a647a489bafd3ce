/**
 * The text the analysers see: the stored text stays exactly as received.
 * Full-width ASCII is folded to half-width and Latin lowercased so that
 * "ＡＢＣ１２３" and "abc123" are one token; links are removed; Weibo bracket
 * emoticons ([泪], [赞]) and hashtags (#话题#) are lifted out as tokens of
 * their own, because the segmenter would cut them into pieces. Markup is
 * not words: HTML tags (the Weibo API's own <a> around @names and topics,
 * a message board's <br>, or a hostile <script>) are removed keeping their
 * text, script and style bodies and javascript: links dropped, and a
 * Markdown link keeps its label; otherwise the same story with different
 * markup would not cluster.
 */

export interface AnalysisText {
  /** Text to segment (emoticons removed, links removed, width folded). */
  body: string;
  emoticons: string[];
  hashtags: string[];
}

const URL_RE = /\bhttps?:\/\/[^\s\u3000-\u303f\uff01-\uff5e\u4e00-\u9fff]+/gi;
const EMOTICON_RE = /\[[\u4e00-\u9fffA-Za-z0-9]{1,8}\]/g;
const HASHTAG_RE = /#([^#\n]{1,40})#/g;

export function foldWidth(text: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      out += String.fromCharCode(c - 0xfee0);
      changed = true;
    } else if (c === 0x3000) {
      out += ' ';
      changed = true;
    } else {
      out += text[i];
    }
  }
  return changed ? out : text;
}

const SCRIPT_RE = /<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const TAG_RE = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi;
const ENTITY_RE = /&(?:nbsp|amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi;
const MARKDOWN_LINK_RE = /\[([^\[\]\n]{0,200})\]\((?:[^()\s]|\([^()\s]*\))*\)/g;
const JS_URL_RE = /\bjavascript:[^\s\u3000-\u303f\uff01-\uff5e\u4e00-\u9fff]*/gi;

/** The text without markup; most text has none, and is returned as it is. */
export function withoutMarkup(text: string): string {
  let out = text;
  if (out.includes('<')) out = out.replace(SCRIPT_RE, ' ').replace(TAG_RE, ' ');
  if (out.includes('&')) out = out.replace(ENTITY_RE, ' ');
  if (out.includes('](')) out = out.replace(MARKDOWN_LINK_RE, ' $1 ');
  if (out.includes(':')) out = out.replace(JS_URL_RE, ' ');
  return out;
}

export function toAnalysisText(text: string): AnalysisText {
  const emoticons: string[] = [];
  const hashtags: string[] = [];
  let body = withoutMarkup(text).replace(URL_RE, ' ');
  // Emoticons are matched before width folding: full-width brackets are not emoticons.
  body = body.replace(EMOTICON_RE, (m) => {
    emoticons.push(m);
    return ' ';
  });
  body = foldWidth(body).toLowerCase();
  body.replace(HASHTAG_RE, (_m, tag: string) => {
    const t = tag.trim();
    if (t) hashtags.push(t);
    return '';
  });
  return { body, emoticons, hashtags };
}
