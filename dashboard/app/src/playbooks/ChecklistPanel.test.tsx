// @vitest-environment jsdom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Checklist, ChecklistItem } from '@fenghuo/shared/playbook';
import { I18nProvider } from '../i18n';
import { ChecklistPanel, dueText } from './ChecklistPanel';
import { checklistRows } from './checklist-rows';
import { dueWords } from './step-words';

const MIN = 60_000;
const NOW = Date.parse('2026-10-01T10:00:00+08:00');

const item = (patch: Partial<ChecklistItem>): ChecklistItem => ({
  key: 'verify',
  step_id: 'verify',
  title: '与现场指挥部核实事实',
  title_en: 'Verify the facts',
  owner: { role: 'responder', unit: 'incident', label: '值班人员' },
  required: true,
  templates: [],
  due_at: NOW - 10 * MIN,
  due_basis: 'start+30m',
  state: 'overdue',
  ...patch,
});

const checklist: Checklist = {
  incident_id: 'inc-1',
  playbook_id: 'generic',
  playbook_name: '通用舆情应对预案',
  playbook_version: 0,
  items: [item({}), item({ key: 'release', step_id: 'release', title: '发布权威信息（5小时内）', due_at: NOW + 150 * MIN, state: 'pending', templates: ['situation_report'] }), item({ key: 'review', step_id: 'review', title: '复盘总结', state: 'pending', due_at: undefined, due_basis: 'close+10080m' })],
  counts: { pending: 2, done: 0, skipped: 0, overdue: 1 },
  events: [],
  version: 1,
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderPanel(onChanged = vi.fn(), lang: 'zh' | 'en' = 'zh') {
  const r = render(
    <I18nProvider lang={lang}>
      <ChecklistPanel incidentId="inc-1" checklist={checklist} now={NOW} canAct active onChanged={onChanged} />
    </I18nProvider>,
  );
  return { ...r, onChanged };
}

describe('ChecklistPanel', () => {
  it('shows each step with its owner, due time (relative), overdue marked; steps after closing have no buttons while active', () => {
    const { container } = renderPanel();
    const rows = [...container.querySelectorAll('.checklist-item')];
    expect(rows.map((r) => r.getAttribute('data-state'))).toEqual(['overdue', 'pending', 'pending']);
    expect(rows[0]!.textContent).toContain('! 已超时');
    expect(rows[0]!.textContent).toContain('值班人员');
    expect(rows[0]!.textContent).toContain('超时 10分00秒');
    expect(rows[1]!.textContent).toContain('还剩 2小时30分');
    expect(rows[1]!.textContent).toContain('情况通报');
    expect(rows[2]!.textContent).toContain('结案后');
    expect(rows[2]!.querySelector('button')).toBeNull();
  });

  it('skip asks for a reason before sending; done sends the note; the answer replaces the checklist', async () => {
    const sent: { path: string; body: unknown }[] = [];
    vi.stubGlobal('fetch', vi.fn(async (path: string, init: RequestInit) => {
      sent.push({ path, body: JSON.parse(String(init.body)) });
      return new Response(JSON.stringify({ ...checklist, version: 2 }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }));
    const { getAllByRole, getByRole, getByLabelText, onChanged } = renderPanel();
    fireEvent.click(getAllByRole('button', { name: '跳过' })[0]!);
    fireEvent.click(getByRole('button', { name: '确认跳过' }));
    expect(getByRole('alert').textContent).toContain('跳过步骤须说明理由');
    expect(sent).toHaveLength(0);
    fireEvent.change(getByLabelText('跳过理由（必填）'), { target: { value: '已由上级统一核实' } });
    fireEvent.click(getByRole('button', { name: '确认跳过' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(sent[0]).toEqual({ path: '/api/v1/incidents/inc-1/checklist/verify/skip', body: { reason: '已由上级统一核实' } });

    fireEvent.click(getAllByRole('button', { name: '完成' })[1]!);
    fireEvent.change(getByLabelText('备注（可选）'), { target: { value: '已发布情况通报' } });
    fireEvent.click(getByRole('button', { name: '确认完成' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(2));
    expect(sent[1]).toEqual({ path: '/api/v1/incidents/inc-1/checklist/release/done', body: { note: '已发布情况通报' } });
  });

  it('speaks English', () => {
    const { container } = renderPanel(vi.fn(), 'en');
    expect(container.querySelector('h2')!.textContent).toContain('Playbook checklist');
    expect(container.querySelector('.checklist-item')!.textContent).toContain('Verify the facts');
    expect(container.querySelector('.checklist-item')!.textContent).toContain('late');
  });
});

describe('words', () => {
  it.each<[Partial<ChecklistItem>, 'zh' | 'en', string]>([
    [{ due_at: NOW + 90 * MIN, state: 'pending' }, 'zh', '（还剩 1小时30分）'],
    [{ due_at: NOW - 5 * MIN, state: 'overdue' }, 'en', ' (5m 00s late)'],
    [{ due_at: NOW - 5 * MIN, state: 'done' }, 'zh', ''],
    [{ due_at: undefined, state: 'pending' }, 'en', 'after closing'],
  ])('dueText %j (%s)', (patch, lang, ending) => {
    expect(dueText(item(patch), NOW, lang).endsWith(ending)).toBe(true);
  });

  it.each<[Parameters<typeof dueWords>[0], 'zh' | 'en', string]>([
    [{ due: { from: 'start', minutes: 30 } }, 'zh', '计时起点后30分钟'],
    [{ due: { from: 'deadline', deadline: 'release', minutes: 0, otherwise_minutes: 300 } }, 'zh', '发布权威信息时限（无此时限时：起点后5小时）'],
    [{ due: { from: 'deadline', deadline: 'release', minutes: 120, otherwise_minutes: 420 }, repeat_every_minutes: 120 }, 'en', 'the release deadline + 2 h (without it: 7 h after the start), then every 2 h'],
    [{ due: { from: 'close', minutes: 10080 } }, 'zh', '结案后7天'],
  ])('dueWords %j (%s)', (step, lang, words) => {
    expect(dueWords(step, lang)).toBe(words);
  });

  it('checklist events become timeline rows', () => {
    expect(checklistRows([{ at: NOW, kind: 'skipped', key: 'verify', title: '核实', by_name: '张三', text: '无需' }], 'zh')).toEqual([{ at: NOW, kind: 'playbook:skipped', label: '预案步骤跳过', detail: '核实 | 张三 | 无需' }]);
  });
});
