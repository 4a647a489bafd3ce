/**
 * The text the analysers see: the stored text stays exactly as received.
 * Full-width ASCII is folded to half-width and Latin lowercased so that
 * "ＡＢＣ１２３" and "abc123" are one token; links are removed; Weibo bracket
 * emoticons ([泪], [赞]) and hashtags (#话题#) are lifted out as tokens of
 * their own, because the segmenter would cut them into pieces.
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

export function toAnalysisText(text: string): AnalysisText {
  const emoticons: string[] = [];
  const hashtags: string[] = [];
  let body = text.replace(URL_RE, ' ');
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
