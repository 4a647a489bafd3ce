// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n';
import GovernanceReportPage, { addMonths, reportLinks, ReportView } from './GovernanceReportPage';
import { fetchByPath, report } from './test-fixtures';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('addMonths', () => {
  it.each([
    ['2026-11', 1, '2026-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-03', -14, '2025-01'],
  ])('%s %+d → %s', (month, n, expected) => expect(addMonths(month, n)).toBe(expected));
});

describe('the monthly inspection report', () => {
  it('lists the accounts failing which checks, what to fix and what to close, with the counts', () => {
    const { container } = render(<I18nProvider lang="zh"><ReportView report={report()} /></I18nProvider>);
    expect(screen.getByTestId('report-accounts').textContent).toBe('3');
    expect(screen.getByTestId('report-fail').textContent).toBe('2');
    expect(screen.getByTestId('report-actions').textContent).toBe('整改 1 · 整合 0 · 关停 1');
    const byCheck = screen.getByTestId('report-by-check');
    expect(byCheck.querySelector('[data-check="cadence"]')!.textContent).toBe('更新频率20');
    const fix = container.querySelector('tr[data-account="acc-1"]')!;
    expect(fix.getAttribute('data-recommendation')).toBe('fix');
    expect(fix.textContent).toContain('✗ 不合格 更新频率：已 15 天未更新');
    expect(fix.textContent).toContain('每个工作日至少更新一次');
    expect(fix.textContent).toContain('限期整改');
    // Untrusted names stay text.
    expect(fix.querySelector('b b')).toBeNull();
    // The server's messages name the check already; the row names it once.
    expect(container.querySelector('tr[data-account="acc-9"] [data-check="zombie"]')!.textContent).toBe('✗ 不合格 僵尸账号：已 90 天未更新');
    expect(screen.getByTestId('report-close-merge').textContent).toContain('关停：荆州城管（停更）（荆州市人民政府） — 僵尸账号：已 90 天未更新');
    // Accounts that pass are counted, not listed.
    expect(container.querySelector('tr[data-account="acc-2"]')).toBeNull();
    expect(container.querySelector('.report-clean')!.textContent).toBe('其余 1 个账号各项检查合格。');
    expect(container.textContent).toContain('排查期间：2026-11-01 – 2026-11-30（Asia/Shanghai）');
  });

  it('asks for the unit and month in the address, marks itself ready for the PDF printer and links the CSV and PDF', async () => {
    window.history.replaceState(null, '', '/governance/report?unit=u-city&month=2026-11');
    const fetch = vi.fn(fetchByPath({ '/api/v1/governance/report?unit=u-city&month=2026-11': report(), '/api/v1/units': { units: [{ id: 'u-city', name: '荆州市人民政府', kind: 'city', updated_at: 0 }] } }));
    vi.stubGlobal('fetch', fetch);
    const { container } = render(<I18nProvider lang="zh"><GovernanceReportPage params={{}} /></I18nProvider>);
    await waitFor(() => expect(container.querySelector('[data-report-state="ready"]')).not.toBeNull(), { timeout: 5_000 });
    expect(screen.getByText('荆州市人民政府 · 2026年11月')).toBeTruthy();
    expect(screen.getByRole('link', { name: /下载 PDF/ }).getAttribute('href')).toBe('/governance/report.pdf?unit=u-city&month=2026-11');
    expect(screen.getByRole('link', { name: 'CSV' }).getAttribute('href')).toBe('/api/v1/governance/report.csv?unit=u-city&month=2026-11');
    expect(screen.getByRole('link', { name: /上月/ }).getAttribute('href')).toBe('/governance/report?unit=u-city&month=2026-10');
    expect(screen.getByRole('link', { name: /下月/ }).getAttribute('href')).toBe('/governance/report?unit=u-city&month=2026-12');
    expect(reportLinks('u-city', '2026-11').page).toBe('/governance/report?unit=u-city&month=2026-11');
  });

  it('says why when the report cannot be made, so the printer stops waiting', async () => {
    window.history.replaceState(null, '', '/governance/report?unit=nowhere&month=2026-11');
    vi.stubGlobal('fetch', vi.fn(fetchByPath({})));
    const { container } = render(<I18nProvider lang="zh"><GovernanceReportPage params={{}} /></I18nProvider>);
    await waitFor(() => expect(container.querySelector('[data-report-state="error"]')).not.toBeNull(), { timeout: 5_000 });
    expect(screen.getByRole('alert').textContent).toContain('无法生成排查报告：not found');
  });
});

describe('the report in English', () => {
  it('names checks, recommendations and units with English words and punctuation', () => {
    const { container } = render(<I18nProvider lang="en"><ReportView report={report()} /></I18nProvider>);
    expect(container.querySelector('tr[data-account="acc-9"] [data-check="zombie"]')!.textContent).toBe('✗ fail Zombie / sleeping: 已 90 天未更新');
    expect(screen.getByTestId('report-close-merge').textContent).toContain('Close: 荆州城管（停更） (荆州市人民政府) — 僵尸账号：已 90 天未更新');
    expect(screen.getByTestId('report-actions').textContent).toBe('fix 1 · merge 0 · close 1');
  });
});
