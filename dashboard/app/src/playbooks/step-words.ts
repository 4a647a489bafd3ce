import type { PlaybookStep } from '@fenghuo/shared/playbook';
import type { Lang } from '../i18n';

const DEADLINE_WORDS: Record<string, [string, string]> = {
  release: ['发布权威信息时限', 'the release deadline'],
  press_conference: ['新闻发布会时限', 'the press conference deadline'],
  response: ['回应时限', 'the response deadline'],
};

/** "90 分钟" / "5 小时" / "7 天": minutes in the largest whole unit. */
export function minutesWords(m: number, lang: Lang): string {
  const abs = Math.abs(m);
  const [n, zh, en] = abs % 1440 === 0 && abs >= 1440 ? [abs / 1440, '天', 'd'] : abs % 60 === 0 && abs >= 60 ? [abs / 60, '小时', 'h'] : [abs, '分钟', 'min'];
  return lang === 'zh' ? `${n}${zh}` : `${n} ${en}`;
}

/** When a step is due, in words: "计时起点后30分钟", "发布权威信息时限（无此时限时：起点后5小时）", "结案后7天". */
export function dueWords(step: Pick<PlaybookStep, 'due' | 'repeat_every_minutes'>, lang: Lang): string {
  const zh = lang === 'zh';
  const d = step.due;
  let s: string;
  if (d.from === 'start') s = zh ? `计时起点后${minutesWords(d.minutes, lang)}` : `${minutesWords(d.minutes, lang)} after the clock starts`;
  else if (d.from === 'close') s = zh ? `结案后${minutesWords(d.minutes, lang)}` : `${minutesWords(d.minutes, lang)} after closing`;
  else {
    const name = DEADLINE_WORDS[d.deadline]?.[zh ? 0 : 1] ?? d.deadline;
    const shift = d.minutes === 0 ? '' : zh ? `${d.minutes < 0 ? '前' : '后'}${minutesWords(d.minutes, lang)}` : ` ${d.minutes < 0 ? '−' : '+'} ${minutesWords(d.minutes, lang)}`;
    s = zh ? `${name}${shift}` : `${name}${shift}`;
    if (d.otherwise_minutes !== undefined) s += zh ? `（无此时限时：起点后${minutesWords(d.otherwise_minutes, lang)}）` : ` (without it: ${minutesWords(d.otherwise_minutes, lang)} after the start)`;
  }
  if (step.repeat_every_minutes) s += zh ? `，此后每${minutesWords(step.repeat_every_minutes, lang)}` : `, then every ${minutesWords(step.repeat_every_minutes, lang)}`;
  return s;
}
