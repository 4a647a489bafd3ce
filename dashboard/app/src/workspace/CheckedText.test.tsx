// @vitest-environment jsdom
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FindingsList, HighlightedText } from './CheckedText';
import type { CheckFinding } from './types';

afterEach(cleanup);

const text = '如有疑问请拨打13800138000联系，<b>不要</b>转发。';
const start = text.indexOf('138');
const findings: CheckFinding[] = [
  { check: 'mobile', severity: 'error', message: '包含手机号码', start, end: start + 11, match: '138****8000', suggestion: '138****8000' },
  { check: 'sensitive_wording', severity: 'warning', message: '敏感措辞', start: text.indexOf('转发'), end: text.indexOf('转发') + 2, match: '转发' },
  { check: 'missing_element', severity: 'error', message: '缺少发布单位' },
];

describe('HighlightedText', () => {
  it('marks each finding’s span in the text with its group and number', () => {
    const { container } = render(<HighlightedText text={text} findings={findings} />);
    const marks = [...container.querySelectorAll('mark')];
    expect(marks.map((m) => [m.getAttribute('data-group'), m.firstChild!.textContent, m.querySelector('sup')!.textContent])).toEqual([
      ['personal', '13800138000', '1'],
      ['wording', '转发', '2'],
    ]);
    expect(marks[0]!.getAttribute('title')).toBe('个人信息：包含手机号码');
  });

  it('keeps markup in the text as text, never as HTML', () => {
    const { container } = render(<HighlightedText text={text} findings={findings} />);
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toContain('联系，<b>不要</b>转发');
  });

  it('shows the whole text unmarked without findings', () => {
    const { container } = render(<HighlightedText text="无问题" findings={[]} />);
    expect(container.querySelectorAll('mark')).toHaveLength(0);
    expect(container.textContent).toBe('无问题');
  });
});

describe('FindingsList', () => {
  it('groups findings into personal data, wording and missing elements, numbered as in the text', () => {
    const { container } = render(<FindingsList findings={findings} />);
    const groups = [...container.querySelectorAll('section')];
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual(['个人信息', '措辞', '缺少要素']);
    expect(groups[0]!.querySelector('.finding-num')!.textContent).toBe('1');
    expect(groups[0]!.querySelector('.finding-sev')!.textContent).toBe('错误');
    expect(groups[0]!.querySelector('.finding-match')!.textContent).toBe('138****8000');
    expect(groups[1]!.querySelector('.finding-sev')!.textContent).toBe('提示');
    expect(groups[2]!.textContent).toContain('缺少发布单位');
  });

  it('offers to show a located finding in the editor', () => {
    const onJump = vi.fn();
    const { getAllByRole } = render(<FindingsList findings={findings} onJump={onJump} />);
    const buttons = getAllByRole('button', { name: '定位' });
    expect(buttons).toHaveLength(2);
    fireEvent.click(buttons[0]!);
    expect(onJump).toHaveBeenCalledWith(findings[0]);
  });

  it('says so when nothing was found', () => {
    const { getByRole } = render(<FindingsList findings={[]} />);
    expect(getByRole('status').textContent).toBe('✓ 未发现问题');
  });
});
