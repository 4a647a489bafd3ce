import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES, fillTemplate, formatChineseDate, formatChineseDateTime, incidentTemplateValues } from './index';

const at = (iso: string): number => Date.parse(iso);

describe('formatChineseDateTime', () => {
  it.each([
    { iso: '2026-11-26T06:30:00Z', opts: undefined, out: '2026年11月26日14时30分' },
    // Across the UTC day boundary: still the 25th in UTC, already the 26th in Beijing.
    { iso: '2026-11-25T17:30:00Z', opts: undefined, out: '2026年11月26日1时30分' },
    { iso: '2026-11-25T16:00:00Z', opts: undefined, out: '2026年11月26日0时00分' },
    { iso: '2026-12-31T16:05:00Z', opts: undefined, out: '2027年1月1日0时05分' },
    { iso: '2026-11-26T06:30:00Z', opts: { minutes: false }, out: '2026年11月26日14时' },
    { iso: '2026-11-25T17:30:00Z', opts: { timezone: 'UTC' }, out: '2026年11月25日17时30分' },
    { iso: '2026-07-01T12:00:00Z', opts: { timezone: 'Asia/Urumqi' }, out: '2026年7月1日18时00分' },
  ])('$iso $opts → $out', ({ iso, opts, out }) => {
    expect(formatChineseDateTime(at(iso), opts)).toBe(out);
  });

  it('rejects a non-timestamp', () => {
    expect(() => formatChineseDateTime(NaN)).toThrow(RangeError);
  });
});

describe('formatChineseDate', () => {
  it.each([
    { iso: '2026-11-26T06:30:00Z', tz: undefined, out: '2026年11月26日' },
    { iso: '2026-11-25T17:30:00Z', tz: undefined, out: '2026年11月26日' },
    { iso: '2026-11-25T17:30:00Z', tz: 'UTC', out: '2026年11月25日' },
    { iso: '2026-02-28T16:00:00Z', tz: undefined, out: '2026年3月1日' },
  ])('$iso in $tz → $out', ({ iso, tz, out }) => {
    expect(formatChineseDate(at(iso), tz)).toBe(out);
  });
});

describe('incidentTemplateValues', () => {
  const base = { title: '某小区燃气泄漏', openedAt: at('2026-11-26T07:00:00Z') };
  const now = at('2026-11-25T18:00:00Z') + 86_400_000; // 2026-11-26T18:00Z = 27 Nov in Beijing

  it.each([
    { name: 'opened only', incident: base, time: '2026年11月26日15时00分' },
    {
      name: 'earliest of first mention, detection, opening',
      incident: { ...base, detectedAt: at('2026-11-26T06:45:00Z'), firstMentionAt: at('2026-11-26T06:40:00Z') },
      time: '2026年11月26日14时40分',
    },
    {
      name: 'detection before an (oddly) later first mention',
      incident: { ...base, detectedAt: at('2026-11-26T06:10:00Z'), firstMentionAt: at('2026-11-26T06:20:00Z') },
      time: '2026年11月26日14时10分',
    },
  ])('time: $name', ({ incident, time }) => {
    expect(incidentTemplateValues(incident, now).time).toBe(time);
  });

  it('passes incident fields through and dates the issue in the office time zone', () => {
    const v = incidentTemplateValues(
      {
        ...base,
        severity: 'high',
        place: '某某小区',
        unitName: '某某区应急管理局',
        facts: '未造成人员伤亡',
        measures: '已完成抢修',
        contact: '咨询电话12345',
      },
      now,
    );
    expect(v).toEqual({
      title: '某小区燃气泄漏',
      severity: 'high',
      place: '某某小区',
      unit: '某某区应急管理局',
      time: '2026年11月26日15时00分',
      facts: '未造成人员伤亡',
      measures: '已完成抢修',
      contact: '咨询电话12345',
      date: '2026年11月27日',
    });
    expect(incidentTemplateValues(base, now, 'UTC').date).toBe('2026年11月26日');
  });

  it('leaves unknown values to markers in the situation report', () => {
    const { missing, text } = fillTemplate(BUILT_IN_TEMPLATES.situation_report, incidentTemplateValues(base, now));
    expect(missing).toEqual(['unit', 'place', 'facts', 'measures']);
    expect(text).toContain('2026年11月26日15时00分，【待填写：事件发生地点】发生某小区燃气泄漏。');
    expect(text).toMatch(/2026年11月27日$/);
  });
});
