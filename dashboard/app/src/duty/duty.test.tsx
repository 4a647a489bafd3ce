// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHIFT_TIMES, rosterInputSchema, type DutyNow, type Escalation, type Roster } from '@fenghuo/shared/duty';
import { I18nProvider, type Lang } from '../i18n';
import { DutyNowPanel, dutyRows } from './DutyNowPanel';
import { escalationRows } from './escalation-rows';
import { fromRows, toRows } from './RosterPage';

afterEach(cleanup);

const at = Date.parse('2026-11-26T23:10:00+08:00');
const rows: DutyNow[] = [
  { unit_id: 'u2', unit_name: '江城市公安局', at, calendar_known: true, note: 'no roster' },
  { unit_id: 'u1', unit_name: '江城市人民政府', at, calendar_known: true, date: '2026-11-26', kind: 'night', shift_end: Date.parse('2026-11-27T08:30:00+08:00'), on_duty: { id: 'zhang', name: '张伟', phone: '0700-1', channel_kind: 'webhook' }, backup: { id: 'li', name: '李娜', channel_kind: 'dingtalk' }, leader: { id: 'lead', name: '刘主任', channel_kind: 'in_app' } },
  { unit_id: 'u3', unit_name: '江城2027', at, calendar_known: false, kind: 'day', on_duty: { id: 'x', name: '赵敏', channel_kind: 'in_app' } },
];

describe('the wall’s on-duty strip', () => {
  it('puts units with someone on duty first', () => {
    expect(dutyRows(rows, 2).map((r) => r.unit_id)).toEqual(['u1', 'u3']);
  });

  it.each([
    { lang: 'zh' as Lang, texts: ['江城市人民政府', '夜班 至 08:30', '张伟 0700-1', '备班 李娜', '带班 刘主任', '节假日表未覆盖', '未排班'] },
    { lang: 'en' as Lang, texts: ['night until 08:30', 'backup 李娜', 'leader 刘主任', 'no holiday table', 'not rostered'] },
  ])('names the shift, the officer, the backup and the leader ($lang)', ({ lang, texts }) => {
    render(
      <I18nProvider lang={lang}>
        <DutyNowPanel rows={rows} />
      </I18nProvider>,
    );
    const text = screen.getByTestId('duty-now').textContent ?? '';
    for (const t of texts) expect(text).toContain(t);
  });

  it('says when nobody is rostered', () => {
    render(
      <I18nProvider lang="en">
        <DutyNowPanel rows={[rows[0]!]} />
      </I18nProvider>,
    );
    expect(screen.getByText('Nobody is rostered')).toBeTruthy();
  });
});

describe('the roster form', () => {
  const roster: Roster & { people: (Roster['people'][number] & { secret_set?: boolean })[] } = {
    ...rosterInputSchema.parse({
      people: [
        { id: 'zhang', name: '张伟', phone: '0700-1', channel: { kind: 'webhook', url: 'https://example.org/hook' } },
        { id: 'li', name: '李娜', channel: { kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=x' } },
        { id: 'mail', name: '王敏', channel: { kind: 'email', to: 'wm@example.org' } },
      ],
      leader: 'zhang',
      shifts: [{ date: '2026-11-26', kind: 'night', on_duty: 'zhang', backup: 'li' }, { date: '2026-11-27', kind: 'day', on_duty: 'mail' }],
    }),
    unit_id: 'u1',
    updated_at: 0,
    version: 3,
  };
  roster.people[1]!.secret_set = true;

  it('reads a roster into rows and writes it back unchanged, secrets left to the server', () => {
    const r = toRows(roster);
    expect(r.people[1]).toMatchObject({ kind: 'dingtalk', secret: '', secret_set: true });
    const back = fromRows(r.people, r.shifts, r.leader, DEFAULT_SHIFT_TIMES);
    expect(rosterInputSchema.parse(back)).toEqual(rosterInputSchema.parse({ ...roster, unit_id: undefined, updated_at: undefined, version: undefined }));
  });

  it('leaves empty fields out so the server names what is missing', () => {
    const r = toRows(roster);
    const back = fromRows([{ ...r.people[0]!, url: '  ' }], [{ date: '2026-11-26', kind: 'night', on_duty: 'zhang', backup: '' }], '', undefined) as { people: { channel: object }[]; shifts: object[] };
    expect(back.people[0]!.channel).toEqual({ kind: 'webhook' });
    expect(back.shifts[0]).toEqual({ date: '2026-11-26', kind: 'night', on_duty: 'zhang' });
    expect(rosterInputSchema.safeParse(back).success).toBe(false);
  });
});

describe('escalation steps on the incident timeline', () => {
  const chain = {
    id: 'incident_clock:n1',
    subject: { kind: 'incident_clock', id: 'n1', unit_id: 'u1', severity: 'critical', title: '首次发布时限预警', link: '/incidents/i1', incident_id: 'i1' },
    log: [
      { at: at, action: 'started' },
      { at: at + 1, action: 'paged', step: 0, role: 'on_duty', person: '张伟', channel: 'dingtalk' },
      { at: at + 600_000, action: 'paged', step: 1, role: 'backup', person: '李娜', channel: 'email' },
      { at: at + 700_000, action: 'acknowledged', step: 1, by: '李娜', via: 'link' },
    ],
  } as unknown as Escalation;

  it.each<[Lang, string[]]>([
    ['zh', ['升级链启动 首次发布时限预警', '已通知 首次发布时限预警 | 值班员 | 张伟 | 钉钉', '已通知 首次发布时限预警 | 备班 | 李娜 | 邮件', '已确认（停止升级） 首次发布时限预警 | 李娜（确认链接）']],
    ['en', ['Escalation started 首次发布时限预警', 'Paged 首次发布时限预警 | duty officer | 张伟 | DingTalk', 'Paged 首次发布时限预警 | backup | 李娜 | email', 'Acknowledged (chain stopped) 首次发布时限预警 | 李娜 (via the link)']],
  ])('every step is a row, in %s', (lang, expected) => {
    const rows = escalationRows([chain], lang);
    expect(rows.map((r) => `${r.label} ${r.detail}`)).toEqual(expected);
    expect(rows.map((r) => r.kind)).toEqual(['escalation:started', 'escalation:paged', 'escalation:paged', 'escalation:acknowledged']);
    expect(rows.map((r) => r.at)).toEqual([at, at + 1, at + 600_000, at + 700_000]);
  });
});
