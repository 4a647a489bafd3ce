// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RuleForm, ruleInput } from './RuleForm';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function answer(status: number, body: unknown) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
}

const errorOf = (label: string) => {
  const input = screen.getByLabelText(label);
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  return { invalid: input.getAttribute('aria-invalid'), text: ids.map((id) => document.getElementById(id)?.textContent ?? '').filter(Boolean).join(' | ') };
};

describe('RuleForm validation', () => {
  it('checks with the shared schema before sending: each error under its field, nothing posted', async () => {
    const fetch = answer(201, {});
    vi.stubGlobal('fetch', fetch);
    render(<RuleForm onSaved={() => {}} />);
    fireEvent.change(screen.getByLabelText('名称'), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: '保存规则' }));
    expect(errorOf('名称')).toEqual({ invalid: 'true', text: '请填写规则名称' });
    expect(errorOf('关键词或短语').text).toContain('至少填写一个关键词或短语');
    expect(screen.getByRole('alert').textContent).toBe('请修改标出的字段');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a volume rule needs its threshold; a rumor score above 1 is refused', () => {
    vi.stubGlobal('fetch', answer(201, {}));
    render(<RuleForm onSaved={() => {}} />);
    fireEvent.change(screen.getByLabelText('类型'), { target: { value: 'volume' } });
    fireEvent.change(screen.getByLabelText('名称'), { target: { value: '大事件' } });
    fireEvent.click(screen.getByRole('button', { name: '保存规则' }));
    expect(errorOf('窗口内至少提及数')).toEqual({ invalid: 'true', text: '请填写数字' });
    fireEvent.change(screen.getByLabelText('类型'), { target: { value: 'rumor_score' } });
    fireEvent.change(screen.getByLabelText('谣言分不低于（0–1）'), { target: { value: '1.5' } });
    fireEvent.click(screen.getByRole('button', { name: '保存规则' }));
    expect(errorOf('谣言分不低于（0–1）')).toEqual({ invalid: 'true', text: '数值太大' });
  });

  it('shows what the server refused next to the field it names', async () => {
    const fetch = answer(400, { error: 'phrases: already watched', issues: [{ path: 'phrases', message: 'phrases: already watched by rule r1' }] });
    vi.stubGlobal('fetch', fetch);
    const onSaved = vi.fn();
    render(<RuleForm onSaved={onSaved} />);
    fireEvent.change(screen.getByLabelText('名称'), { target: { value: '自来水' } });
    fireEvent.change(screen.getByLabelText('关键词或短语'), { target: { value: '自来水有毒\n水有问题' } });
    fireEvent.click(screen.getByRole('button', { name: '保存规则' }));
    await waitFor(() => expect(errorOf('关键词或短语').text).toContain('already watched by rule r1'), { timeout: 5_000 });
    expect(errorOf('关键词或短语').invalid).toBe('true');
    expect(onSaved).not.toHaveBeenCalled();
    const [url, init] = fetch.mock.calls[0]! as unknown as [string, RequestInit];
    expect([url, init.method, JSON.parse(String(init.body))]).toEqual(['/api/v1/rules', 'POST', { kind: 'keyword', name: '自来水', severity: 'medium', enabled: true, phrases: ['自来水有毒', '水有问题'] }]);
  });

  it('a server error without fields is shown for the whole form', async () => {
    vi.stubGlobal('fetch', answer(500, { error: 'internal error' }));
    render(<RuleForm onSaved={() => {}} />);
    fireEvent.change(screen.getByLabelText('名称'), { target: { value: 'x' } });
    fireEvent.change(screen.getByLabelText('关键词或短语'), { target: { value: 'y' } });
    fireEvent.click(screen.getByRole('button', { name: '保存规则' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('internal error'), { timeout: 5_000 });
  });

  it('sends a negative-share percentage as a share, and only the fields of its kind', () => {
    expect(ruleInput({ kind: 'negative_share', name: '负面', phrases: 'ignored', min_count: '', window_minutes: '5', min_share: '40', min_score: '', severity: 'high', enabled: false })).toEqual({ kind: 'negative_share', name: '负面', severity: 'high', enabled: false, min_share: 0.4 });
  });
});
