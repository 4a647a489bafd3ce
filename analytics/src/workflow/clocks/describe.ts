import type { DeadlineStatus } from './clock-status';

export type ClockLocale = 'zh' | 'en';

const MINUTE = 60_000;

/**
 * A duration in the two largest units ("1天3小时", "1小时12分", "45分钟").
 * Rounded down: a duty officer told "1小时12分" must never have less than that.
 */
export function formatDuration(ms: number, locale: ClockLocale): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return locale === 'zh' ? '不到1分钟' : 'under 1 min';
  const totalMin = Math.floor(abs / MINUTE);
  const days = Math.floor(totalMin / 1440);
  const hours = Math.floor((totalMin % 1440) / 60);
  const mins = totalMin % 60;
  if (locale === 'zh') {
    if (days > 0) return `${days}天${hours > 0 ? `${hours}小时` : ''}`;
    if (hours > 0) return `${hours}小时${mins > 0 ? `${mins}分` : ''}`;
    return `${mins}分钟`;
  }
  if (days > 0) return `${days} d${hours > 0 ? ` ${hours} h` : ''}`;
  if (hours > 0) return `${hours} h${mins > 0 ? ` ${mins} min` : ''}`;
  return `${mins} min`;
}

/** One line for a notice or the incident page: "发布权威信息 还剩 1小时12分", "发布权威信息 超时 2小时". */
export function describeDeadline(status: DeadlineStatus, locale: ClockLocale): string {
  if (locale === 'zh') {
    const label = status.label;
    switch (status.state) {
      case 'pending':
      case 'warning':
        return `${label} 还剩 ${formatDuration(status.remainingMs, 'zh')}`;
      case 'breached':
        return `${label} 超时 ${formatDuration(status.remainingMs, 'zh')}`;
      case 'met':
        return `${label} 已按时完成`;
      case 'met_late':
        return `${label} 已完成（超时 ${formatDuration(status.remainingMs, 'zh')}）`;
    }
  }
  const label = status.labelEn ?? status.label;
  switch (status.state) {
    case 'pending':
    case 'warning':
      return `${label}: ${formatDuration(status.remainingMs, 'en')} left`;
    case 'breached':
      return `${label}: overdue by ${formatDuration(status.remainingMs, 'en')}`;
    case 'met':
      return `${label}: done on time`;
    case 'met_late':
      return `${label}: done ${formatDuration(status.remainingMs, 'en')} late`;
  }
}
