import { describe, expect, it } from 'vitest';
import { checkIdNumbers, isValidId15, isValidId18 } from './id-number.check';
import { prepareDraft } from './text';

// Written out again here rather than imported, so the test does not check the code against itself.
function withCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}

function wrongCheckChar(id: string): string {
  const last = id.slice(-1);
  return id.slice(0, -1) + (last === '0' ? '1' : '0');
}

const toFullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const BEIJING = withCheckChar('11010519491231002');
const SHENZHEN = withCheckChar('44030419850612371');
const HANGZHOU = withCheckChar('33010619900307451');
const LEAP_DAY = withCheckChar('51010720000229008');
const URUMQI = withCheckChar('65010219780101123');
const HONG_KONG = withCheckChar('81000019950505002');
// Found by trying sequence numbers: some real numbers end in X.
const WITH_X = (() => {
  for (let seq = 100; seq < 200; seq++) {
    const id = withCheckChar(`32010219880801${seq}`);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X in range');
})();

describe('isValidId18 / isValidId15', () => {
  it.each([
    [BEIJING, true],
    [SHENZHEN, true],
    [LEAP_DAY, true],
    [WITH_X, true],
    [WITH_X.toLowerCase(), true],
    [wrongCheckChar(SHENZHEN), false],
    [withCheckChar('99010519900307451'), false], // no province 99
    [withCheckChar('33010618990307451'), false], // born 1899
    [withCheckChar(`330106${new Date().getFullYear() + 1}0307451`), false], // born next year
    [withCheckChar('33010619900230451'), false], // 30 February
    [withCheckChar('51010719000229008'), false], // 1900 was not a leap year
    [withCheckChar('33010619901301451'), false], // month 13
  ])('%s → %s', (id, valid) => {
    expect(isValidId18(id)).toBe(valid);
  });

  it.each([
    ['110105491231002', true],
    ['440304850612371', true],
    ['440304850230371', false],
    ['990304850612371', false],
  ])('15-digit %s → %s', (id, valid) => {
    expect(isValidId15(id)).toBe(valid);
  });
});

interface Case {
  name: string;
  text: string;
  /** The exact IDs (as they appear in the text) that must be found, in order. */
  found: string[];
}

const CASES: Case[] = [
  { name: 'a bare number', text: `当事人身份证号${BEIJING}，现已控制。`, found: [BEIJING] },
  { name: 'several numbers', text: `${SHENZHEN}、${HANGZHOU}和${LEAP_DAY}`, found: [SHENZHEN, HANGZHOU, LEAP_DAY] },
  { name: 'Xinjiang and Hong Kong codes', text: `证件号码：${URUMQI}；${HONG_KONG}。`, found: [URUMQI, HONG_KONG] },
  { name: 'check character X', text: `号码${WITH_X}。`, found: [WITH_X] },
  { name: 'check character x', text: `号码${WITH_X.toLowerCase()}。`, found: [WITH_X.toLowerCase()] },
  { name: 'grouped 6-8-4', text: `号码 ${BEIJING.slice(0, 6)} ${BEIJING.slice(6, 14)} ${BEIJING.slice(14)} 已核实`, found: [`${BEIJING.slice(0, 6)} ${BEIJING.slice(6, 14)} ${BEIJING.slice(14)}`] },
  { name: 'full-width digits', text: `身份证${toFullWidth(WITH_X)}。`, found: [toFullWidth(WITH_X)] },
  { name: 'old 15-digit number', text: '旧身份证号110105491231002。', found: ['110105491231002'] },
  { name: 'wrong check character', text: `号码${wrongCheckChar(SHENZHEN)}`, found: [] },
  { name: 'order number with an impossible date', text: `订单号${withCheckChar('33010619901345451')}已发货`, found: [] },
  { name: 'serial number with no province', text: `流水号${withCheckChar('00000019900307451')}`, found: [] },
  { name: 'inside a 20-digit run', text: `编号12${BEIJING}。`, found: [] },
  { name: 'followed by more digits', text: `编号${BEIJING}77。`, found: [] },
  { name: 'glued to letters', text: `token ab${BEIJING}cd`, found: [] },
  { name: 'inside a URL', text: `详见 https://weibo.com/u/${BEIJING}/status 。`, found: [] },
  { name: 'inside a grouped longer number', text: `卡号 1234 ${BEIJING.slice(0, 6)} ${BEIJING.slice(6, 14)} ${BEIJING.slice(14)}`, found: [] },
  { name: '15-digit number with an impossible date', text: '编号440304851345371', found: [] },
  { name: 'already masked', text: '身份证号110105********1234', found: [] },
];

describe('checkIdNumbers', () => {
  it.each(CASES)('$name', ({ text, found }) => {
    const findings = checkIdNumbers(prepareDraft(text));
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(found);
    for (const f of findings) {
      expect(f).toMatchObject({ check: 'id_number', severity: 'error' });
      const original = text.slice(f.start, f.end);
      expect(f.match).toBe(f.suggestion);
      // Masked: the first six and last four characters stay, the birth date goes.
      const kept = original.replace(/[^0-9０-９XxＸｘ]/g, '');
      expect(f.match?.replace(/[^0-9０-９XxＸｘ*]/g, '')).toBe(kept.slice(0, 6) + '*'.repeat(kept.length - 10) + kept.slice(-4));
      expect(f.match?.length).toBe(original.length);
    }
  });

  it('masks the way the example in the brief does', () => {
    const id = withCheckChar('11010519900307123');
    const [f] = checkIdNumbers(prepareDraft(id));
    expect(f?.match).toBe(`110105********${id.slice(-4)}`);
    expect(f?.message).toContain('校验位正确');
  });
});
