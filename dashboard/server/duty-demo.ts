import type { DutyChannel, RosterInput, Shift, Unit } from '@fenghuo/shared';
import { clocks, duty as dutyModule, SYSTEM_ACTOR } from '@fenghuo/analytics';
import type { Runtime } from './runtime';

/** Days of shifts the demo writes, from yesterday on (yesterday's night shift covers this morning). */
const DEMO_DAYS = 15;

/**
 * The demo's duty rosters for the fictional 江城市 (names written for the
 * project): the city government and its police bureau, with a day officer,
 * a night officer and a backup rotating over the official calendar (day and
 * night shifts on working days, a 24-hour holiday shift on rest days) and a
 * leader. Engine alerts page the city's roster. With `webhookBase` (tests, a
 * local receiver) the night officer and the backup are paged on
 * `${webhookBase}/<person id>`; without it everyone is paged in the app
 * until an admin enters their robots' URLs on /duty.
 */
export async function seedDutyDemo(runtime: Runtime, options: { webhookBase?: string; now?: number } = {}): Promise<{ seeded: boolean; units: string[] }> {
  const { duty } = runtime;
  const units = await ensureUnits(runtime);
  const seeded: string[] = [];
  const channel = (id: string): DutyChannel => (options.webhookBase ? { kind: 'webhook', url: `${options.webhookBase.replace(/\/$/, '')}/${id}` } : { kind: 'in_app' });
  const today = clocks.localDay(options.now ?? Date.now(), runtime.config.timezone);
  for (const [unit, people] of units) {
    if (await duty.roster(unit.id)) continue;
    const roster: RosterInput = {
      people: [
        { id: people.day, name: people.names[0], phone: '0700-1234101', channel: { kind: 'in_app' } },
        { id: people.night, name: people.names[1], phone: '0700-1234102', channel: channel(people.night) },
        { id: people.backup, name: people.names[2], phone: '0700-1234103', channel: channel(people.backup) },
        { id: people.leader, name: people.names[3], channel: { kind: 'in_app' } },
      ],
      leader: people.leader,
      shifts: demoShifts(today, people),
    };
    await duty.saveRoster(SYSTEM_ACTOR, unit.id, 0, roster);
    seeded.push(unit.id);
  }
  const city = units[0]?.[0];
  const { settings, version } = await duty.settings();
  if (city && !settings.alert_unit_id) await duty.saveSettings(SYSTEM_ACTOR, version, { ...settings, alert_unit_id: city.id });
  return { seeded: seeded.length > 0, units: seeded };
}

interface DemoPeople {
  day: string;
  night: string;
  backup: string;
  leader: string;
  names: [string, string, string, string];
}

const DEMO_UNITS: { name: string; kind: Unit['kind']; parent?: string; people: DemoPeople }[] = [
  { name: '江城市人民政府', kind: 'city', people: { day: 'wangmin', night: 'zhangwei', backup: 'lina', leader: 'liuzr', names: ['王敏', '张伟', '李娜', '刘主任'] } },
  { name: '江城市公安局', kind: 'department', parent: '江城市人民政府', people: { day: 'chenjing', night: 'zhaoqiang', backup: 'sunli', leader: 'zhoujz', names: ['陈静', '赵强', '孙丽', '周局长'] } },
];

/** The demo units (the governance demo creates them first; alone, the duty demo creates what is missing). */
async function ensureUnits(runtime: Runtime): Promise<[Unit, DemoPeople][]> {
  const dir = runtime.workflow.directory;
  const out: [Unit, DemoPeople][] = [];
  for (const d of DEMO_UNITS) {
    const all = await dir.units();
    let unit = all.find((u) => u.name === d.name);
    if (!unit) {
      const parent = d.parent ? all.find((u) => u.name === d.parent) : all.find((u) => !u.parent_id);
      unit = await dir.createUnit(SYSTEM_ACTOR, { name: d.name, kind: d.kind, ...(parent ? { parent_id: parent.id } : {}) });
    }
    out.push([unit, d.people]);
  }
  return out;
}

/** Shifts from yesterday on as the calendar runs them: the night officer every night and every holiday shift. */
export function demoShifts(today: string, p: Pick<DemoPeople, 'day' | 'night' | 'backup'>): Shift[] {
  const out: Shift[] = [];
  for (let i = -1; i < DEMO_DAYS; i++) {
    const date = clocks.nextLocalDay(today, i);
    for (const kind of dutyModule.shiftKindsOn(date)) out.push({ date, kind, on_duty: kind === 'day' ? p.day : p.night, backup: p.backup });
  }
  return out;
}
