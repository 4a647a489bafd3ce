import { describe, expect, it } from 'vitest';
import { chineseCount, weiboHtmlToText, weiboTime } from './weibo-text';

describe('Weibo formats', () => {
  it.each([
    ['Fri Jan 24 13:23:19 +0800 2020', '2020-01-24T13:23:19+08:00'],
    ['Mon Apr 3 08:00:00 +0800 2023', '2023-04-03T08:00:00+08:00'],
    ['5分钟前', '5分钟前'],
  ])('time %s', (input, out) => expect(weiboTime(input)).toBe(out));

  it('turns emoticon images into their names and drops markup', () => {
    const html =
      '太惨了<span class="url-icon"><img alt=[微笑] src="https://h5.sinaimg.cn/x.png" style="width:1em" /></span>。' +
      '回复<a href=\'/n/某人\'>@某人</a>:好的&amp;收到&#x1F600;<br />第二行';
    expect(weiboHtmlToText(html)).toBe('太惨了[微笑]。回复@某人:好的&收到😀\n第二行');
  });

  it.each([
    [45, 45],
    ['1.2万', 12000],
    ['3亿', 300000000],
    ['100万+', 1000000],
    ['many', undefined],
    [-1, undefined],
  ])('count %s', (input, out) => expect(chineseCount(input)).toBe(out));
});
