import type { Cascade } from '../eval/datasets';
import { extractSignals, type RumorSignals, type SignalName } from './signals';

/** A rumor score with the reasons behind it. */
export interface RumorScore {
  /** Probability-like score in 0..1 that the cascade is a rumor. */
  score: number;
  label: 'rumor' | 'non-rumor';
  /** What pushed the score, largest |contribution| first (log-odds units; positive = towards rumor). */
  contributions: { signal: string; value: number; contribution: number }[];
}

export type RumorScorer = (c: Cascade, windowMs?: number) => RumorScore;

/**
 * One hand-set term: `weight × f(value)`. Unknown values (null) contribute
 * nothing. The weights were set by reasoning about how rumors and news are
 * written and received, in log-odds units ("this is worth about +0.8"), and
 * were NOT fitted on any data.
 */
interface Term {
  signal: SignalName;
  weight: number;
  /** Transform of the raw value (default: identity); return null to skip. */
  f?: (v: number, s: RumorSignals) => number | null;
  why: string;
}

const cap = (k: number) => (v: number) => Math.min(v, k);
/** A share that only counts once there are enough reactions to trust it (shrunk towards 0 with few reactions). */
const trustedShare = (prior: number) => (v: number, s: RumorSignals) => (v * s.reactions) / (s.reactions + prior);

const TERMS: readonly Term[] = [
  // Wording of the post.
  { signal: 'hearsay_cues', weight: 0.8, f: cap(3), why: 'claims resting on "someone said" are the core of rumors' },
  { signal: 'urgency_cues', weight: 0.6, f: cap(3), why: 'begging to spread and urgency bypass checking' },
  { signal: 'sensational_cues', weight: 0.3, f: cap(3), why: 'alarm words are common in rumors, but news uses them too' },
  { signal: 'official_source_cues', weight: -0.4, f: cap(3), why: 'a named official or press source can be checked' },
  { signal: 'post_debunk_cues', weight: -0.9, f: cap(2), why: 'a post that refutes a claim is usually a correction, not the rumor' },
  { signal: 'no_official_source', weight: 0.5, why: 'neither an official author nor an official source' },
  // Form.
  { signal: 'headline', weight: -0.6, why: 'a 【headline】 is the house style of news accounts' },
  { signal: 'exclamations', weight: 0.15, f: cap(5), why: 'many exclamation marks: emotional, urgent writing' },
  { signal: 'links', weight: -0.3, why: 'a link usually points at a source' },
  // Author.
  { signal: 'author_official', weight: -1.2, why: 'government, media and institutional accounts are accountable for what they post' },
  { signal: 'author_verified', weight: -0.4, why: 'verified accounts have an identity at stake' },
  { signal: 'author_log_followers', weight: -0.15, f: (v) => Math.max(-2, Math.min(3, v - 3.5)), why: 'large audiences raise the cost of being wrong (centred at ~3,000 followers)' },
  { signal: 'author_account_age_days', weight: 0.4, f: (v) => (v < 90 ? 1 : 0), why: 'fresh accounts (under 3 months) are often throw-aways' },
  { signal: 'author_has_description', weight: -0.2, why: 'a described profile is a little more accountable' },
  { signal: 'author_vague_location', weight: 0.2, why: 'an unplaceable profile ("其他", "海外")' },
  // Reactions.
  { signal: 'debunk_share', weight: 8, f: trustedShare(10), why: 'readers calling it false or already refuted (5% of replies ≈ +0.4)' },
  { signal: 'skeptical_share', weight: 4, f: trustedShare(10), why: 'readers doubting it and asking for a source' },
  { signal: 'believing_share', weight: 0.5, f: trustedShare(10), why: 'alarmed, amplifying replies: taken at face value (true news gets them too)' },
  { signal: 'reaction_mention_share', weight: 0.8, f: trustedShare(10), why: 'readers @-tagging friends to warn them: person-to-person spread' },
  { signal: 'reactor_new_share', weight: 1.5, f: (v, s) => (s.reactions >= 10 ? v - 0.1 : null), why: 'new or empty accounts pushing it (above the usual ~10%): a sign of coordinated spreading' },
  { signal: 'reactor_unverified_share', weight: 0.5, f: (v, s) => (s.reactions >= 10 ? v - 0.9 : null), why: 'almost nobody with an identity at stake passes it on' },
  { signal: 'direct_share', weight: -0.4, f: (v, s) => (s.reactions >= 10 ? v - 0.5 : null), why: 'news is rebroadcast from the source; rumors travel along chains' },
];

const BIAS = -0.2;

/**
 * The default, untrained rumor scorer: the logistic of a hand-weighted sum of
 * signals. Works without any training data, on any cascade, and says why.
 */
export function createDefaultRumorScorer(options: { threshold?: number } = {}): RumorScorer {
  const threshold = options.threshold ?? 0.5;
  return (c, windowMs) => {
    const s = extractSignals(c, windowMs);
    let z = BIAS;
    const contributions: RumorScore['contributions'] = [];
    for (const t of TERMS) {
      const v = s[t.signal];
      if (v === null) continue;
      const x = t.f ? t.f(v, s) : v;
      if (x === null || !Number.isFinite(x) || x === 0) continue;
      const contribution = t.weight * x;
      z += contribution;
      contributions.push({ signal: t.signal, value: v, contribution: round(contribution) });
    }
    contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
    const score = 1 / (1 + Math.exp(-z));
    return { score, label: score >= threshold ? 'rumor' : 'non-rumor', contributions };
  };
}

/** The hand-set terms with their reasons (for documentation and UI tooltips). */
export function defaultScorerTerms(): { signal: SignalName; weight: number; why: string }[] {
  return TERMS.map(({ signal, weight, why }) => ({ signal, weight, why }));
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
