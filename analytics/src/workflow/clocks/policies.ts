/** 特别重大 重大 较大 一般 (突发事件分级), and 政务舆情 that is not tied to an emergency. */
export type SeverityClass = 'especially_major' | 'major' | 'large' | 'general' | 'public_opinion';

export const SEVERITY_CLASSES: readonly SeverityClass[] = ['especially_major', 'major', 'large', 'general', 'public_opinion'];

/** Published response actions. `reply` is an answer to one person (a comment, a message-board post). */
export type ActionKind = 'statement' | 'rebuttal' | 'press_conference' | 'update' | 'reply';

export interface DeadlineRule {
  /** Stable id; notices are remembered under it, so do not rename it once notices were sent. `update` is reserved. */
  key: string;
  /** Chinese label shown to the duty officer, e.g. "发布权威信息". */
  label: string;
  /** English label for the English UI; describeDeadline falls back to `label`. */
  labelEn?: string;
  withinMs: number;
  satisfiedBy: ActionKind[];
  /** The document the rule comes from, e.g. "国办发〔2016〕80号". */
  basis?: string;
}

export interface ClockPolicy {
  severity: SeverityClass;
  startsAt: 'first_mention' | 'detection';
  deadlines: DeadlineRule[];
  /** Continuing updates while the incident is active (after the first authoritative release): every N ms; 0 = none. */
  updateEveryMs: number;
  /** Warn at this share of each deadline's time (0.8). */
  warnAt: number;
}

/**
 * Actions that put authoritative information in public: they start (and
 * restart) the continuing-update clock. A `reply` to one citizen does not.
 */
export const RELEASE_KINDS: readonly ActionKind[] = ['statement', 'rebuttal', 'press_conference', 'update'];

/** Key of the rolling continuing-update deadline; no policy deadline may use it. */
export const UPDATE_KEY = 'update';
export const UPDATE_LABEL = '持续发布权威信息';
export const UPDATE_LABEL_EN = 'Continue releasing authoritative information';

const HOUR = 3_600_000;
const BASIS_61 = '国办发〔2016〕61号';
const BASIS_80 = '国办发〔2016〕80号';

const RELEASE: DeadlineRule = {
  key: 'release',
  label: '发布权威信息',
  labelEn: 'Release authoritative information',
  withinMs: 5 * HOUR,
  satisfiedBy: [...RELEASE_KINDS],
  basis: BASIS_80,
};

// 24 h appears in both documents; 61号 introduced it, 80号 repeated it next to the 5 h release.
const PRESS_CONFERENCE: DeadlineRule = {
  key: 'press_conference',
  label: '举行新闻发布会',
  labelEn: 'Hold a press conference',
  withinMs: 24 * HOUR,
  satisfiedBy: ['press_conference'],
  basis: `${BASIS_61}、${BASIS_80}`,
};

// 61号: "对其他政务舆情应在48小时内予以回应". A reply to one comment answers a
// person, not the public, so it does not count as the response.
const RESPONSE: DeadlineRule = {
  key: 'response',
  label: '回应舆情',
  labelEn: 'Respond publicly',
  withinMs: 48 * HOUR,
  satisfiedBy: [...RELEASE_KINDS],
  basis: BASIS_61,
};

function policy(severity: SeverityClass, deadlines: DeadlineRule[], updateEveryMs: number): ClockPolicy {
  // Copies, so that a caller editing one default (or its satisfiedBy) does not change the others.
  const own = deadlines.map((d) => ({ ...d, satisfiedBy: [...d.satisfiedBy] }));
  // first_mention: the public has been waiting since the first post, whatever our monitoring saw;
  // it is also the earlier start, so deadlines are never later than the detection-based ones.
  return { severity, startsAt: 'first_mention', deadlines: own, updateEveryMs, warnAt: 0.8 };
}

/**
 * Defaults from the State Council texts. The documents ask for continuing
 * releases "根据工作进展情况" without an interval; 24 h (重大 and above) and
 * 48 h (较大) are our defaults, not statutory numbers.
 */
export const DEFAULT_CLOCK_POLICIES: Readonly<Record<SeverityClass, ClockPolicy>> = {
  especially_major: policy('especially_major', [RELEASE, PRESS_CONFERENCE], 24 * HOUR),
  major: policy('major', [RELEASE, PRESS_CONFERENCE], 24 * HOUR),
  // 5 h / 24 h name only 特别重大 and 重大; 较大 falls under "其他政务舆情" (48 h)
  // but is an emergency still being handled, so it keeps continuing updates.
  large: policy('large', [RESPONSE], 48 * HOUR),
  general: policy('general', [RESPONSE], 0),
  public_opinion: policy('public_opinion', [RESPONSE], 0),
};
