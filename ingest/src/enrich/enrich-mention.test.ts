import { describe, expect, it } from 'vitest';
import type { Mention } from '@fenghuo/shared';
import { foldWidth, toAnalysisText } from '@fenghuo/shared/text';
import { createEnricher } from './enrich-mention';

const enrich = createEnricher();
const m = (text: string, patch: Partial<Mention> = {}): Mention => ({ id: 'x', platform: 'weibo', kind: 'post', text, time: Date.now(), ...patch });
const run = (text: string, patch: Partial<Mention> = {}) => {
  const r = enrich(m(text, patch));
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe('analysis text', () => {
  it('folds full-width ASCII and the ideographic space', () => {
    expect(foldWidth('ＡＢＣ１２３！\u3000ｘ')).toBe('ABC123! x');
    expect(foldWidth('中文，标点。')).toBe('中文,标点。');
  });

  it('lifts out emoticons and hashtags, drops links, lowercases', () => {
    expect(toAnalysisText('看这个#荆州爆炸#[泪][泪] https://t.cn/A6x 太Scary了')).toEqual({
      body: '看这个#荆州爆炸#     太scary了',
      emoticons: ['[泪]', '[泪]'],
      hashtags: ['荆州爆炸'],
    });
  });

  it('drops markup, keeping the words: tags (their text stays), script bodies, entities, javascript: links, Markdown links (their label stays)', () => {
    const words = (t: string) => toAnalysisText(t).body.replace(/\s+/g, ' ').trim();
    expect(words('<a href="/n/荆州发布">@荆州发布</a> 化工厂爆炸<br/>现场&nbsp;浓烟')).toBe('@荆州发布 化工厂爆炸 现场 浓烟');
    expect(words('化工厂爆炸 <script>window.__xss.push("script")</script>')).toBe('化工厂爆炸');
    expect(words('化工厂爆炸 <iframe srcdoc="<script>parent.__xss.push(1)</script>"></iframe>')).toBe('化工厂爆炸');
    expect(words('化工厂爆炸 <img src=x onerror="window.__xss.push(\'img\')">')).toBe('化工厂爆炸');
    expect(words('[点我领取](javascript:window.__xss.push("md")) 化工厂')).toBe('点我领取 化工厂');
    expect(words('化工厂 javascript:window.__xss.push("url")')).toBe('化工厂');
    // Text that only looks like markup stays.
    expect(words('房价<1万，3>2，a&b [泪]')).toBe('房价<1万,3>2,a&b');
  });
});

describe('enrichment', () => {
  it.each([
    ['place names from the user dictionary and GB/T 2260 stay whole', '网传荆州石首市化工厂爆炸，应急管理局发布情况通报', ['荆州', '石首市', '化工厂爆炸', '应急管理局', '情况通报']],
    ['hashtags become tokens of their own', '#为荆州祈福# 大家平安', ['#为荆州祈福#', '平安']],
    ['full-width letters and digits fold', 'ｉＰｈｏｎｅ１６ 发布会', ['iphone16', '发布会']],
    ['stopwords, modifiers, numbers and punctuation go', '我们的这个真的是非常不错的！！！123', ['不错']],
    ['mixed scripts', 'AI大模型 ChatGPT 和 文心一言', ['ai', '模型', 'chatgpt']],
  ])('tokens: %s', (_name, text, expected) => {
    expect(run(text).tokens).toEqual(expect.arrayContaining(expected));
  });

  it('emoji-only and punctuation-only texts enrich to nothing, without failing', () => {
    for (const text of ['😂😂😂', '！？。，……', '[哈哈][哈哈]', '   \u200b ']) {
      const e = run(text);
      expect(e.tokens).toEqual([]);
      expect(e.simhash).toBe('0');
    }
  });

  it('a very long text is handled whole', () => {
    const e = run('荆州化工厂爆炸现场浓烟滚滚。'.repeat(1400));
    expect(e.tokens.length).toBeGreaterThan(5000);
    expect(e.keywords.length).toBeLessThanOrEqual(8);
  });

  it.each([
    ['今天天气真好，心情非常不错[哈哈]', 'positive'],
    ['服务态度太差了，投诉无门，真的很无语', 'negative'],
    ['化工厂爆炸，已造成多人伤亡[蜡烛][泪]', 'negative'],
    ['感谢消防员，辛苦了，太暖心了', 'positive'],
    ['一点也不好', 'negative'],
    ['并不差', 'positive'],
    ['市政府召开常务会议，研究部署下一阶段工作', 'neutral'],
    ['市图书馆开放时间调整为上午9点至下午5点', 'neutral'],
    ['糟糕透顶', 'negative'],
    ['好惨啊', 'negative'],
  ])('sentiment of %s → %s', (text, label) => {
    expect(run(text).sentimentLabel).toBe(label);
  });

  it('sentiment is a score in (-1, 1)', () => {
    for (const text of ['好好好好好好好好好开心开心开心[哈哈][哈哈][哈哈]', '垃圾垃圾恶心恶心[怒][怒][怒]']) {
      const s = run(text).sentiment;
      expect(Math.abs(s)).toBeLessThan(1);
    }
  });

  it.each([
    ['the region field wins', '北京今天下雪了', { region: '420100' }, 'field', '武汉市'],
    ['then a place named in the text', '荆州化工厂爆炸', { author: { location: '北京 朝阳区' } }, 'text', '荆州市'],
    ['then the author location', '今天加班到很晚', { author: { location: '广东 深圳' } }, 'author', '深圳市'],
    ['"其他" is no place', '今天加班到很晚', { author: { location: '其他' } }, '', ''],
  ] as const)('region: %s', (_name, text, patch, source, city) => {
    const e = run(text, patch as Partial<Mention>);
    expect(e.regionSource).toBe(source);
    expect(e.place?.city ?? '').toBe(city);
  });

  it('keywords rank the hashtag first and carry no stopwords', () => {
    const e = run('#荆州爆炸# 荆州化工园区发生爆炸，现场浓烟滚滚，我们都很担心');
    expect(e.keywords[0]).toBe('#荆州爆炸#');
    expect(e.keywords).not.toContain('我们');
  });

  it('near-duplicate reposts hash close together', () => {
    const a = BigInt(run('紧急扩散！荆州自来水被化工厂爆炸污染了，千万别喝，转给家里人').simhash);
    const b = BigInt(run('紧急扩散！！荆州自来水被化工厂爆炸污染了，千万别喝').simhash);
    let x = a ^ b;
    let bits = 0;
    while (x) {
      x &= x - 1n;
      bits++;
    }
    expect(bits).toBeLessThanOrEqual(10);
  });
});
