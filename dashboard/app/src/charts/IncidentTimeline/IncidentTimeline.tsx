import { useMemo } from 'react';
import { area, curveStepAfter, stack } from 'd3-shape';
import { formatClock, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { deadlineMark, deadlineX, markerX, stackRows, volumeBin, type StackRow, type TimelineDeadline, type TimelineMarker, type VolumePoint } from './accessors';
import { DEFAULT_MARGIN, timeTicks, timelineDomain, timelineScales, type TimelineScales } from './scales';

export interface IncidentTimelineProps {
  volume: readonly VolumePoint[];
  markers: readonly TimelineMarker[];
  deadlines: readonly TimelineDeadline[];
  now: number;
  width?: number;
  height?: number;
  /** Fixed scales (tests). */
  scales?: TimelineScales;
}

/** Platform colours, in the order platforms appear by volume; the legend names each, so colour is never the only key. */
const PALETTE = ['#0b5cad', '#e07b00', '#2a8c55', '#8e44ad', '#c0392b', '#16a2b8', '#6d7b88', '#b8860b'];
const PLATFORM_NAMES: Record<string, [string, string]> = {
  weibo: ['微博', 'Weibo'],
  wechat: ['微信', 'WeChat'],
  douyin: ['抖音', 'Douyin'],
  toutiao: ['头条', 'Toutiao'],
  news: ['新闻', 'News'],
  website: ['网站', 'Websites'],
  message_board: ['留言板', 'Message board'],
  hotline_12345: ['12345', '12345'],
  kuaishou: ['快手', 'Kuaishou'],
  bilibili: ['B站', 'Bilibili'],
  forum: ['论坛', 'Forums'],
};

const MARKER_ICON: Record<TimelineMarker['kind'], string> = { first_mention: '●', detection: '◆', opened: '▶', acknowledged: '☑', action: '★', closed: '■' };
const LANES = 3;

/**
 * The incident on one time axis: the volume of its linked events per minute
 * (per 5 or 15 minutes, or hour, as the story gets longer), stacked by platform; above it the first mention, the detection and each
 * response action; the statutory deadlines as dashed lines with their state
 * in an icon and words; and a line for now.
 */
export function IncidentTimeline({ volume, markers, deadlines, now, width = 1100, height = 260, scales }: IncidentTimelineProps) {
  const { t, lang } = useI18n();
  const bin = useMemo(() => volumeBin(volume), [volume]);
  const { rows, platforms, maxTotal } = useMemo(() => stackRows(volume, bin), [volume, bin]);
  const domain = useMemo(() => timelineDomain(rows, markers, deadlines, now, bin), [rows, markers, deadlines, now, bin]);
  const s = useMemo(() => scales ?? timelineScales(domain, maxTotal, width, height), [scales, domain, maxTotal, width, height]);
  const [x0, x1] = s.x.domain() as [number, number];
  const layers = useMemo(() => {
    if (!rows.length) return [];
    // The last bin gets its width too: a closing copy of it one bin on.
    const last = rows[rows.length - 1]!;
    const series = stack<StackRow>().keys(platforms)([...rows, { ...last, t: last.t + bin }]);
    // A minute's count is drawn over that minute, so the curve steps rather than slopes between minutes.
    const shape = area<{ 0: number; 1: number; data: StackRow }>()
      .curve(curveStepAfter)
      .x((d) => s.x(d.data.t))
      .y0((d) => s.y(d[0]))
      .y1((d) => s.y(d[1]));
    return series.map((layer, i) => ({ platform: platforms[i]!, d: shape(layer as unknown as { 0: number; 1: number; data: StackRow }[]) ?? '' }));
  }, [rows, platforms, s, bin]);
  const ticks = useMemo(() => timeTicks([x0, x1]), [x0, x1]);
  const top = DEFAULT_MARGIN.top;
  const bottom = (s.y.range() as [number, number])[0];
  const left = (s.x.range() as [number, number])[0];
  const right = (s.x.range() as [number, number])[1];
  const inView = deadlines.filter((d) => deadlineX(d) >= x0 && deadlineX(d) <= x1);
  const beyond = deadlines.filter((d) => deadlineX(d) > x1);
  const platformName = (p: string) => (PLATFORM_NAMES[p] ? PLATFORM_NAMES[p]![lang === 'zh' ? 0 : 1] : p);
  const yMax = (s.y.domain() as [number, number])[1];
  const stateWord = (d: TimelineDeadline) =>
    ({ met: t('已按时完成', 'met'), met_late: t('逾期完成', 'met late'), breached: t('已超时', 'breached'), warning: t('临近', 'due soon'), pending: t('计时中', 'running') })[d.state];

  return (
    <figure className="incident-timeline" data-testid="incident-timeline">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={t('事件时间线：声量、发现、处置动作和时限', 'Incident timeline: volume, detection, response actions and deadlines')}>
        <g className="tl-axis">
          <line x1={left} x2={right} y1={bottom} y2={bottom} />
          {ticks.map((tk) => (
            <g key={tk} transform={`translate(${s.x(tk)},${bottom})`}>
              <line y2={5} />
              <text y={18} textAnchor="middle">
                {formatClock(tk)}
              </text>
            </g>
          ))}
          <text x={left - 6} y={s.y(yMax) + 4} textAnchor="end">
            {yMax}
          </text>
          <text x={left - 6} y={bottom} textAnchor="end">
            0
          </text>
          <text transform={`translate(12,${(top + bottom) / 2}) rotate(-90)`} textAnchor="middle" className="tl-unit">
            {bin < 3_600_000 ? t(`条/${bin / 60_000}分`, `per ${bin / 60_000} min`) : t(`条/${bin / 3_600_000}小时`, `per ${bin / 3_600_000} h`)}
          </text>
        </g>
        <g className="tl-volume">
          {layers.map((l, i) => (
            <path key={l.platform} className="tl-layer" data-platform={l.platform} d={l.d} fill={PALETTE[i % PALETTE.length]} />
          ))}
        </g>
        {!rows.length && (
          <text className="tl-empty" x={(left + right) / 2} y={(top + bottom) / 2} textAnchor="middle">
            {t('没有关联事件的声量数据', 'No volume from linked events')}
          </text>
        )}
        <g className="tl-deadlines">
          {inView.map((d, i) => {
            const mark = deadlineMark(d);
            const x = s.x(deadlineX(d));
            const y = top + 14 + (i % LANES) * 15;
            return (
              <g key={d.key} className={`tl-deadline tl-deadline-${mark.tone}`} data-key={d.key} data-state={d.state}>
                <line x1={x} x2={x} y1={top} y2={bottom} strokeDasharray="5 4" />
                <text x={x - 4} y={y} textAnchor="end">
                  {`${mark.icon} ${d.label}（${stateWord(d)}）`}
                </text>
                {d.met_at !== undefined && d.met_at >= x0 && d.met_at <= x1 && <circle className="tl-met" cx={s.x(d.met_at)} cy={bottom} r={4} />}
              </g>
            );
          })}
        </g>
        <g className="tl-markers">
          {markers
            .filter((m) => markerX(m) >= x0 && markerX(m) <= x1)
            .map((m, i) => {
              const x = s.x(markerX(m));
              const y = 14 + (i % LANES) * 16;
              // Near the right edge the label reads leftwards from its line, so it is not cut off.
              const flip = x > right - 140;
              return (
                <g key={`${m.kind}-${m.at}-${i}`} className={`tl-marker tl-marker-${m.kind}`} data-kind={m.kind}>
                  <line x1={x} x2={x} y1={y + 4} y2={bottom} />
                  <text x={flip ? x - 3 : x + 3} y={y} textAnchor={flip ? 'end' : 'start'}>
                    {`${MARKER_ICON[m.kind]} ${m.label} ${formatClock(m.at)}`}
                  </text>
                </g>
              );
            })}
        </g>
        {now >= x0 && now <= x1 && (
          <g className="tl-now">
            <line x1={s.x(now)} x2={s.x(now)} y1={top} y2={bottom} />
            <text x={s.x(now) + 3} y={bottom - 4}>
              {t('现在', 'now')}
            </text>
          </g>
        )}
      </svg>
      {(platforms.length > 0 || beyond.length > 0) && (
        <figcaption className="tl-legend">
          {platforms.map((p, i) => (
            <span key={p} className="tl-legend-item">
              <span className="tl-swatch" style={{ background: PALETTE[i % PALETTE.length] }} aria-hidden="true" />
              {platformName(p)}
            </span>
          ))}
          {beyond.map((d) => {
            const mark = deadlineMark(d);
            return (
              <span key={d.key} className={`tl-beyond tl-deadline-${mark.tone}`} data-key={d.key}>
                {`${mark.icon} ${d.label} ${t('截止', 'due')} ${formatDateTime(d.due_at)} →`}
              </span>
            );
          })}
        </figcaption>
      )}
    </figure>
  );
}
