import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_TEMPLATES,
  TemplateSyntaxError,
  checkTemplate,
  fillTemplate,
  formatQaPairs,
  remainingMarkers,
  type StatementTemplate,
  type TemplateKind,
  type TemplateValues,
} from './index';

const FULL: TemplateValues = {
  unit: '杭州市西湖区应急管理局',
  time: '2026年11月26日14时30分',
  place: '西湖区文三路与学院路交叉口',
  title: '一起道路交通事故',
  facts: '事故造成2人受伤，均已送医救治，无生命危险',
  measures: '现场交通已恢复正常，事故原因正在调查',
  contact: '咨询电话0571-12345678',
  date: '2026年11月26日',
  rumor: '文三路车祸致多人死亡',
  refutation: '该事故造成2人轻伤，无人员死亡',
  qa: formatQaPairs([
    { question: '事故原因是什么？', answer: '事故原因正在调查，调查结果将及时公布。' },
    { question: '伤者情况如何？', answer: '两名伤者均已送医，生命体征平稳。' },
  ]),
};

const KINDS = Object.keys(BUILT_IN_TEMPLATES) as TemplateKind[];

/** Phrases each template must carry: the register of a real text of its kind. */
const SIGNATURE_PHRASES: Record<TemplateKind, string[]> = {
  situation_report: ['情况通报', '接报后', '高度重视', '经初步核实', '后续情况将及时向社会发布'],
  rebuttal: ['辟谣声明', '网上流传', '该信息不实', '依法追究法律责任', '不信谣、不传谣'],
  talking_points: ['回应口径', '内部掌握', '1. ', '4. ', '注意事项'],
  press_qa: ['答记者问', '新闻发言人', '**问：**', '**答：**'],
};

describe('built-in templates', () => {
  it.each(KINDS)('%s passes checkTemplate and is keyed by its kind', (kind) => {
    const t = BUILT_IN_TEMPLATES[kind];
    expect(t.kind).toBe(kind);
    expect(checkTemplate(t)).toEqual([]);
  });

  it.each(KINDS)('%s filled fully has no markers and contains every value it uses', (kind) => {
    const t = BUILT_IN_TEMPLATES[kind];
    const { text, missing } = fillTemplate(t, FULL);
    expect(missing).toEqual([]);
    expect(remainingMarkers(text)).toEqual([]);
    expect(text).not.toMatch(/\{\{|\}\}/);
    for (const f of t.fields) expect(text).toContain(FULL[f.key]!.replace(/。$/, ''));
    for (const phrase of SIGNATURE_PHRASES[kind]) expect(text).toContain(phrase);
    // Signed by the unit, dated last.
    expect(text.endsWith(`${FULL.unit}\n${FULL.date}`)).toBe(true);
    expect(text).not.toMatch(/\n{3,}/);
  });

  it.each(KINDS)('%s with no values marks every required field', (kind) => {
    const t = BUILT_IN_TEMPLATES[kind];
    const { text, missing } = fillTemplate(t, {});
    const required = t.fields.filter((f) => f.required);
    expect(missing).toEqual(required.map((f) => f.key));
    const labels = new Set(remainingMarkers(text));
    for (const f of required) expect(labels).toContain(f.label);
    // Optional sections vanish rather than show markers.
    for (const f of t.fields.filter((f) => !f.required)) expect(labels).not.toContain(f.label);
  });

  it('situation report reads as the expected sentence skeleton', () => {
    const { text } = fillTemplate(BUILT_IN_TEMPLATES.situation_report, FULL);
    expect(text).toContain(
      '2026年11月26日14时30分，西湖区文三路与学院路交叉口发生一起道路交通事故。接报后，杭州市西湖区应急管理局高度重视',
    );
    expect(text).toContain('如有疑问，可通过咨询电话0571-12345678咨询。');
  });
});

describe('fillTemplate', () => {
  const tpl = (body: string, fields: StatementTemplate['fields']): StatementTemplate => ({
    kind: 'situation_report',
    name: 'test',
    description: '',
    fields,
    body,
  });
  const req = (key: string, label: string) => ({ key, label, required: true });
  const opt = (key: string, label: string) => ({ key, label, required: false });

  it.each([
    {
      name: 'missing required value becomes a marker',
      body: '{{time}}，{{place}}发生{{title}}。',
      fields: [req('time', '事件发生时间'), req('place', '事件发生地点'), req('title', '事件名称')],
      values: { time: '昨日', title: '火灾' },
      text: '昨日，【待填写：事件发生地点】发生火灾。',
      missing: ['place'],
    },
    {
      name: 'whitespace-only value counts as missing',
      body: '{{place}}',
      fields: [req('place', '事件发生地点')],
      values: { place: '  \n ' },
      text: '【待填写：事件发生地点】',
      missing: ['place'],
    },
    {
      name: 'values are trimmed and inserted verbatim',
      body: '[{{a}}]',
      fields: [req('a', 'A')],
      values: { a: '  **粗体** <b>x</b> {{b}} ' },
      text: '[**粗体** <b>x</b> {{b}}]',
      missing: [],
    },
    {
      name: 'inline optional section vanishes',
      body: '后续情况将及时发布。{{#contact}}如有疑问，请致电{{contact}}。{{/contact}}',
      fields: [opt('contact', '咨询渠道')],
      values: {},
      text: '后续情况将及时发布。',
      missing: [],
    },
    {
      name: 'inline optional section kept',
      body: '后续情况将及时发布。{{#contact}}如有疑问，请致电{{contact}}。{{/contact}}',
      fields: [opt('contact', '咨询渠道')],
      values: { contact: '12345' },
      text: '后续情况将及时发布。如有疑问，请致电12345。',
      missing: [],
    },
    {
      name: 'whole-paragraph section vanishes with its blank line',
      body: '甲。\n\n{{#m}}目前，{{m}}。{{/m}}\n\n乙。',
      fields: [opt('m', '措施')],
      values: {},
      text: '甲。\n\n乙。',
      missing: [],
    },
    {
      name: 'list item section vanishes without a gap in the list',
      body: '- 一\n{{#x}}- {{x}}{{/x}}\n- 三',
      fields: [opt('x', '二')],
      values: {},
      text: '- 一\n- 三',
      missing: [],
    },
    {
      name: 'two adjacent vanishing list items',
      body: '- 一\n{{#x}}- {{x}}{{/x}}\n{{#y}}- {{y}}{{/y}}\n- 四',
      fields: [opt('x', '二'), opt('y', '三')],
      values: {},
      text: '- 一\n- 四',
      missing: [],
    },
    {
      name: 'block section with tags on their own lines, kept',
      body: '甲\n{{#x}}\n- {{x}}\n- 尾\n{{/x}}\n乙',
      fields: [opt('x', 'X')],
      values: { x: '值' },
      text: '甲\n- 值\n- 尾\n乙',
      missing: [],
    },
    {
      name: 'block section with tags on their own lines, vanished',
      body: '甲\n{{#x}}\n- {{x}}\n{{/x}}\n乙',
      fields: [opt('x', 'X')],
      values: {},
      text: '甲\n乙',
      missing: [],
    },
    {
      name: 'trailing section at the end of the body',
      body: '甲。\n\n{{#x}}{{x}}{{/x}}',
      fields: [opt('x', 'X')],
      values: {},
      text: '甲。',
      missing: [],
    },
    {
      name: 'nested sections',
      body: '{{#a}}A={{a}}{{#b}}，B={{b}}{{/b}}。{{/a}}',
      fields: [opt('a', 'A'), opt('b', 'B')],
      values: { a: '1' },
      text: 'A=1。',
      missing: [],
    },
    {
      name: 'a value that is a full sentence does not double the full stop',
      body: '经初步核实，{{facts}}。目前，{{m}}。',
      fields: [req('facts', '基本情况'), req('m', '措施')],
      values: { facts: '2人受伤。', m: '已恢复通行！' },
      text: '经初步核实，2人受伤。目前，已恢复通行！',
      missing: [],
    },
    {
      name: 'undeclared placeholder counts as required',
      body: '{{who}}说',
      fields: [],
      values: {},
      text: '【待填写：who】说',
      missing: ['who'],
    },
    {
      name: 'optional field outside its section shows a marker but is not listed',
      body: '电话：{{contact}}',
      fields: [opt('contact', '咨询渠道')],
      values: {},
      text: '电话：【待填写：咨询渠道】',
      missing: [],
    },
    {
      name: 'spaces inside tags are allowed',
      body: '{{ # a }}[{{ a }}]{{ / a }}',
      fields: [opt('a', 'A')],
      values: { a: 'x' },
      text: '[x]',
      missing: [],
    },
  ])('$name', ({ body, fields, values, text, missing }) => {
    expect(fillTemplate(tpl(body, fields), values)).toEqual({ text, missing });
  });

  it.each([
    ['{{#a}}x', /never closed/],
    ['x{{/a}}', /closes no section/],
    ['{{#a}}{{#b}}{{/a}}{{/b}}', /closes \{\{#b\}\}/],
  ])('rejects unbalanced sections: %s', (body, message) => {
    const t = tpl(body, [opt('a', 'A'), opt('b', 'B')]);
    expect(() => fillTemplate(t, {})).toThrow(TemplateSyntaxError);
    expect(() => fillTemplate(t, {})).toThrow(message);
    expect(checkTemplate(t)).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['{{x}}', [], /not a declared field/],
    ['text', [req('a', 'A')], /declared but not used/],
    ['{{#a}}{{a}}{{/a}}', [req('a', 'A')], /only appears inside sections/],
    ['{{a}}', [opt('a', 'A')], /used outside/],
    ['{{ a-b }}', [], /stray braces/],
  ])('checkTemplate flags %s', (body, fields, problem) => {
    expect(checkTemplate(tpl(body, fields))).toContainEqual(expect.stringMatching(problem));
  });
});

describe('formatQaPairs', () => {
  it.each([
    { pairs: [], text: '' },
    { pairs: [{ question: ' 问题一？ ', answer: '答复一。' }], text: '**问：**问题一？\n\n**答：**答复一。' },
    { pairs: [{ question: '问题？' }], text: '**问：**问题？\n\n**答：**【待填写：答复内容】' },
    { pairs: [{ question: '  ', answer: '无问之答' }], text: '' },
    {
      pairs: [
        { question: '一？', answer: '甲。' },
        { question: '二？', answer: '乙。' },
      ],
      text: '**问：**一？\n\n**答：**甲。\n\n**问：**二？\n\n**答：**乙。',
    },
  ])('$pairs.length pairs → $text', ({ pairs, text }) => {
    expect(formatQaPairs(pairs)).toBe(text);
  });
});
