/**
 * Mainland mobile numbers (1[3-9] + 9 digits), bare, grouped 3-4-4 with
 * spaces or dashes, and with a +86 / 0086 / 86 prefix. Hotlines (12345,
 * 110, 400-…) and landlines (010-…, 0571-…) have other shapes and are a
 * unit's contact channel, so they never match.
 */
import type { CheckFinding } from './types';
import { continuesDigitGroup, type Draft, DIGIT_LIKE, inUrl, maskChars } from './text';

// The separator is captured once and reused so 138-0013 8000 (two kinds)
// is not taken for one number; a "+" before the number belongs to a prefix
// we did not recognise, e.g. +852.
const MOBILE = /(?<![0-9A-Za-z+])(?:(\(?(?:\+|00)?86\)?)[ -]?)?(1[3-9]\d)([ -]?)(\d{4})\3(\d{4})(?![0-9A-Za-z])/g;

export function checkMobiles(draft: Draft): CheckFinding[] {
  const findings: CheckFinding[] = [];
  for (const m of draft.norm.matchAll(MOBILE)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (m[3] && continuesDigitGroup(draft.norm, span)) continue;
    if (inUrl(draft, span)) continue;
    const prefixDigits = (m[1] ?? '').replace(/\D/g, '').length;
    const masked = maskChars(draft.text.slice(span.start, span.end), DIGIT_LIKE, prefixDigits + 3, 4);
    findings.push({
      check: 'mobile',
      severity: 'error',
      message: '疑似个人手机号码，发布前须删除或打码；如为单位对外联系方式，请改用固定电话或服务热线',
      ...span,
      match: masked,
      suggestion: masked,
    });
  }
  return findings;
}
