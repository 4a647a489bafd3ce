import { marker, type StatementTemplate, type TemplateField, type TemplateKind } from './template-render';

/**
 * The four texts a press office drafts during an incident, in the formal
 * register of 公文 (wording written for Fenghuo, not copied from any office).
 * Each is a starting point for a human: it states only what the responder
 * enters, commits to no cause or figure on its own, and ends with the issuing
 * unit and date.
 *
 * Field keys are shared across templates so one set of incident values
 * (`incidentTemplateValues`) fills all four.
 */

const F = {
  unit: { key: 'unit', label: '发布单位', required: true, hint: '如：某某市应急管理局' },
  time: { key: 'time', label: '事件发生时间', required: true, hint: '如：2026年11月26日14时30分' },
  place: { key: 'place', label: '事件发生地点', required: true, hint: '如：某某区某某路与某某街交叉口' },
  title: { key: 'title', label: '事件名称', required: true, hint: '名词短语，如：一起道路交通事故' },
  facts: {
    key: 'facts',
    label: '基本情况',
    required: true,
    hint: '已核实的事实；不写“经初步核实”，模板已有；未经核实的伤亡人数、原因不要写入',
  },
  measures: { key: 'measures', label: '处置措施', required: true, hint: '已经采取的措施，不写“目前”，模板已有；如：伤者已送医救治，事故原因正在调查' },
  contact: { key: 'contact', label: '咨询渠道', required: false, hint: '如：咨询电话0571-12345678' },
  date: { key: 'date', label: '落款日期', required: true, hint: '如：2026年11月26日' },
  rumor: { key: 'rumor', label: '网传内容', required: true, hint: '概括网传说法，不复述具体的不实细节' },
  refutation: { key: 'refutation', label: '核实情况', required: true, hint: '证明网传内容不实的事实，可参考知识库建议' },
  qa: { key: 'qa', label: '问答内容', required: true, hint: '问/答对，可用 formatQaPairs 生成' },
} satisfies Record<string, TemplateField>;

/** The same field, optional in a template where it only adds to the text. */
function optional(f: TemplateField): TemplateField {
  return { ...f, required: false };
}

const SIGNATURE = '{{unit}}\n{{date}}';

export const BUILT_IN_TEMPLATES: Record<TemplateKind, StatementTemplate> = {
  situation_report: {
    kind: 'situation_report',
    name: '情况通报',
    description: '事件发生后首次或阶段性向社会通报基本情况和处置进展。',
    fields: [F.unit, F.time, F.place, F.title, F.facts, F.measures, F.contact, F.date],
    body: `**情况通报**

{{time}}，{{place}}发生{{title}}。接报后，{{unit}}高度重视，立即组织相关部门赶赴现场，全力开展处置工作。

经初步核实，{{facts}}。

目前，{{measures}}。

事件具体原因正在进一步调查中，后续情况将及时向社会发布。{{#contact}}如有疑问，可通过{{contact}}咨询。{{/contact}}

${SIGNATURE}`,
  },

  rebuttal: {
    kind: 'rebuttal',
    name: '辟谣声明',
    description: '针对网上流传的不实信息，说明核实结果，澄清事实。',
    fields: [F.unit, optional(F.place), F.rumor, F.refutation, optional(F.measures), F.contact, F.date],
    body: `**辟谣声明**

近日，网上流传{{#place}}有关{{place}}{{/place}}“{{rumor}}”的相关信息，引发部分网民关注。

经{{unit}}核实，该信息不实。{{refutation}}。

{{#measures}}目前，{{measures}}。{{/measures}}

网络不是法外之地。对编造、故意传播虚假信息，扰乱公共秩序的行为，有关部门将依法追究法律责任。请广大网民通过官方渠道获取权威信息，不信谣、不传谣、不造谣，共同维护清朗网络空间。{{#contact}}如发现相关线索，请通过{{contact}}反映。{{/contact}}

${SIGNATURE}`,
  },

  talking_points: {
    kind: 'talking_points',
    name: '回应口径',
    description: '内部掌握的统一对外回应口径，供接受媒体采访、回应网民关切时使用。',
    fields: [F.unit, F.time, F.place, F.title, F.facts, F.measures, optional(F.rumor), F.contact, F.date],
    // The optional point comes last so that the numbering never has a hole when it vanishes.
    body: `**关于{{title}}的回应口径**

（内部掌握，不对外公开全文）

**一、回应口径**

1. {{time}}，{{place}}发生{{title}}。事件发生后，{{unit}}高度重视，第一时间组织力量开展处置。
2. 经初步核实，{{facts}}。
3. 目前，{{measures}}。
4. 下一步，我们将依法依规、实事求是做好后续工作，有关情况将通过官方渠道及时发布。
{{#rumor}}5. 对网上流传的“{{rumor}}”等说法，经核实与事实不符，请以官方发布的信息为准。{{/rumor}}

**二、注意事项**

- 统一以本口径对外回应，不作超出口径范围的解读、推测和评论。
- 伤亡人数、事件原因、责任认定等关键信息，以权威部门正式发布为准，不擅自披露未经核实的情况。
- 回应时态度诚恳、语言平实，不使用刺激性、情绪化表述，不与网民争辩。
- 遇有本口径未涵盖的问题，可表示“相关情况正在进一步核实，核实后将及时发布”，并及时报告。
{{#contact}}- 使用口径中遇到问题，请及时联系{{contact}}。{{/contact}}

${SIGNATURE}`,
  },

  press_qa: {
    kind: 'press_qa',
    name: '答记者问',
    description: '新闻发言人就社会关注的问题回答记者提问的文字稿。',
    fields: [F.unit, F.title, F.qa, F.contact, F.date],
    body: `**{{unit}}新闻发言人就{{title}}有关情况答记者问**

近期，{{title}}引发社会关注。{{unit}}新闻发言人就有关情况回答了记者提问。

{{qa}}

{{#contact}}如需进一步了解情况，请通过{{contact}}联系。{{/contact}}

${SIGNATURE}`,
  },
};

export interface QaPair {
  question: string;
  answer?: string;
}

/**
 * The `qa` value of the press Q&A template: 问/答 paragraphs, one blank line
 * apart. A question without an answer yet keeps a visible marker, like a
 * missing field, so it cannot go out unanswered.
 */
export function formatQaPairs(pairs: readonly QaPair[]): string {
  return pairs
    .filter((p) => p.question.trim() !== '')
    .map((p) => {
      const answer = p.answer?.trim() ? p.answer.trim() : marker('答复内容');
      return `**问：**${p.question.trim()}\n\n**答：**${answer}`;
    })
    .join('\n\n');
}
