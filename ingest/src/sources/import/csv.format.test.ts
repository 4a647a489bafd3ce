import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRowToMention, readCsv } from './csv.format';

describe('CSV import', () => {
  it('maps flat and dotted columns onto the mention shape', () => {
    expect(
      csvRowToMention({
        id: '1', platform: 'weibo', text: '你好', time: '1764129600000', author_name: '张三', 'author.followers': '12',
        author_official: '是', reposts: '3', 'metrics.likes': '4', region: '湖北', extra: 'x', url: '',
      }),
    ).toEqual({
      id: '1', platform: 'weibo', text: '你好', time: 1764129600000, region: '湖北', extra: 'x',
      author: { name: '张三', followers: 12, official: true }, metrics: { reposts: 3, likes: 4 },
    });
  });

  it('a row with broken quoting is rejected with its text; the rows after it are read', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fh-csv-')), 'in.csv');
    fs.writeFileSync(
      file,
      'id,platform,text,time\n' +
        '1,weibo,"第一条，带逗号",2026-01-01T00:00:00+08:00\n' +
        '2,weibo,第二条 "坏的" 引号,2026-01-01T00:00:00+08:00,多余的列\n' +
        '3,weibo,"多行\n文本",2026-01-01T00:00:00+08:00\n' +
        '4,weibo,"没有闭合的引号,2026-01-01T00:00:00+08:00\n' +
        '5,weibo,被上一行吞掉,2026-01-01T00:00:00+08:00\n',
    );
    const items = [];
    for await (const i of readCsv(file, { platform: 'news' })) items.push(i);
    expect(items).toHaveLength(4);
    expect(items[0]!.value).toMatchObject({ id: '1', text: '第一条，带逗号' });
    expect(items[1]!.error).toMatch(/^CSV line \d+:/);
    expect(String(items[1]!.raw)).toContain('多余的列');
    expect(items[2]!.value).toMatchObject({ id: '3', text: '多行\n文本' });
    // An unclosed quote runs to the end of the file: one rejection keeps all of it.
    expect(items[3]!.error).toMatch(/Quote Not Closed/i);
    expect(String(items[3]!.raw)).toContain('被上一行吞掉');
  });
});
