import { useMemo } from 'react';
import { area, stack } from 'd3-shape';
import { formatClock, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { deadlineMark, deadlineX, markerX, stackRows, type StackRow, type TimelineDeadline, type TimelineMarker, type VolumePoint } from './accessors';
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
 * The incident on one time axis: the volume of its linked events per minute,
 * stacked by platform; above it the first mention, the detection and each
 * response action; the statutory deadlines as dashed lines with their state
 * in an icon and words; and a line for now.
 */
export function IncidentTimeline({ volume, markers, deadlines, now, width = 1100, height = 300, scales }: IncidentTimelineProps) {
  const { t, lang } = useI18n();
  const { rows, platforms, maxTotal } = useMemo(() => stackRows(volume), [volume]);
  const domain = useMemo(() => timelineDomain(rows, markers, deadlines, now), [rows, markers, deadlines, now]);
  const s = useMemo(() => scales ?? timelineScales(domain, maxTotal, width, height), [scales, domain, maxTotal, width, height]);
  const [x0, x1] = s.x.domain() as [number, number];
  const layers = useMemo(() => {
    if (!rows.length) return [];
    const series = stack<StackRow>().keys(platforms)(rows);
    // A minute's count is drawn over that minute, so the curve steps rather than slopes into the void.
    const shape = area<{ 0: number; 1: number; data: StackRow }>()
      .x((d) => s.x(d.data.t))
      .y0((d) => s.y(d[0]))
      .y1((d) => s.y(d[1]));
    return series.map((layer, i) => ({ platform: platforms[i]!, d: shape(layer as unknown as { 0: number; 1: number; data: StackRow }[]) ?? '' }));
  }, [rows, platforms, s]);
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
          <text x={left - 6} y={top - 6} textAnchor="end" className="tl-unit">
            {t('条/分', '/min')}
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
          {beyond.map((d, i) => {
            const mark = deadlineMark(d);
            return (
              <text key={d.key} className={`tl-beyond tl-deadline-${mark.tone}`} x={right} y={bottom - 8 - i * 15} textAnchor="end" data-key={d.key}>
                {`${mark.icon} ${d.label} ${t('截止', 'due')} ${formatDateTime(d.due_at)} →`}
              </text>
            );
          })}
        </g>
        <g className="tl-markers">
          {markers
            .filter((m) => markerX(m) >= x0 && markerX(m) <= x1)
            .map((m, i) => {
              const x = s.x(markerX(m));
              const y = 14 + (i % LANES) * 16;
              return (
                <g key={`${m.kind}-${m.at}-${i}`} className={`tl-marker tl-marker-${m.kind}`} data-kind={m.kind}>
                  <line x1={x} x2={x} y1={y + 4} y2={bottom} />
                  <text x={x + 3} y={y}>
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
      {platforms.length > 0 && (
        <figcaption className="tl-legend">
          {platforms.map((p, i) => (
            <span key={p} className="tl-legend-item">
              <span className="tl-swatch" style={{ background: PALETTE[i % PALETTE.length] }} aria-hidden="true" />
              {platformName(p)}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
