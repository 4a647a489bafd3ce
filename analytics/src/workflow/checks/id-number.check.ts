/**
 * Citizen ID numbers (公民身份号码, GB 11643-1999): 6-digit region code,
 * 8-digit birth date, 3-digit sequence, ISO 7064 MOD 11-2 check character;
 * and the 15-digit numbers issued before 1999 (6 + YYMMDD + 3, no check
 * character). Only the province part of the region code is checked: county
 * codes change with every redistricting and an old, valid number keeps its
 * old code, so a full table would miss real numbers.
 */
import type { CheckFinding } from './types';
import { continuesDigitGroup, type Draft, DIGIT_LIKE, inUrl, maskChars, type Span } from './text';

// 11–65 are the mainland provinces; 71 Taiwan, 81 Hong Kong, 82 Macao. 83 is
// not a province but the prefix of residence-permit numbers of Taiwan
// residents (830000), which are personal data all the same.
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function validBirth(year: number, month: number, day: number, currentYear: number): boolean {
  return year >= 1900 && year <= currentYear && isRealDate(year, month, day);
}

/** An 18-character number (digits only, check character upper- or lower-case X). */
export function isValidId18(id: string, currentYear = new Date().getFullYear()): boolean {
  if (!/^\d{17}[\dXx]$/.test(id) || !PROVINCES.has(id.slice(0, 2))) return false;
  const year = Number(id.slice(6, 10));
  if (!validBirth(year, Number(id.slice(10, 12)), Number(id.slice(12, 14)), currentYear)) return false;
  return idCheckChar(id.slice(0, 17)) === id.slice(17).toUpperCase();
}

export function isValidId15(id: string, currentYear = new Date().getFullYear()): boolean {
  if (!/^\d{15}$/.test(id) || !PROVINCES.has(id.slice(0, 2))) return false;
  return validBirth(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)), currentYear);
}

// Also as 6-8-4 groups, the way numbers are read out or copied from a form.
const ID18 = /(?<![0-9A-Za-z])(\d{6})([ -]?)(\d{8})\2(\d{3}[0-9Xx])(?![0-9A-Za-z])/g;
const ID15 = /(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/g;

export function maskIdNumber(original: string): string {
  return maskChars(original, DIGIT_LIKE, 6, 4);
}

export function checkIdNumbers(draft: Draft, currentYear = new Date().getFullYear()): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const report = (span: Span, message: string) => {
    if (inUrl(draft, span)) return;
    const masked = maskIdNumber(draft.text.slice(span.start, span.end));
    findings.push({ check: 'id_number', severity: 'error', message, ...span, match: masked, suggestion: masked });
  };
  for (const m of draft.norm.matchAll(ID18)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (m[2] && continuesDigitGroup(draft.norm, span)) continue;
    if (!isValidId18(`${m[1]}${m[3]}${m[4]}`, currentYear)) continue;
    report(span, '疑似公民身份号码（校验位正确），发布前须删除或打码');
  }
  for (const m of draft.norm.matchAll(ID15)) {
    if (!isValidId15(m[0], currentYear)) continue;
    report(
      { start: m.index, end: m.index + m[0].length },
      '疑似15位旧版公民身份号码（地区码和出生日期有效；旧号码无校验位，可能误报），发布前须删除或打码',
    );
  }
  return findings;
}
