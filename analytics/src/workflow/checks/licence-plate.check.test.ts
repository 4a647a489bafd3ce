import { describe, expect, it } from 'vitest';
import { checkLicencePlates } from './licence-plate.check';
import { prepareDraft } from './text';

const CASES: { name: string; text: string; found: string[]; masked?: string[] }[] = [
  { name: 'ordinary', text: '肇事车辆京A12345已被扣留', found: ['京A12345'], masked: ['京A****5'] },
  { name: 'middle dot', text: '车牌为浙A·8B2C7的小型轿车', found: ['浙A·8B2C7'], masked: ['浙A·****7'] },
  { name: 'bullet', text: '沪C•12345', found: ['沪C•12345'] },
  { name: 'space', text: '粤B 3X456。', found: ['粤B 3X456'] },
  { name: 'small new-energy car', text: '苏E·D12345', found: ['苏E·D12345'], masked: ['苏E·*****5'] },
  { name: 'large new-energy vehicle', text: '川A12345F号', found: ['川A12345F'] },
  { name: 'police', text: '警车京A1234警到场', found: ['京A1234警'], masked: ['京A***4警'] },
  { name: 'driving school', text: '教练车鲁B1234学', found: ['鲁B1234学'] },
  { name: 'trailer', text: '挂车冀F1234挂', found: ['冀F1234挂'] },
  { name: 'lower case', text: '车牌京a12345', found: ['京a12345'] },
  { name: 'full-width', text: '车牌京Ａ１２３４５', found: ['京Ａ１２３４５'] },
  { name: 'two plates', text: '京A12345与津B54321相撞', found: ['京A12345', '津B54321'] },
  { name: 'province and letter alone', text: '京A号段由北京市公安局交管局发放', found: [] },
  { name: 'a word', text: '苏A区域内', found: [] },
  { name: 'letter I is not issued', text: '京I12345', found: [] },
  { name: 'letter O is not issued', text: '京O12345', found: [] },
  { name: 'too many letters', text: '沪AGENT', found: [] },
  { name: 'serial too long', text: '京A1234567', found: [] },
  { name: 'serial too short', text: '京A123', found: [] },
  { name: 'not a province', text: '北A12345', found: [] },
];

describe('checkLicencePlates', () => {
  it.each(CASES)('$name', ({ text, found, masked }) => {
    const findings = checkLicencePlates(prepareDraft(text));
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(found);
    if (masked) expect(findings.map((f) => f.match)).toEqual(masked);
    for (const f of findings) {
      expect(f).toMatchObject({ check: 'licence_plate', severity: 'warning' });
      expect(f.message).toContain('公务车辆');
    }
  });
});
