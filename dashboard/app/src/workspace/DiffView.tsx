import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { diffCounts, sideBySide } from './diff-rows';
import type { DiffLine } from './types';

function LineText({ line, side }: { line: DiffLine; side: 'left' | 'right' }) {
  if (line.op === 'same' || !line.chars) return <>{line.text || '\u00a0'}</>;
  // The server gives each side its own pieces: a deleted line holds same/del, an added one same/add.
  return (
    <>
      {line.chars.map((c, i) =>
        c.op === 'same' ? (
          <span key={i}>{c.text}</span>
        ) : side === 'left' ? (
          <del key={i} className="diff-char-del">
            {c.text}
          </del>
        ) : (
          <ins key={i} className="diff-char-add">
            {c.text}
          </ins>
        ),
      )}
    </>
  );
}

/**
 * Two versions side by side: the old text on the left, the new on the right,
 * changed lines marked with − / + and, inside an edited line, the characters
 * that changed struck through or underlined (not by colour alone).
 */
export function DiffView({ lines, fromLabel, toLabel }: { lines: readonly DiffLine[]; fromLabel: string; toLabel: string }) {
  const { t } = useI18n();
  const rows = useMemo(() => sideBySide(lines), [lines]);
  const counts = useMemo(() => diffCounts(lines), [lines]);
  return (
    <div className="diff">
      <p className="diff-summary" role="status">
        {counts.added || counts.removed
          ? t(`新增 ${counts.added} 行，删除 ${counts.removed} 行`, `${counts.added} line(s) added, ${counts.removed} removed`)
          : t('两个版本文字相同', 'The two versions have the same text')}
      </p>
      <table className="diff-table">
        <thead>
          <tr>
            <th colSpan={2} scope="col">
              {fromLabel}
            </th>
            <th colSpan={2} scope="col">
              {toLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={r.left?.op === 'same' ? 'diff-same' : 'diff-change'}>
              <td className="diff-num">{r.left?.oldLine ?? ''}</td>
              <td className={`diff-cell ${r.left ? `diff-${r.left.op}` : 'diff-empty'}`} data-side="left">
                {r.left && r.left.op === 'del' && (
                  <span className="diff-sign" aria-label={t('删除', 'removed')}>
                    −
                  </span>
                )}
                {r.left && <LineText line={r.left} side="left" />}
              </td>
              <td className="diff-num">{r.right?.newLine ?? ''}</td>
              <td className={`diff-cell ${r.right ? `diff-${r.right.op}` : 'diff-empty'}`} data-side="right">
                {r.right && r.right.op === 'add' && (
                  <span className="diff-sign" aria-label={t('新增', 'added')}>
                    +
                  </span>
                )}
                {r.right && <LineText line={r.right} side="right" />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
