// The finding's shape is part of the API contract (the browser shows it): it lives in shared.
import type { CheckSeverity } from '@fenghuo/shared';
export type { CheckFinding, CheckId, CheckSeverity } from '@fenghuo/shared';

export interface TermMistake {
  wrong: string;
  right: string;
  note?: string;
  /** Defaults to 'warning'. */
  severity?: CheckSeverity;
  /** Longer words that contain `wrong` and are correct (既使用 is not a misspelt 即使). */
  except?: string[];
}

export interface CheckLexicon {
  forbidden: string[];
  sensitive: string[];
  termMistakes: TermMistake[];
  /** Why a forbidden or sensitive term needs care, by term; shown in the finding's message. */
  notes?: Record<string, string>;
}

export type Platform = 'weibo' | 'wechat' | 'douyin' | 'toutiao' | 'news' | 'website' | 'message_board' | 'press_conference';

export interface RequiredElements {
  time?: boolean;
  place?: string | boolean;
  unit?: string | boolean;
  contact?: boolean;
}

export interface CheckContext {
  platform?: Platform;
  /**
   * Incident fields a statement must mention (required elements); when a
   * value is given, the text must contain it or a recognisable equivalent.
   */
  required?: RequiredElements;
  /** Merged with (added to) the built-in defaults. */
  lexicon?: Partial<CheckLexicon>;
  /** Overrides per platform; Infinity removes a platform's limit. */
  lengthLimits?: Partial<Record<string, number>>;
  /**
   * Names of public officials / units that may appear with their address
   * (addresses of organisations are fine): a household-level address next
   * to one of these names is not reported.
   */
  publicNames?: string[];
}
