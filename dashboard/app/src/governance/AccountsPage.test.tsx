// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OfficialAccount } from '@fenghuo/shared/workflow';
import { I18nProvider } from '../i18n';
import { accountInput } from './AccountForm';
import AccountsPage from './AccountsPage';

const account: OfficialAccount = {
  id: 'acc-1', platform: 'weibo', account_id: '1001', name: '荆州发布', unit_id: 'u-city', level: 'city_government', status: 'active',
  publishes_via_workflow: false, filing: { number: '鄂网信备 420001', date: '2020-03-01' }, contact: { name: '张三', phone: '0716-1234567' }, updated_at: 0,
};

let fetch: ReturnType<typeof vi.fn>;
const calls = (method: string, path: string) => fetch.mock.calls.filter((c) => String(c[0]) === path && ((c[1] as RequestInit | undefined)?.method ?? 'GET') === method);

beforeEach(() => {
  fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (path === '/api/v1/accounts' && (init?.method ?? 'GET') === 'GET') return json({ accounts: [account] });
    if (path === '/api/v1/accounts' && init?.method === 'POST') return json({ ...JSON.parse(String(init.body)), id: 'acc-new', updated_at: 1 }, 201);
    if (path === '/api/v1/units') return json({ units: [{ id: 'u-city', name: '荆州市人民政府', kind: 'city', updated_at: 0 }] });
    if (path === '/api/v1/accounts/import') return json({ created: 0, updated: 0, errors: [{ line: 3, message: 'level: 未知级别 "市长"' }] }, 400);
    return json({ error: 'not found' }, 404);
  });
  vi.stubGlobal('fetch', fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderPage = () => render(<I18nProvider lang="zh"><AccountsPage params={{}} /></I18nProvider>);

describe('accountInput', () => {
  const base = { platform: 'weibo', account_id: '1', name: 'n', unit_id: 'u', level: 'other', status: 'active', filing_number: '', filing_date: '', contact_name: '', contact_phone: '', contact_email: '', opened_on: '', publishes_via_workflow: false, merge_into: '', reply_hours: '', reply_working_days: '', note: '' };
  it.each([
    ['empty groups are left out', {}, {}],
    ['a filing number alone', { filing_number: ' 鄂网信备 1 ' }, { filing: { number: '鄂网信备 1' } }],
    ['a contact with a phone', { contact_name: '张三', contact_phone: '123' }, { contact: { name: '张三', phone: '123' } }],
    ['a reply deadline in working days as a number', { reply_working_days: '2' }, { reply_deadline: { working_days: 2 } }],
    ['merge_into only while merging', { merge_into: 'acc-2' }, {}],
    ['merge_into of a merging account', { status: 'merging', merge_into: 'acc-2' }, { status: 'merging', merge_into: 'acc-2' }],
    ['the opening day and a note', { opened_on: '2026-11-02', note: ' 新开 ' }, { opened_on: '2026-11-02', note: '新开' }],
  ])('%s', (_what, change, extra) => {
    expect(accountInput({ ...base, ...change })).toEqual({ platform: 'weibo', account_id: '1', name: 'n', unit_id: 'u', level: 'other', status: 'active', publishes_via_workflow: false, ...extra });
  });
});

describe('the account registry page', () => {
  it('lists the registry with unit, level, status, 备案 and contact, and links the CSV export', async () => {
    renderPage();
    const table = await screen.findByTestId('registry', {}, { timeout: 5_000 });
    await waitFor(() => expect(table.textContent).toContain('荆州市人民政府'));
    const row = table.querySelector('tr[data-account="acc-1"]')!;
    expect(row.textContent).toContain('荆州发布');
    expect(row.textContent).toContain('微博 · 1001');
    expect(row.textContent).toContain('市级政府');
    expect(row.textContent).toContain('正常运维');
    expect(row.textContent).toContain('鄂网信备 420001');
    expect(row.textContent).toContain('张三 · 0716-1234567');
    expect(screen.getByRole('link', { name: 'CSV' }).getAttribute('href')).toBe('/api/v1/accounts/export');
  });

  it('shows each refused row of an import with its line, and that nothing was written', async () => {
    renderPage();
    await screen.findByTestId('registry', {}, { timeout: 5_000 });
    const file = new File(['platform,account_id,name,unit_id,level\nweibo,1,a,u-city,city_government\nweibo,2,b,u-city,市长\n'], 'accounts.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByLabelText('导入 CSV'), { target: { files: [file] } });
    const result = await screen.findByTestId('import-result', {}, { timeout: 5_000 });
    expect(result.textContent).toContain('accounts.csv：1 行有错误，未导入任何账号');
    expect(result.querySelector('li[data-line="3"]')!.textContent).toBe('第 3 行：level: 未知级别 "市长"');
    const [, init] = calls('POST', '/api/v1/accounts/import')[0]!;
    expect((init as RequestInit).headers).toMatchObject({ 'Content-Type': 'text/csv; charset=utf-8' });
    expect(String((init as RequestInit).body)).toContain('weibo,2,b,u-city,市长');
  });

  it('checks the form before sending, then registers the account with its nested 备案 and contact', async () => {
    renderPage();
    await screen.findByTestId('registry', {}, { timeout: 5_000 });
    const form = screen.getByRole('form', { name: '登记账号' });
    fireEvent.submit(form);
    expect(within(form).getByText('请修改标出的字段')).toBeTruthy();
    expect(within(form).getByLabelText('账号 ID').getAttribute('aria-invalid')).toBe('true');
    expect(calls('POST', '/api/v1/accounts')).toHaveLength(0);
    fireEvent.change(within(form).getByLabelText('账号 ID'), { target: { value: 'jzcg' } });
    fireEvent.change(within(form).getByLabelText('账号名称'), { target: { value: '荆州城管' } });
    fireEvent.change(within(form).getByLabelText('主办单位'), { target: { value: 'u-city' } });
    fireEvent.change(within(form).getByLabelText('级别'), { target: { value: 'city_department' } });
    fireEvent.change(within(form).getByLabelText('备案编号'), { target: { value: '鄂网信备 420009' } });
    fireEvent.change(within(form).getByLabelText('电话'), { target: { value: '0716-7654321' } });
    fireEvent.submit(form);
    await waitFor(() => expect(calls('POST', '/api/v1/accounts')).toHaveLength(1), { timeout: 5_000 });
    expect(JSON.parse(String((calls('POST', '/api/v1/accounts')[0]![1] as RequestInit).body))).toEqual({
      platform: 'weibo', account_id: 'jzcg', name: '荆州城管', unit_id: 'u-city', level: 'city_department', status: 'active', publishes_via_workflow: false,
      filing: { number: '鄂网信备 420009' }, contact: { phone: '0716-7654321' },
    });
    expect(await screen.findByText('已登记：荆州城管', {}, { timeout: 5_000 })).toBeTruthy();
  });
});
