import { describe, expect, it } from 'vitest';
import { findingGroup, highlightSegments, segmentGroup } from './highlight';
import type { CheckFinding } from './types';

const f = (check: CheckFinding['check'], start?: number, end?: number): CheckFinding => ({ check, severity: 'error', message: check, ...(start !== undefined ? { start, end } : {}) });

describe('highlightSegments', () => {
  it('cuts the text at each finding and keeps the plain text between', () => {
    const text = '请拨打13800138000咨询';
    const segs = highlightSegments(text, [f('mobile', 3, 14)]);
    expect(segs.map((s) => [s.text, s.findings])).toEqual([
      ['请拨打', []],
      ['13800138000', [0]],
      ['咨询', []],
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
  });

  it('splits overlapping findings into pieces covered by one or both', () => {
    const segs = highlightSegments('abcdefgh', [f('mobile', 1, 5), f('sensitive_wording', 3, 7)]);
    expect(segs.map((s) => [s.text, s.findings])).toEqual([
      ['a', []],
      ['bc', [0]],
      ['de', [0, 1]],
      ['fg', [1]],
      ['h', []],
    ]);
  });

  it('ignores whole-text findings and empty spans, and clamps offsets past the end', () => {
    const segs = highlightSegments('abc', [f('length'), f('mobile', 2, 2), f('term_mistake', 1, 99)]);
    expect(segs.map((s) => [s.text, s.findings])).toEqual([
      ['a', []],
      ['bc', [2]],
    ]);
  });

  it('gives the plain text back as one piece without findings', () => {
    expect(highlightSegments('无', [])).toEqual([{ start: 0, end: 1, text: '无', findings: [] }]);
    expect(highlightSegments('', [f('mobile', 0, 3)])).toEqual([]);
  });
});

describe('finding groups', () => {
  it.each([
    ['mobile', 'personal'],
    ['id_number', 'personal'],
    ['private_address', 'personal'],
    ['forbidden_wording', 'wording'],
    ['term_mistake', 'wording'],
    ['missing_element', 'missing'],
    ['length', 'missing'],
  ])('%s is %s', (check, group) => {
    expect(findingGroup({ check: check as CheckFinding['check'] })).toBe(group);
  });

  it('styles a piece by its most serious group', () => {
    const findings = [f('sensitive_wording', 0, 4), f('mobile', 2, 4)];
    const segs = highlightSegments('abcd', findings);
    expect(segs.map((s) => segmentGroup(s, findings))).toEqual(['wording', 'personal']);
  });
});
