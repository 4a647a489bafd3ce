/**
 * Motor vehicle plates (GA 36): province abbreviation, issuing-office letter
 * (no I or O), an optional dot or space, then the serial: 5 characters on
 * ordinary plates, 6 on new-energy plates (D/F first on small cars, last on
 * large ones), 4 before 警/学/挂 on police, driving-school and trailer
 * plates. A warning, not an error: a statement may name an official
 * vehicle's plate on purpose, but a private car's plate identifies a person.
 */
import type { CheckFinding } from './types';
import type { Draft } from './text';
import { maskChars } from './text';

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const L = 'A-HJ-NP-Z';
const PLATE = new RegExp(
  `[${PROVINCES}][${L}]([·•・. -]?)` +
    `(?:[DF][${L}0-9]\\d{4}|\\d{5}[DF]|[${L}0-9]{4}[警学挂]|[${L}0-9]{5})(?![A-Za-z0-9])`,
  'gi',
);

// Plates issue serials with at most two letters; five letters in a row
// after 沪A are a word (沪AGENT), not a plate.
function plausibleSerial(serial: string): boolean {
  return serial.replace(/[^0-9]/g, '').length >= 3;
}

const SERIAL_CHAR = /^[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]$/;

export function maskPlate(original: string): string {
  const head = original.slice(0, 2);
  return head + maskChars(original.slice(2), SERIAL_CHAR, 0, 1);
}

export function checkLicencePlates(draft: Draft): CheckFinding[] {
  const findings: CheckFinding[] = [];
  for (const m of draft.norm.matchAll(PLATE)) {
    const serial = m[0].slice(2 + (m[1] ?? '').length);
    if (!plausibleSerial(serial)) continue;
    const span = { start: m.index, end: m.index + m[0].length };
    const masked = maskPlate(draft.text.slice(span.start, span.end));
    findings.push({
      check: 'licence_plate',
      severity: 'warning',
      message: '疑似机动车号牌：公务车辆号牌可依规引用，涉及私人车辆的号牌发布前须打码',
      ...span,
      match: masked,
      suggestion: masked,
    });
  }
  return findings;
}
