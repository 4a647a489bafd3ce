import { describe, expect, it } from 'vitest';
// Tests may read the demo corpus by path; production code in analytics never imports ingest.
import { backgroundTemplates } from '../../../ingest/src/sources/demo/corpus/background';
import { incidentHashtags, incidentPhases, officialIncidentStatements } from '../../../ingest/src/sources/demo/corpus/incident';
import { believingReplies, officialRebuttals, rumorHashtags, rumorTemplates, skepticalReplies } from '../../../ingest/src/sources/demo/corpus/rumor';
import { demoClaimInputs, demoClaims } from './demo-claims';
import { eventKeywords } from './evaluate';
import { createKbMatcher } from './matcher';

/** The demo city rotates: fill the templates for a few of its cities. */
const CITIES = [
  { city: '宜昌', district: '西陵区' },
  { city: '南通', district: '崇川区' },
  { city: '绵阳', district: '涪城区' },
];
const SLOTS: Record<string, string> = {
  park: '临港化工园区',
  company: '恒拓化工有限公司',
  community: '幸福里',
  hospital: '市第一人民医院',
  nickname: '江边的小鱼',
  num: '12',
  num2: '340',
  time: '14时20分',
  date: '11月26日',
  road: '解放路',
  landmark: '滨江公园',
  food: '热干面',
  brand: '老字号',
  school: '实验小学',
  weather: '小雨',
  emoji: '😨',
  province: '湖北',
};

function filler(place: { city: string; district: string }, hashtags: readonly string[]) {
  let n = 0;
  const fill = (text: string): string =>
    text.replace(/\{(\w+)\}/g, (whole, key: string) => {
      if (key === 'city') return place.city;
      if (key === 'district') return place.district;
      if (key === 'hashtag') return hashtags.length ? fill(hashtags[n++ % hashtags.length]!) : '';
      return SLOTS[key] ?? whole;
    });
  return fill;
}

const withTitle = (t: { title?: string; text: string }) => (t.title ? `${t.title}\n${t.text}` : t.text);

/** Events as the engine hands them over: a representative text and the next mentions (six texts). */
function windows(texts: readonly string[], size = 6): string[][] {
  return texts.map((_, i) => Array.from({ length: Math.min(size, texts.length) }, (_, k) => texts[(i + k) % texts.length]!));
}

const matcher = createKbMatcher(demoClaims());
const matchOf = (texts: string[]) => matcher.match(texts, eventKeywords(texts));
const demoIds = new Set(demoClaimInputs.map((c) => c.id));

describe('demo KB entries', () => {
  it('are valid claims that name no city', () => {
    const claims = demoClaims();
    expect(claims.map((c) => c.id)).toEqual(['demo-tap-water-contaminated', 'demo-water-cut']);
    for (const c of claims) for (const { city } of CITIES) expect(`${c.claim}${c.rebuttal}`).not.toContain(city);
  });

  describe.each(CITIES)('in $city', (place) => {
    const rumor = rumorTemplates.map((t) => filler(place, rumorHashtags)(withTitle(t)));
    const replies = [...skepticalReplies, ...believingReplies].map((t) => filler(place, rumorHashtags)(t.text));
    const background = backgroundTemplates.map((t) => filler(place, [])(withTitle(t)));
    const incident = incidentPhases.flatMap((p) => p.templates).map((t) => filler(place, incidentHashtags)(withTitle(t)));
    const statements = officialIncidentStatements.map((t) => filler(place, [])(withTitle(t)));

    it('every rumor event matches a demo claim (six rumor posts, or three with three replies)', () => {
      for (const texts of windows(rumor)) expect(demoIds.has(matchOf(texts)?.claim_id ?? ''), texts.join(' / ')).toBe(true);
      rumor.forEach((r, i) => {
        const texts = [r, rumor[(i + 1) % rumor.length]!, rumor[(i + 2) % rumor.length]!, replies[i % replies.length]!, replies[(i + 7) % replies.length]!, replies[(i + 13) % replies.length]!];
        expect(demoIds.has(matchOf(texts)?.claim_id ?? ''), texts.join(' / ')).toBe(true);
      });
    });

    it('many single rumor posts match on their own', () => {
      // One post carries only a piece of the claim (此水还能喝? / 水厂的人都不喝): events, not posts, are what must match.
      const alone = rumor.filter((t) => matchOf([t]) !== undefined).length;
      expect(alone / rumor.length).toBeGreaterThanOrEqual(0.35);
    });

    it('the official rebuttals of the rumor, passed on, match a demo claim', () => {
      const rebuttals = officialRebuttals.map((t) => filler(place, [])(withTitle(t)));
      const matched = rebuttals.filter((t) => demoIds.has(matchOf([t])?.claim_id ?? '')).length;
      // The environment bureau's report restates the rumor only in passing (化学品流入水源地); the other three name it.
      expect(matched).toBeGreaterThanOrEqual(3);
    });

    it('no background post, or event of background posts, matches', () => {
      for (const t of background) expect(matchOf([t]), t).toBeUndefined();
      for (const texts of windows(background)) expect(matchOf(texts), texts.join(' / ')).toBeUndefined();
    });

    it('no incident post or official statement, or event of them, matches', () => {
      for (const t of [...incident, ...statements]) expect(matchOf([t]), t).toBeUndefined();
      for (const texts of windows(incident)) expect(matchOf(texts), texts.join(' / ')).toBeUndefined();
      for (const texts of windows(statements, 3)) expect(matchOf(texts), texts.join(' / ')).toBeUndefined();
    });
  });
});
