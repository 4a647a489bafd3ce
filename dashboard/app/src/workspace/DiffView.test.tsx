// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { sideBySide } from './diff-rows';
import { DiffView } from './DiffView';
import type { DiffLine } from './types';

afterEach(cleanup);

// As the server's diffLines gives it: a same line, then a change block (its deleted lines, then its added ones).
const lines: DiffLine[] = [
  { op: 'same', text: '**情况通报**', oldLine: 1, newLine: 1 },
  { op: 'del', text: '请拨打13800138000咨询。', oldLine: 2, chars: [{ op: 'same', text: '请拨打' }, { op: 'del', text: '13800138000' }, { op: 'same', text: '咨询。' }] },
  { op: 'del', text: '旧的一行', oldLine: 3 },
  { op: 'add', text: '请拨打12345咨询。', newLine: 2, chars: [{ op: 'same', text: '请拨打' }, { op: 'add', text: '12345' }, { op: 'same', text: '咨询。' }] },
  { op: 'same', text: '某某市应急管理局', oldLine: 4, newLine: 3 },
];

describe('sideBySide', () => {
  it('pairs the n-th deleted line of a block with its n-th added line', () => {
    expect(sideBySide(lines).map((r) => [r.left?.oldLine, r.right?.newLine])).toEqual([
      [1, 1],
      [2, 2],
      [3, undefined],
      [4, 3],
    ]);
  });
});

describe('DiffView', () => {
  it('shows the old version left and the new right, with changed characters struck and underlined', () => {
    const { container } = render(<DiffView lines={lines} fromLabel="第 1 版" toLabel="第 2 版（待审）" />);
    expect([...container.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['第 1 版', '第 2 版（待审）']);
    const rows = [...container.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(4);
    const [left, right] = [rows[1]!.querySelector('[data-side="left"]')!, rows[1]!.querySelector('[data-side="right"]')!];
    expect(left.querySelector('del')!.textContent).toBe('13800138000');
    expect(left.querySelector('.diff-sign')!.textContent).toBe('−');
    expect(right.querySelector('ins')!.textContent).toBe('12345');
    expect(right.textContent).toBe('+请拨打12345咨询。');
    expect(rows[2]!.querySelector('[data-side="right"]')!.className).toContain('diff-empty');
    expect(container.querySelector('.diff-summary')!.textContent).toBe('新增 1 行，删除 2 行');
  });

  it('says when the versions are the same', () => {
    const { container } = render(<DiffView lines={[lines[0]!]} fromLabel="a" toLabel="b" />);
    expect(container.querySelector('.diff-summary')!.textContent).toBe('两个版本文字相同');
  });
});
