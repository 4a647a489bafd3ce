/**
 * Bank card numbers: 16–19 digits passing the Luhn check, bare or in groups
 * of four. Only issuer prefixes that cards in China carry (3 JCB/Amex-like,
 * 4 Visa, 5 and 2221–2720 Mastercard, 6 UnionPay, 9 old domestic cards):
 * order and serial numbers often start with a year (2024…) or a 1, and one
 * in ten of them passes Luhn by chance.
 */
import type { CheckFinding } from './types';
import { continuesDigitGroup, type Draft, DIGIT_LIKE, inUrl, maskChars } from './text';

const CARD = /(?<![0-9A-Za-z])\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?(?![0-9A-Za-z])/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function plausibleIssuer(digits: string): boolean {
  const first = digits[0] ?? '';
  if ('34569'.includes(first)) return true;
  const four = Number(digits.slice(0, 4));
  return four >= 2221 && four <= 2720;
}

export function checkBankCards(draft: Draft): CheckFinding[] {
  const findings: CheckFinding[] = [];
  for (const m of draft.norm.matchAll(CARD)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (m[1] && continuesDigitGroup(draft.norm, span)) continue;
    const digits = m[0].replace(/\D/g, '');
    if (!plausibleIssuer(digits) || !luhnValid(digits) || inUrl(draft, span)) continue;
    const masked = maskChars(draft.text.slice(span.start, span.end), DIGIT_LIKE, 4, 4);
    findings.push({
      check: 'bank_card',
      severity: 'error',
      message: '疑似银行卡号（通过Luhn校验），发布前须删除或打码',
      ...span,
      match: masked,
      suggestion: masked,
    });
  }
  return findings;
}
