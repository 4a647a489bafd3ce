/**
 * Knowledge-base entries for the demo stream's rumor: after the chemical
 * plant explosion, the tap water is said to be poisoned (see the demo corpus
 * in ingest, rumor.ts). The demo city rotates, so the claims name no city;
 * place names weigh little in matching anyway. Written for the project; the
 * claims are fictional and false, the source and URL invented.
 */
import { debunkClaimInputSchema, type DebunkClaim, type DebunkClaimInput } from '@fenghuo/shared';

export const demoClaimInputs: readonly (DebunkClaimInput & { id: string })[] = [
  {
    id: 'demo-tap-water-contaminated',
    claim: '化工厂爆炸后自来水被污染了，有毒不能喝，烧开也没用',
    rebuttal:
      '网传“爆炸后自来水被污染、有毒不能喝”系谣言。市水务集团在事故发生后即启动供水安全应急预案，对水源地、水厂出厂水和管网末梢水逐日加密检测，检测结果全部符合《生活饮用水卫生标准》，全市供水水质安全，市民可放心饮用。请以水务集团和政府部门发布的信息为准，不信谣、不传谣。',
    source: '市水务集团',
    date: '2025-11-26',
    url: 'https://www.water-group.example.invalid/notice/tap-water-safe.html',
    keywords: ['自来水', '污染', '水厂', '不能喝', '别喝'],
  },
  {
    id: 'demo-water-cut',
    claim: '化工事故后水厂关闭了取水口，全城马上要停水，赶紧接水囤水',
    rebuttal:
      '网传“全城即将停水”“水厂已关闭取水口”均为谣言。目前全市各水厂运行正常，未发布任何停水通知，供水稳定。请市民理性购水，不必囤水；停水信息以供水企业的官方通知为准。',
    source: '市人民政府新闻办公室',
    date: '2025-11-26',
    url: 'https://www.city-gov.example.invalid/xwfb/water-rumors.html',
    keywords: ['停水', '囤水', '储水', '取水口', '供水'],
  },
];

/** The demo entries as stored claims (validated, with fixed ids). */
export function demoClaims(): DebunkClaim[] {
  return demoClaimInputs.map(({ id, ...input }) => ({ ...debunkClaimInputSchema.parse(input), id, updated_at: 0 }));
}
