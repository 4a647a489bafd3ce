// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNT_LEVELS, DEFAULT_GOVERNANCE_THRESHOLDS, type GovernanceConfigResponse, type GovernanceThresholds } from '@fenghuo/shared/governance';
import { setCsrfToken } from '../api';
import { I18nProvider, type Lang } from '../i18n';
import GovernanceSettingsPage, { GOVERNANCE_CONFIG_PATH } from './GovernanceSettingsPage';
import { draftOf, thresholdsOf } from './threshold-fields';

/** What the server holds: the 14-day limit raised to 21, city departments asked for three posts a week. */
const stored = (): GovernanceThresholds => {
  const t = structuredClone(DEFAULT_GOVERNANCE_THRESHOLDS);
  t.cadence.fail_silent_days = 21;
  t.cadence.by_level.city_department = { per_week: 3 };
  t.interaction.warn_answered_rate = 0.85;
  return t;
};

let fetch: ReturnType<typeof vi.fn>;
let putAnswer: (body: { expected_version: number; thresholds: GovernanceThresholds }) => Response;
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const puts = () => fetch.mock.calls.filter((c) => String(c[0]) === GOVERNANCE_CONFIG_PATH && (c[1] as RequestInit | undefined)?.method === 'PUT');
const sent = (i = 0) => JSON.parse(String((puts()[i]![1] as RequestInit).body)) as { expected_version: number; thresholds: GovernanceThresholds };

beforeEach(() => {
  setCsrfToken('csrf-1');
  putAnswer = (b) => json({ thresholds: b.thresholds, defaults: DEFAULT_GOVERNANCE_THRESHOLDS, version: b.expected_version + 1 } satisfies GovernanceConfigResponse);
  fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input) !== GOVERNANCE_CONFIG_PATH) return json({ error: 'not found' }, 404);
    if (init?.method === 'PUT') return putAnswer(JSON.parse(String(init.body)));
    return json({ thresholds: stored(), defaults: DEFAULT_GOVERNANCE_THRESHOLDS, version: 4 } satisfies GovernanceConfigResponse);
  });
  vi.stubGlobal('fetch', fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setCsrfToken('');
});

const renderPage = async (lang: Lang = 'zh') => {
  const r = render(<I18nProvider lang={lang}><GovernanceSettingsPage params={{}} /></I18nProvider>);
  await waitFor(() => expect(r.container.querySelector('[data-settings-state="ready"]')).not.toBeNull(), { timeout: 5_000 });
  return r;
};
const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const hintOf = (el: HTMLElement) => document.getElementById(`${el.id}-hint`)?.textContent;
const errorOf = (el: HTMLElement) => document.getElementById(`${el.id}-err`)?.textContent;
const type = (label: string, value: string) => fireEvent.change(input(label), { target: { value } });
const save = () => fireEvent.submit(screen.getByRole('form'));

describe('the thresholds as a form', () => {
  it.each([
    ['the defaults', DEFAULT_GOVERNANCE_THRESHOLDS],
    ['changed values with shares that are not round in binary', { ...stored(), interaction: { ...stored().interaction, warn_answered_rate: 0.57, off_topic_overlap: 0.07 } }],
  ])('turn %s into the form and back into the same whole object', (_what, t) => {
    expect(thresholdsOf(draftOf(t))).toEqual(t);
  });

  it.each([
    ['a share as a percentage', 'interaction.warn_answered_rate', '85'],
    ['a level rule as its choice', 'cadence.by_level.city_department', 'per_week'],
    ['its weekly count', 'cadence.by_level.city_department.per_week', '3'],
    ['a level without a weekly count starts from two', 'cadence.by_level.city_government.per_week', '2'],
    ['a switch', 'reminders.enabled', 'true'],
  ])('shows %s', (_what, key, value) => {
    expect(draftOf(stored())[key]).toBe(value);
  });

  it.each([
    ['an emptied number is refused, not defaulted', 'cadence.fail_silent_days', '', null],
    ['a percentage is sent as a share', 'interaction.warn_answered_rate', '57', 0.57],
  ])('%s', (_what, key, value, expected) => {
    const out = thresholdsOf({ ...draftOf(stored()), [key]: value });
    const [group, name] = key.split('.') as [string, string];
    expect((out[group] as Record<string, unknown>)[name]).toBe(expected);
  });
});

describe('the thresholds page', () => {
  it('shows every check with the current value and the default beside it', async () => {
    const { container } = await renderPage();
    expect([...container.querySelectorAll('.thresholds-groups > fieldset > legend')].map((l) => l.textContent)).toEqual(['更新频率', '僵尸账号', '重复开设', '互动回应', '粉丝异常', '先审后发', '提醒', '概览']);
    expect(input('连续未更新即不合格').value).toBe('21');
    expect(hintOf(input('连续未更新即不合格'))).toBe('默认：14 天 · 已调整 · 2019 年政务新媒体检查指标：两周不更新即单项否决');
    expect(input('连续未更新即预警').value).toBe('10');
    expect(hintOf(input('连续未更新即预警'))).toBe('默认：10 天');
    expect(input('答复率低于即预警').value).toBe('85');
    expect(hintOf(input('答复率低于即预警'))).toBe('默认：90% · 已调整');
    expect(input('市级部门').value).toBe('per_week');
    expect(input('市级部门每周条数').value).toBe('3');
    expect(hintOf(input('市级部门'))).toBe('默认：不作要求 · 已调整');
    expect(hintOf(input('县级政府'))).toBe('默认：每周至少 2 条');
    expect(container.querySelectorAll('.cadence-levels select')).toHaveLength(ACCOUNT_LEVELS.length);
  });

  it.each([
    ['below the minimum', '连续未更新即不合格', '0', '不能小于 1 天'],
    ['not a whole number', '连续未更新即不合格', '1.5', '请填写整数'],
    ['emptied', '连续未更新即不合格', '', '请填写数字'],
    ['a share above 100%', '答复率低于即预警', '120', '不能大于 100%'],
    ['a name similarity below 50%', '名称相似度达到即提示', '40', '不能小于 50%'],
    ['a warning later than the fail', '连续未更新即预警', '30', '预警天数不能超过不合格天数'],
    ['a reminder time that is no time', '工作日未更新的提醒时间', '25:00', '请按 时:分 填写，如 15:00'],
    ['a weekly count of none', '市级部门每周条数', '0', '不能小于 1 条'],
  ])('refuses a value %s under its field and sends nothing', async (_what, label, value, message) => {
    await renderPage();
    type(label, value);
    save();
    const el = label === '市级部门每周条数' ? input('市级部门') : input(label);
    await waitFor(() => expect(errorOf(el)).toBe(message));
    expect(input(label).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('请修改标出的字段');
    expect(puts()).toHaveLength(0);
  });

  it('sends the whole thresholds object with the version it read and the session’s CSRF token, then says it is saved', async () => {
    await renderPage();
    type('连续未更新即不合格', '10');
    save();
    expect(await screen.findByTestId('thresholds-notice', {}, { timeout: 5_000 })).toHaveProperty('textContent', '已保存，账号治理页将按新阈值检查。 查看检查结果 →');
    expect(puts()).toHaveLength(1);
    expect((puts()[0]![1] as RequestInit).headers).toMatchObject({ 'X-CSRF-Token': 'csrf-1', 'Content-Type': 'application/json' });
    const expected = stored();
    expected.cadence.fail_silent_days = 10;
    // Every level and every check, not only the changed value.
    expect(sent()).toEqual({ expected_version: 4, thresholds: expected });
    expect(Object.keys(sent().thresholds.cadence.by_level).sort()).toEqual([...ACCOUNT_LEVELS].sort());
    // The saved value is now the current one; a second save carries the new version.
    expect(input('连续未更新即不合格').value).toBe('10');
    save();
    await waitFor(() => expect(puts()).toHaveLength(2));
    expect(sent(1).expected_version).toBe(5);
  });

  it('shows what the server refused and keeps the values typed', async () => {
    putAnswer = () => json({ error: 'settings governance-thresholds changed meanwhile (version 5, expected 4)' }, 409);
    await renderPage();
    type('连续未更新即不合格', '12');
    save();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('settings governance-thresholds changed meanwhile (version 5, expected 4)'), { timeout: 5_000 });
    expect(input('连续未更新即不合格').value).toBe('12');
    expect(screen.queryByTestId('thresholds-notice')).toBeNull();
  });

  it('resets to the defaults, clearing stale errors, and saves them when asked', async () => {
    await renderPage();
    type('连续未更新即不合格', '0');
    save();
    await waitFor(() => expect(errorOf(input('连续未更新即不合格'))).toBe('不能小于 1 天'));
    fireEvent.click(screen.getByRole('button', { name: '恢复默认值' }));
    expect(screen.getByTestId('thresholds-notice').textContent).toBe('已填入默认值，保存后生效。 ');
    expect(input('连续未更新即不合格').value).toBe('14');
    expect(errorOf(input('连续未更新即不合格'))).toBeUndefined();
    expect(hintOf(input('连续未更新即不合格'))).not.toContain('已调整');
    expect(input('市级部门').value).toBe('none');
    expect(puts()).toHaveLength(0);
    save();
    await waitFor(() => expect(puts()).toHaveLength(1), { timeout: 5_000 });
    expect(sent()).toEqual({ expected_version: 4, thresholds: DEFAULT_GOVERNANCE_THRESHOLDS });
  });

  it('speaks English: checks, labels, units, defaults and errors', async () => {
    const { container } = await renderPage('en');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Governance check thresholds');
    expect(container.querySelector('fieldset[data-group="interaction"] > legend')!.textContent).toBe('Interaction');
    expect(hintOf(input('Silent this long: fail'))).toBe('Default: 14 days · changed from the default · 2019 inspection indicators: two weeks without an update fails');
    expect(hintOf(input('City department'))).toBe('Default: No requirement · changed from the default');
    expect(hintOf(input('Send cadence deadline reminders'))).toBe('Default: on');
    expect(within(container.querySelector('fieldset[data-group="fake_followers"]') as HTMLElement).getByText('followers')).toBeTruthy();
    type('Answered share below: fail', '95');
    save();
    await waitFor(() => expect(errorOf(input('Answered share below: fail'))).toBe('Must not exceed the share that warns'));
    expect(screen.getByRole('alert').textContent).toBe('Please correct the marked fields');
    type('Silent this long: fail', '0');
    save();
    await waitFor(() => expect(errorOf(input('Silent this long: fail'))).toBe('At least 1 day'));
    expect(screen.getByRole('button', { name: 'Reset to defaults' })).toBeTruthy();
  });
});
