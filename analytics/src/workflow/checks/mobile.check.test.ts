import { describe, expect, it } from 'vitest';
import { checkMobiles } from './mobile.check';
import { prepareDraft } from './text';

const CASES: { name: string; text: string; found: string[]; masked?: string[] }[] = [
  { name: 'bare', text: '联系人手机13800138000。', found: ['13800138000'], masked: ['138****8000'] },
  { name: 'dashes', text: '手机138-0013-8000', found: ['138-0013-8000'], masked: ['138-****-8000'] },
  { name: 'spaces', text: '手机 138 0013 8000，', found: ['138 0013 8000'], masked: ['138 **** 8000'] },
  { name: '+86', text: '电话+86 13912345678', found: ['+86 13912345678'], masked: ['+86 139****5678'] },
  { name: '+86 with dashes', text: '电话+86-139-1234-5678', found: ['+86-139-1234-5678'] },
  { name: '0086', text: '0086 15012345678', found: ['0086 15012345678'], masked: ['0086 150****5678'] },
  { name: '86 glued', text: '号码8619912345678', found: ['8619912345678'] },
  { name: '(+86)', text: '拨打(+86)17712345678', found: ['(+86)17712345678'] },
  { name: 'full-width', text: '手机１３８００１３８０００。', found: ['１３８００１３８０００'], masked: ['１３８****８０００'] },
  { name: 'full-width dashes and space', text: '手机１３８－００１３－８０００', found: ['１３８－００１３－８０００'] },
  { name: 'two numbers', text: '13800138000、15912345678', found: ['13800138000', '15912345678'] },
  { name: 'two numbers separated by a space', text: '13800138000 15912345678', found: ['13800138000', '15912345678'] },
  { name: 'local part of an e-mail address', text: '邮箱13800138000@163.com', found: ['13800138000'] },
  { name: 'citizen hotline', text: '请拨打12345政务服务便民热线', found: [] },
  { name: 'police', text: '请拨打110报警', found: [] },
  { name: '400 number', text: '客服电话400-123-4567', found: [] },
  { name: 'Beijing landline', text: '值班电话010-12345678', found: [] },
  { name: 'Hangzhou landline', text: '联系电话0571-88881234', found: [] },
  { name: 'landline without area code dash', text: '联系电话057188881234', found: [] },
  { name: 'starts with 12', text: '编号12812345678', found: [] },
  { name: 'in a longer run', text: '订单号2013800138000123', found: [] },
  { name: 'followed by a digit', text: '编号138001380001', found: [] },
  { name: 'inside a grouped card number', text: '卡号6217 1380 0138 0001', found: [] },
  { name: 'a slice of longer groups', text: '序列 138 0013 8000 1234', found: [] },
  { name: 'mixed separators', text: '138-0013 8000', found: [] },
  { name: 'Hong Kong number', text: '香港热线+852 5123 4567', found: [] },
  { name: 'in a URL', text: 'https://example.cn/u/13800138000', found: [] },
];

describe('checkMobiles', () => {
  it.each(CASES)('$name', ({ text, found, masked }) => {
    const findings = checkMobiles(prepareDraft(text));
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(found);
    if (masked) expect(findings.map((f) => f.match)).toEqual(masked);
    for (const f of findings) {
      expect(f).toMatchObject({ check: 'mobile', severity: 'error' });
      expect(f.match).toContain('****');
    }
  });
});
