import { describe, expect, it } from 'vitest';
import { checkPlaybook, DEFAULT_DEADLINES_BY_SEVERITY, INCIDENT_SEVERITIES, INCIDENT_TYPES, playbookSetSchema, type PlaybookInput } from '@fenghuo/shared';
import { DEFAULT_CLOCK_POLICIES } from '../workflow/clocks';
import { checkPlaybookSet, defaultPlaybooks, parsePlaybookFile, PlaybookFileError } from './defaults';
import { selectPlaybook } from './select';

const good: PlaybookInput = {
  id: 'test',
  name: '测试预案',
  applies_to: { types: [], severities: [] },
  steps: [
    { id: 'verify', title: '核实', owner: { role: 'responder' }, due: { from: 'start', minutes: 30 } },
    { id: 'release', title: '发布权威信息', owner: { role: 'responder' }, due: { from: 'deadline', deadline: 'release', otherwise_minutes: 300 } },
  ],
};
const withStep = (i: number, patch: object): unknown => ({ ...good, steps: good.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });

describe('the shipped playbooks', () => {
  it('load and pass the schema, with one generic playbook', () => {
    const set = defaultPlaybooks();
    expect(set.length).toBeGreaterThanOrEqual(6);
    expect(set.filter((p) => p.applies_to.types.length === 0 && p.applies_to.severities.length === 0).map((p) => p.id)).toEqual(['generic']);
  });

  it.each(INCIDENT_TYPES.flatMap((type) => INCIDENT_SEVERITIES.map((severity) => [type, severity] as const)))('%s / %s finds a playbook with the 5 h and 24 h steps', (type, severity) => {
    const p = selectPlaybook(defaultPlaybooks(), { type, severity });
    expect(p).toBeDefined();
    const release = p!.steps.find((s) => s.id === 'release');
    expect(release?.due).toMatchObject({ from: 'deadline', deadline: 'release', otherwise_minutes: 300 });
    expect(p!.steps.find((s) => s.id === 'press_conference')?.due).toMatchObject({ from: 'deadline', deadline: 'press_conference', otherwise_minutes: 1440 });
  });

  it('the statutory deadlines per severity agree with the clock policies', () => {
    for (const s of INCIDENT_SEVERITIES) expect(DEFAULT_CLOCK_POLICIES[s].deadlines.map((d) => d.key)).toEqual([...DEFAULT_DEADLINES_BY_SEVERITY[s]]);
  });
});

describe('checkPlaybook: each kind of invalid playbook names its field', () => {
  it.each<[string, unknown, string, RegExp]>([
    ['no steps', { ...good, steps: [] }, 'steps', /at least 1|>=1|too small/i],
    ['a bad id', { ...good, id: 'Has Space' }, 'id', /lower-case/],
    ['an empty name', { ...good, name: ' ' }, 'name', /.+/],
    ['an unknown incident type', { ...good, applies_to: { types: ['earthquake'], severities: [] } }, 'applies_to.types.0', /safety_accident/],
    ['an unknown severity', { ...good, applies_to: { types: [], severities: ['huge'] } }, 'applies_to.severities.0', /major/],
    ['an unknown field', { ...good, colour: 'red' }, '', /colour/],
    ['a step without an owner', withStep(0, { owner: undefined }), 'steps.0.owner', /.+/],
    ['an owner role that does not exist', withStep(0, { owner: { role: 'mayor' } }), 'steps.0.owner.role', /responder/],
    ['a due time from nowhere', withStep(0, { due: { from: 'lunch', minutes: 5 } }), 'steps.0.due.from', /.+/],
    ['negative minutes from the start', withStep(0, { due: { from: 'start', minutes: -5 } }), 'steps.0.due.minutes', />=0|too small/i],
    ['an unknown statutory deadline', withStep(1, { due: { from: 'deadline', deadline: 'lunch', otherwise_minutes: 5 } }), 'steps.1.due.deadline', /release/],
    ['a deadline some severities lack, without otherwise_minutes', withStep(1, { due: { from: 'deadline', deadline: 'release' } }), 'steps.1.due.otherwise_minutes', /large, general, public_opinion have no "release" deadline/],
    ['an unknown template', withStep(0, { templates: ['poem'] }), 'steps.0.templates.0', /situation_report/],
    ['a repeat too often', withStep(0, { repeat_every_minutes: 5 }), 'steps.0.repeat_every_minutes', />=15|too small/i],
    ['a repeat after close', withStep(0, { due: { from: 'close', minutes: 60 }, repeat_every_minutes: 60 }), 'steps.0.repeat_every_minutes', /cannot repeat/],
    ['a duplicate step id', withStep(1, { id: 'verify' }), 'steps.1.id', /duplicate step id "verify"/],
  ])('%s → %s', (_name, input, path, message) => {
    const r = checkPlaybook(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const issue = r.issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(r.issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
  });

  it('a deadline every named severity has needs no otherwise_minutes', () => {
    expect(checkPlaybook({ ...withStep(1, { due: { from: 'deadline', deadline: 'release' } }) as object, applies_to: { types: [], severities: ['major'] } }).ok).toBe(true);
  });

  it('fills the defaults', () => {
    const r = checkPlaybook(good);
    expect(r.ok && r.playbook.steps[0]).toMatchObject({ required: true, templates: [], owner: { unit: 'incident' } });
  });
});

describe('playbook sets and files', () => {
  it.each<[string, unknown[], RegExp]>([
    ['without a generic playbook', [{ ...good, applies_to: { types: ['online_rumor'], severities: [] } }], /no generic playbook/],
    ['with a duplicate id', [good, good], /duplicate playbook id "test"/],
  ])('a set %s is refused', (_name, set, message) => {
    const r = playbookSetSchema.safeParse(set);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message).join('\n')).toMatch(message);
    expect(() => checkPlaybookSet(set as never, 'x')).toThrow(PlaybookFileError);
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '{', /^bad\.json: not JSON/],
    ['a bad field', JSON.stringify({ ...good, steps: [{ ...good.steps[0], due: { from: 'start', minutes: 'soon' } }] }), /^bad\.json: steps\.0\.due\.minutes: /],
  ])('a file that is %s names the file and the field', (_name, text, message) => {
    expect(() => parsePlaybookFile('bad.json', text)).toThrow(message);
  });
});
