import { useMemo } from 'react';
import { formatContribution, type SignalBar } from './accessors';
import { signalScales, type SignalScales } from './scales';

export interface SignalBarsProps {
  bars: readonly SignalBar[];
  /** Display name of a signal. */
  signalLabel?: (signal: string) => string;
  width?: number;
  rowHeight?: number;
  scales?: SignalScales;
  label: string;
}

/**
 * What pushed a rumor score up (bars right of the centre line, "+") or down
 * (left, "−"), one row per signal with its name and number beside the bar.
 */
export function SignalBars({ bars, signalLabel = (s) => s, width = 260, rowHeight = 26, scales, label }: SignalBarsProps) {
  const s = useMemo(() => scales ?? signalScales(bars, width, rowHeight), [scales, bars, width, rowHeight]);
  const zero = s.x(0);
  return (
    <table className="signal-bars" aria-label={label}>
      <tbody>
        {bars.map((b) => {
          const x = s.x(b.contribution);
          const up = b.contribution >= 0;
          return (
            <tr key={b.signal} data-signal={b.signal} className={up ? 'towards' : 'against'}>
              <th scope="row">{signalLabel(b.signal)}</th>
              <td className="signal-bar-cell">
                <svg width={width} height={s.y.bandwidth()} viewBox={`0 0 ${width} ${s.y.bandwidth()}`} aria-hidden="true">
                  <line x1={zero} x2={zero} y1={0} y2={s.y.bandwidth()} className="zero" />
                  <rect x={Math.min(x, zero)} width={Math.abs(x - zero)} y={0} height={s.y.bandwidth()} className={up ? 'bar-towards' : 'bar-against'} />
                </svg>
              </td>
              <td className="num">{formatContribution(b.contribution)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
