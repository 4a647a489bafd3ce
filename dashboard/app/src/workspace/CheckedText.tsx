import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { findingGroup, highlightSegments, segmentGroup, type FindingGroup } from './highlight';
import type { CheckFinding } from './types';

const GROUP_ICON: Record<FindingGroup, string> = { personal: '⚠', wording: '✎', missing: '∅' };

export function useGroupLabel(): (g: FindingGroup) => string {
  const { t } = useI18n();
  return (g) => ({ personal: t('个人信息', 'Personal data'), wording: t('措辞', 'Wording'), missing: t('缺少要素', 'Missing elements') })[g];
}

/**
 * The checked text, read-only, with each finding's span marked. Built from
 * the offsets as React text pieces, never as HTML: the text is the user's.
 * Each mark names its finding (title and a numbered badge), so the marking
 * does not rest on colour alone.
 */
export function HighlightedText({ text, findings, label }: { text: string; findings: readonly CheckFinding[]; label?: string }) {
  const { t } = useI18n();
  const groupLabel = useGroupLabel();
  const segments = useMemo(() => highlightSegments(text, findings), [text, findings]);
  return (
    <div className="checked-text" aria-label={label ?? t('检查结果标注', 'Text with check findings marked')} role="region">
      {segments.map((s) => {
        if (!s.findings.length) return <span key={s.start}>{s.text}</span>;
        const group = segmentGroup(s, findings)!;
        const messages = s.findings.map((i) => findings[i]!.message).join('；');
        return (
          <mark key={s.start} className={`finding-mark finding-${group}`} data-group={group} data-findings={s.findings.map((i) => i + 1).join(',')} title={`${groupLabel(group)}：${messages}`}>
            {s.text}
            <sup className="finding-ref" aria-hidden="true">
              {s.findings.map((i) => i + 1).join(',')}
            </sup>
          </mark>
        );
      })}
    </div>
  );
}

/** The findings as a numbered list (numbers match the marks in the text), grouped by kind, errors first within each. */
export function FindingsList({ findings, onJump }: { findings: readonly CheckFinding[]; onJump?: (f: CheckFinding) => void }) {
  const { t } = useI18n();
  const groupLabel = useGroupLabel();
  if (!findings.length) {
    return (
      <p className="findings-none" role="status">
        ✓ {t('未发现问题', 'No findings')}
      </p>
    );
  }
  const groups: FindingGroup[] = ['personal', 'wording', 'missing'];
  return (
    <div className="findings">
      {groups.map((g) => {
        const items = findings.map((f, i) => ({ f, i })).filter(({ f }) => findingGroup(f) === g);
        if (!items.length) return null;
        return (
          <section key={g} className={`findings-group findings-${g}`} aria-label={groupLabel(g)}>
            <h4>
              <span aria-hidden="true">{GROUP_ICON[g]}</span> {groupLabel(g)} ({items.length})
            </h4>
            <ol>
              {items.map(({ f, i }) => (
                <li key={i} className={`finding finding-sev-${f.severity}`} data-check={f.check}>
                  <span className="finding-num">{i + 1}</span>
                  <span className={`finding-sev sev-tag-${f.severity}`}>{f.severity === 'error' ? t('错误', 'error') : t('提示', 'warning')}</span>
                  <span className="finding-msg">{f.message}</span>
                  {f.match && <code className="finding-match">{f.match}</code>}
                  {f.suggestion && (
                    <span className="finding-sugg">
                      → {f.suggestion}
                    </span>
                  )}
                  {onJump && f.start !== undefined && (
                    <button type="button" className="link-button" onClick={() => onJump(f)}>
                      {t('定位', 'Show')}
                    </button>
                  )}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
