/**
 * Statutory response clocks for incidents (国办发〔2016〕61号, 80号): pure
 * deadline arithmetic, working-day deadlines for replies to citizens, and a
 * watcher that sends each warning and breach once through injected ports.
 */
export {
  DEFAULT_CLOCK_POLICIES,
  RELEASE_KINDS,
  SEVERITY_CLASSES,
  UPDATE_KEY,
  UPDATE_LABEL,
  UPDATE_LABEL_EN,
  type ActionKind,
  type ClockPolicy,
  type DeadlineRule,
  type SeverityClass,
} from './policies';
export {
  clockStart,
  clockStatus,
  deadlineOutcome,
  validatePolicy,
  type ClockStatus,
  type DeadlineOutcome,
  type DeadlineState,
  type DeadlineStatus,
  type IncidentClockInput,
  type StartBasis,
} from './clock-status';
export { DEFAULT_TIMEZONE, addDuration, addWorkingDays, hasHolidayCalendar, holidayCalendarYears, isChineseWorkingDay, isoWeekday, localDay, nextLocalDay, startOfLocalDay } from './working-days';
export { describeDeadline, formatDuration, type ClockLocale } from './describe';
export {
  DEFAULT_WATCH_INTERVAL_MS,
  createClockWatcher,
  noticeKey,
  noticesDue,
  type ClockNotice,
  type ClockWatcher,
  type ClockWatcherPorts,
} from './clock-watcher';
