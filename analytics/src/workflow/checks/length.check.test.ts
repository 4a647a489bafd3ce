import { describe, expect, it } from 'vitest';
import { checkLength, countCharacters, DEFAULT_LENGTH_LIMITS, renderedText } from './length.check';

describe('renderedText / countCharacters', () => {
  it.each([
    ['# 情况通报', '情况通报'],
    ['### 一、基本情况 ###', '一、基本情况'],
    ['**重要**提示', '重要提示'],
    ['*注意*事项', '注意事项'],
    ['__加粗__与~~删除~~', '加粗与删除'],
    ['详见[官方网站](https://www.example.gov.cn/a/b)', '详见官方网站'],
    ['![现场图片](https://img.example.cn/1.jpg)', '现场图片'],
    ['> 引用内容', '引用内容'],
    ['- 第一条\n- 第二条', '第一条\n第二条'],
    ['1. 第一条', '1. 第一条'],
    ['```\n代码\n```', '代码'],
    ['---', ''],
    ['`代码`', '代码'],
    ['换行<br>标签', '换行标签'],
    ['手机138****8000', '手机138****8000'],
  ])('%j → %j', (md, text) => {
    expect(renderedText(md)).toBe(text);
  });

  it('counts code points, not line breaks', () => {
    expect(countCharacters('中文\n\nabc 😀')).toBe(7);
    expect(countCharacters('[十个字的链接文字哦哦](https://very-long-url.example.com/' + 'x'.repeat(500) + ')')).toBe(10);
  });

  it('stays linear on a line full of unmatched markers', () => {
    const started = performance.now();
    countCharacters('**a '.repeat(5000));
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('checkLength', () => {
  it('reports the count and the limit when over', () => {
    const findings = checkLength('字'.repeat(2001), 'weibo');
    expect(findings).toEqual([{ check: 'length', severity: 'error', message: '正文2001字，超过微博上限2000字（已不计Markdown标记），须删减1字' }]);
  });

  it.each<[string, string | undefined, Partial<Record<string, number>> | undefined, number]>([
    ['字'.repeat(2000), 'weibo', undefined, 0],
    [`# ${'字'.repeat(2000)}`, 'weibo', undefined, 0],
    ['字'.repeat(1001), 'douyin', undefined, 1],
    ['字'.repeat(1001), 'message_board', undefined, 1],
    ['字'.repeat(20001), 'wechat', undefined, 1],
    ['字'.repeat(50000), 'press_conference', undefined, 0],
    ['字'.repeat(50000), 'news', undefined, 0],
    ['字'.repeat(50000), undefined, undefined, 0],
    ['字'.repeat(141), 'weibo', { weibo: 140 }, 1],
    ['字'.repeat(3000), 'weibo', { weibo: Number.POSITIVE_INFINITY }, 0],
    ['字'.repeat(600), 'news', { news: 500 }, 1],
    ['字'.repeat(600), 'kuaishou', undefined, 0],
  ])('%#: %s on %s', (text, platform, overrides, n) => {
    expect(checkLength(text, platform, overrides)).toHaveLength(n);
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_LENGTH_LIMITS).toEqual({ weibo: 2000, wechat: 20000, douyin: 1000, toutiao: 20000, message_board: 1000 });
  });
});
