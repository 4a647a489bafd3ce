import { useMemo } from 'react';
import { arc } from 'd3-shape';
import type { DeadlineView } from '@fenghuo/shared/workflow';
import { formatDuration } from '../../format';
import { useI18n } from '../../i18n';
import { remainingShare, ringTone } from './accessors';
import { angleScale } from './scales';

export interface CountdownRingProps {
  deadline: Pick<DeadlineView, 'label' | 'start_at' | 'due_at' | 'warn_at' | 'state'>;
  now: number;
  size?: number;
}

const ICON = { ok: '', warn: '!', breach: '✕', done: '✓' } as const;

/**
 * A deadline as a ring that empties as time passes, with the time left (or
 * overdue) in the middle; the tone is also an icon and a word, not colour
 * alone.
 */
export function CountdownRing({ deadline, now, size = 96 }: CountdownRingProps) {
  const { t, lang } = useI18n();
  const tone = ringTone(deadline, now);
  const share = remainingShare(deadline, now);
  const r = size / 2;
  const paths = useMemo(() => {
    const a = arc<{ startAngle: number; endAngle: number }>().innerRadius(r * 0.78).outerRadius(r);
    return { track: a({ startAngle: 0, endAngle: 2 * Math.PI }) ?? '', left: a({ startAngle: 0, endAngle: angleScale(share) }) ?? '' };
  }, [r, share]);
  const left = deadline.due_at - now;
  const text = tone === 'done' ? t('已完成', 'met') : left >= 0 ? formatDuration(left, lang) : `${t('超时', 'late')} ${formatDuration(-left, lang)}`;
  const word = { ok: t('计时中', 'running'), warn: t('临近', 'due soon'), breach: t('已超时', 'breached'), done: t('已完成', 'met') }[tone];
  return (
    <figure className={`ring ring-${tone}`} data-tone={tone} aria-label={`${deadline.label}: ${word}, ${text}`}>
      <svg width={size} height={size} viewBox={`${-r} ${-r} ${size} ${size}`} aria-hidden="true">
        <path className="ring-track" d={paths.track} />
        <path className="ring-left" d={paths.left} />
        <text className="ring-icon" y={-r * 0.12} textAnchor="middle">
          {ICON[tone]}
        </text>
      </svg>
      <figcaption>
        <span className="ring-time">{text}</span>
        <span className="ring-label">{deadline.label}</span>
      </figcaption>
    </figure>
  );
}
