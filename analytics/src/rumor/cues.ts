/**
 * Cue phrases for the rumor signals.
 *
 * Written for Fenghuo (烽火) by the project, from general knowledge of how
 * rumors, hearsay, spread-begging and debunking are phrased on Chinese social
 * media. They were NOT mined from any dataset (no word was selected by
 * counting or by looking at labelled examples), and they hold no weights.
 * Matching is on the width-folded, lower-cased text (see `normaliseForCues`),
 * so list entries use half-width punctuation and lower-case Latin letters.
 *
 * Each list has one job; a phrase may sit in two lists when it plays two roles.
 */

/** Hearsay and unverifiable sourcing in a post: the claim rests on "someone said". */
export const HEARSAY_CUES: readonly string[] = [
  '网传', '网曝', '网爆', '网友爆料', '爆料', '据说', '听说', '据传', '传闻', '传言', '有传言', '小道消息',
  '朋友说', '朋友在', '同学在', '同事在', '亲戚在', '我姐在', '我哥在', '我表哥', '我表姐', '二姨', '三姨',
  '内部消息', '内部人士', '内部通知', '内部文件', '知情人士', '可靠消息', '可靠消息称', '消息人士', '据知情',
  '群里', '群里消息', '朋友圈', '聊天记录', '截图', '上面不让说', '不让报道', '不让公开', '被封锁', '封锁消息',
  '官方不说', '官方隐瞒', '压消息', '不敢报道', '媒体不报', '懂的都懂', '你懂的', '真实事件', '亲眼所见',
  '千真万确', '绝对真实', '绝非谣言', '不是谣言', '宁可信其有',
];

/** Urgency and requests to spread: the post asks readers to pass it on or act at once. */
export const URGENCY_CUES: readonly string[] = [
  '紧急扩散', '求扩散', '请扩散', '扩散周知', '帮忙扩散', '速扩', '速转', '求转', '求转发', '请转发', '转发救人',
  '转发一次', '转起来', '互相转告', '相互转告', '转告', '转给', '告诉家人', '告诉身边', '告诉家里', '家里人',
  '看到请转', '看到的转', '不转不是', '转发就是', '爱心接力', '人命关天', '急寻', '寻人', '急求', '紧急通知',
  '紧急提醒', '重要提醒', '紧急', '十万火急', '千万别', '千万不要', '千万不能', '千万要', '一定要转', '马上删',
  '随时删', '即将被删', '快看', '速看', '赶紧', '注意了', '重要的事说三遍', '收到请回复', '救一家人',
];

/** Sensational and alarming wording. */
export const SENSATIONAL_CUES: readonly string[] = [
  '震惊', '惊呆', '惊天', '惊人', '惊爆', '骇人', '吓人', '可怕', '恐怖', '触目惊心', '毛骨悚然', '细思极恐',
  '太恐怖', '致癌', '剧毒', '有毒', '毒死', '致死', '死亡', '身亡', '惨死', '惨剧', '黑幕', '内幕', '真相',
  '惊魂', '丧心病狂', '禽兽', '天理难容', '令人发指', '史上最', '最恐怖', '最可怕', '绝密', '曝光',
];

/** Attribution to an official or professional source in a post. */
export const OFFICIAL_SOURCE_CUES: readonly string[] = [
  '通报', '情况通报', '警情通报', '警方', '公安', '派出所', '交警', '消防', '官方', '官网', '官方微博',
  '发布会', '新闻发布', '新闻办', '发言人', '权威发布', '政府', '国务院', '部委', '卫生部', '卫健委', '疾控',
  '教育部', '外交部', '商务部', '环保部', '食药监', '药监局', '质检', '工商局', '气象台', '地震台', '中国地震台网',
  '新华社', '新华网', '人民日报', '人民网', '央视', '中央电视台', '中新社', '中新网', '中国新闻网', '经济日报',
  '光明日报', '新京报', '南方都市报', '财新', '澎湃', '记者', '本报讯', '据报道', '报道称', '据了解', '据悉',
  '公告', '通告', '声明', '答记者问', '回应', '证实', '调查组', '检察院', '法院', '判决',
];

/** The post itself refutes or corrects a claim (a debunk is usually not a rumor itself). */
export const POST_DEBUNK_CUES: readonly string[] = [
  '辟谣', '谣言', '不实', '纯属谣言', '系谣言', '是谣言', '造谣', '传谣', '假消息', '假新闻', '虚假信息',
  '不属实', '并非事实', '没有此事', '无此事', '子虚乌有', '澄清', '真相是', '谣言粉碎机', '不信谣', '不传谣',
];

/**
 * Skeptical replies: readers question the claim or ask for a source
 * (doubt, not yet a verdict).
 */
export const SKEPTICAL_REPLY_CUES: readonly string[] = [
  '真的假的', '真的吗', '是真的吗', '真假', '是真是假', '假的吧', '不会吧', '不可能吧', '靠谱吗', '可信吗',
  '求证', '求真相', '有证据吗', '证据呢', '有依据吗', '来源', '出处', '消息来源', '哪里来的', '哪来的',
  '有官方', '官方消息吗', '谁能证实', '谁能证明', '怀疑', '存疑', '半信半疑', '不信', '不敢信', '持怀疑',
  '有图有真相吗', '求辟谣', '等官方', '等辟谣', '理性看待', '别急着转', '先别转', '别乱转', '不明真相',
];

/**
 * Debunking replies: readers say the claim is false, old, staged or already
 * refuted.
 */
export const DEBUNK_REPLY_CUES: readonly string[] = [
  '谣言', '辟谣', '已辟谣', '已经辟谣', '被辟谣', '早辟谣', '造谣', '传谣', '信谣', '假的', '是假的', '假消息',
  '假新闻', '虚假', '不实', '骗人', '骗子', '骗局', '忽悠', '扯淡', '胡扯', '瞎扯', '胡说', '胡说八道', '瞎说',
  '乱说', '谣传', '以讹传讹', '老谣言', '旧闻', '老新闻', '旧新闻', '几年前', '去年的', '过时', '又来了',
  '又出来了', 'ps的', 'p图', '合成的', '摆拍', '炒作', '标题党', '伪科学', '不靠谱', '别信', '不要信',
  '不可信', '别传了', '不要传', '止于智者', '造谣者', '举报', '删了吧', '辟谣了',
];

/**
 * Believing and amplifying replies: alarm, prayer and passing the message
 * on. They show the claim is taken at face value (true news gets them too).
 */
export const BELIEVING_REPLY_CUES: readonly string[] = [
  '扩散', '转发', '转起', '帮转', '大家注意', '注意安全', '小心', '太可怕', '好可怕', '可怕', '好恐怖', '吓死',
  '天哪', '天啊', '我的天', '祈福', '祈祷', '保佑', '平安', '一路走好', '安息', '[蜡烛]', '[祈祷]',
  '愤怒', '严惩', '畜生', '禽兽', '枪毙', '人渣', '太恶心', '心疼', '泪目', '[泪]', '支持',
];

/**
 * Phrases that contain refuting words but do not refute: a question (真的假的),
 * or a denial that it is a rumor (不是谣言). They are blanked out before the
 * debunk lists are matched.
 */
export const DEBUNK_MASK_PHRASES: readonly string[] = [
  '真的假的', '真的还是假的', '是真是假', '真真假假', '真假难辨', '不是谣言', '绝非谣言', '并非谣言', '不是假的', '不是假新闻', '不是造谣',
];

export interface CueMatcher {
  readonly cues: readonly string[];
  /** Distinct cues found in the text. */
  distinct(text: string): string[];
  /** Whether any cue is in the text. */
  test(text: string): boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher over one cue list (longest cue first, so 已辟谣 wins over 辟谣 at one place). */
export function cueMatcher(cues: readonly string[]): CueMatcher {
  const sorted = [...new Set(cues.map((c) => normaliseForCues(c)))].sort((a, b) => b.length - a.length);
  const any = new RegExp(sorted.map(escape).join('|'));
  const all = new RegExp(sorted.map(escape).join('|'), 'g');
  return {
    cues: sorted,
    test: (text) => any.test(text),
    distinct(text) {
      const found = new Set<string>();
      for (const m of text.matchAll(all)) found.add(m[0]);
      return [...found];
    },
  };
}

/** Width-folds (full-width ASCII → half-width) and lower-cases text for cue matching. */
export function normaliseForCues(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : c === 0x3000 ? ' ' : text[i];
  }
  return out.toLowerCase();
}

type Matchers = Record<'hearsay' | 'urgency' | 'sensational' | 'official' | 'postDebunk' | 'skeptical' | 'debunk' | 'believing', CueMatcher> & {
  /** Blanks out DEBUNK_MASK_PHRASES (apply before the debunk matchers). */
  maskDebunk(text: string): string;
};

let matchers: Matchers | undefined;

/** The matchers for every list, built once. */
export function cueMatchers(): Matchers {
  if (matchers) return matchers;
  const mask = new RegExp([...DEBUNK_MASK_PHRASES].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');
  matchers = {
    maskDebunk: (text) => (text.includes('假') || text.includes('谣') ? text.replace(mask, ' ') : text),
    hearsay: cueMatcher(HEARSAY_CUES),
    urgency: cueMatcher(URGENCY_CUES),
    sensational: cueMatcher(SENSATIONAL_CUES),
    official: cueMatcher(OFFICIAL_SOURCE_CUES),
    postDebunk: cueMatcher(POST_DEBUNK_CUES),
    skeptical: cueMatcher(SKEPTICAL_REPLY_CUES),
    debunk: cueMatcher(DEBUNK_REPLY_CUES),
    believing: cueMatcher(BELIEVING_REPLY_CUES),
  };
  return matchers;
}
