import { describe, expect, it } from 'vitest';
import { checkBankCards, luhnValid } from './bank-card.check';
import { prepareDraft } from './text';

// Independent of the code under test: append the digit that makes the Luhn sum a multiple of 10.
function withLuhn(body: string): string {
  for (let d = 0; d <= 9; d++) {
    const n = body + d;
    let sum = 0;
    [...n].reverse().forEach((c, i) => {
      const v = Number(c) * (i % 2 ? 2 : 1);
      sum += v > 9 ? v - 9 : v;
    });
    if (sum % 10 === 0) return n;
  }
  throw new Error('unreachable');
}

const breakLuhn = (n: string) => n.slice(0, -1) + ((Number(n.slice(-1)) + 1) % 10);
const group4 = (n: string) => n.replace(/(\d{4})(?=\d)/g, '$1 ');

const UNIONPAY_19 = withLuhn('622202100112345678');
const UNIONPAY_16 = withLuhn('621700001234567');
const VISA = withLuhn('400000123456789');
const MASTER_2 = withLuhn('222100001234567');
const ORDER = withLuhn('202411260000123'); // an order number that happens to pass Luhn

describe('luhnValid', () => {
  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    [UNIONPAY_19, true],
    [breakLuhn(UNIONPAY_19), false],
  ])('%s → %s', (n, ok) => expect(luhnValid(n)).toBe(ok));
});

const CASES: { name: string; text: string; found: string[]; masked?: string[] }[] = [
  { name: '19 digits', text: `收款卡号${UNIONPAY_19}。`, found: [UNIONPAY_19], masked: [`6222***********${UNIONPAY_19.slice(-4)}`] },
  { name: '16 digits', text: `卡号：${UNIONPAY_16}`, found: [UNIONPAY_16] },
  { name: 'Visa', text: `卡号${VISA}`, found: [VISA] },
  { name: 'Mastercard 2-series', text: `卡号${MASTER_2}`, found: [MASTER_2] },
  { name: 'grouped in fours', text: `卡号 ${group4(UNIONPAY_19)} 。`, found: [group4(UNIONPAY_19)] },
  { name: 'grouped with dashes', text: `卡号${UNIONPAY_16.replace(/(\d{4})(?=\d)/g, '$1-')}`, found: [UNIONPAY_16.replace(/(\d{4})(?=\d)/g, '$1-')] },
  { name: 'full-width', text: `卡号${UNIONPAY_16.replace(/\d/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))}`, found: [UNIONPAY_16.replace(/\d/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))] },
  { name: 'fails Luhn', text: `卡号${breakLuhn(UNIONPAY_19)}`, found: [] },
  { name: 'grouped, fails Luhn', text: `卡号 ${group4(breakLuhn(UNIONPAY_16))}`, found: [] },
  { name: 'order number starting with a year', text: `订单号${ORDER}`, found: [] },
  { name: 'part of a longer run', text: `流水号9${UNIONPAY_19}`, found: [] },
  { name: 'a 20-digit run', text: `编号${UNIONPAY_16}1234`, found: [] },
  { name: 'more groups after it', text: `编号 ${group4(UNIONPAY_16)} 1234`, found: [] },
  { name: 'too short', text: `卡号${withLuhn('62220210011234')}`, found: [] },
  { name: 'in a URL', text: `https://example.cn/a/${UNIONPAY_19}`, found: [] },
];

describe('checkBankCards', () => {
  it.each(CASES)('$name', ({ text, found, masked }) => {
    const findings = checkBankCards(prepareDraft(text));
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(found);
    if (masked) expect(findings.map((f) => f.match)).toEqual(masked);
    for (const f of findings) {
      expect(f).toMatchObject({ check: 'bank_card', severity: 'error' });
      const original = text.slice(f.start, f.end);
      expect(f.match?.length).toBe(original.length);
      expect(f.match?.slice(0, 4)).toBe(original.slice(0, 4));
      expect(f.match?.slice(-4)).toBe(original.slice(-4));
      expect(f.match).toMatch(/\*{4}/);
    }
  });

  it('keeps the first and last four digits, groups intact', () => {
    const text = `卡号 ${group4(UNIONPAY_16)}`;
    const [f] = checkBankCards(prepareDraft(text));
    expect(f?.match).toBe(`6217 **** **** ${UNIONPAY_16.slice(-4)}`);
  });
});
