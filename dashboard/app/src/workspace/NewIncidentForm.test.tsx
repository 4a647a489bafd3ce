// @vitest-environment jsdom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { configure } from '@testing-library/dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionForm } from './ActionForm';
import { NewIncidentForm } from './NewIncidentForm';

// The machine is shared and busy: give async queries more than the default second.
configure({ asyncUtilTimeout: 5000 });

afterEach(cleanup);

const units = [
  { id: 'u1', name: '某某市应急管理局' },
  { id: 'u2', name: '某某区政府' },
];

describe('NewIncidentForm', () => {
  it('refuses to open an incident without a title and says why next to the field', async () => {
    const onSubmit = vi.fn(async () => {});
    const { getByRole, getByLabelText } = render(<NewIncidentForm units={units} defaultUnitId="u1" onSubmit={onSubmit} />);
    fireEvent.click(getByRole('button', { name: '新建事件' }));
    await waitFor(() => expect(getByRole('alert').textContent).toBe('请填写事件名称'));
    expect(getByLabelText(/事件名称/).getAttribute('aria-invalid')).toBe('true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('refuses facts over 5000 characters', async () => {
    const onSubmit = vi.fn(async () => {});
    const { getByRole, getByLabelText } = render(<NewIncidentForm units={units} defaultUnitId="u1" onSubmit={onSubmit} />);
    fireEvent.change(getByLabelText(/事件名称/), { target: { value: '一起道路交通事故' } });
    fireEvent.change(getByLabelText(/基本情况/), { target: { value: '字'.repeat(5001) } });
    fireEvent.click(getByRole('button', { name: '新建事件' }));
    await waitFor(() => expect(getByRole('alert').textContent).toBe('基本情况不超过5000字'));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the trimmed fields, severity and unit', async () => {
    const onSubmit = vi.fn(async () => {});
    const { getByRole, getByLabelText } = render(<NewIncidentForm units={units} defaultUnitId="u1" onSubmit={onSubmit} />);
    fireEvent.change(getByLabelText(/事件名称/), { target: { value: '  一起道路交通事故 ' } });
    fireEvent.change(getByLabelText('级别'), { target: { value: 'large' } });
    fireEvent.change(getByLabelText(/责任单位/), { target: { value: 'u2' } });
    fireEvent.change(getByLabelText('地点'), { target: { value: '人民路与解放街交叉口' } });
    fireEvent.click(getByRole('button', { name: '新建事件' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith({ title: '一起道路交通事故', severity: 'large', unit_id: 'u2', unit_role: 'territorial', place: '人民路与解放街交叉口' });
  });

  it('shows the server’s refusal', async () => {
    const onSubmit = vi.fn(async () => {
      throw new Error('unit u2 is not yours');
    });
    const { getByRole, getByLabelText } = render(<NewIncidentForm units={units} defaultUnitId="u1" onSubmit={onSubmit} />);
    fireEvent.change(getByLabelText(/事件名称/), { target: { value: '事故' } });
    fireEvent.click(getByRole('button', { name: '新建事件' }));
    await waitFor(() => expect(getByRole('alert').textContent).toBe('unit u2 is not yours'));
  });
});

describe('ActionForm', () => {
  const now = Date.parse('2026-11-27T10:00:00+08:00');

  it('refuses a link that is not http(s) and a time in the future', async () => {
    const onSubmit = vi.fn(async () => {});
    const { getByRole, getByLabelText } = render(<ActionForm onSubmit={onSubmit} now={now} />);
    fireEvent.change(getByLabelText('链接'), { target: { value: 'javascript:alert(1)' } });
    fireEvent.click(getByRole('button', { name: '记录动作' }));
    await waitFor(() => expect(getByRole('alert').textContent).toContain('http'));
    fireEvent.change(getByLabelText('链接'), { target: { value: '' } });
    fireEvent.change(getByLabelText('发布时间'), { target: { value: '2999-01-01T00:00' } });
    fireEvent.click(getByRole('button', { name: '记录动作' }));
    await waitFor(() => expect(getByRole('alert').textContent).toBe('发布时间不能晚于现在'));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('logs the kind, time, link and note', async () => {
    const onSubmit = vi.fn(async () => {});
    const { getByRole, getByLabelText } = render(<ActionForm onSubmit={onSubmit} now={now} />);
    fireEvent.change(getByLabelText('动作'), { target: { value: 'rebuttal' } });
    fireEvent.change(getByLabelText('链接'), { target: { value: 'https://weibo.com/1/2' } });
    fireEvent.change(getByLabelText('说明'), { target: { value: '官方微博辟谣' } });
    fireEvent.click(getByRole('button', { name: '记录动作' }));
    // The time is shown and read in Asia/Shanghai, whatever the browser's zone.
    expect((getByLabelText('发布时间') as HTMLInputElement).value).toBe('2026-11-27T10:00');
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ kind: 'rebuttal', at: now, link: 'https://weibo.com/1/2', note: '官方微博辟谣' }));
    expect(getByRole('status').textContent).toBe('✓ 已记录');
  });
});
