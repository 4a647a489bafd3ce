import { useEffect, useId, useState, type FormEvent } from 'react';
import type { EventsResponse } from '@fenghuo/shared/api';
import { qs } from '../api';
import { KbBadge, RumorBadge } from '../analyst/badges';
import { DEFAULT_FILTERS, filtersFromQuery, filtersToApi, filtersToQuery, risingRatio, SENTIMENTS, type EventFilters, type RangePreset, type Sort } from '../analyst/event-filters';
import { PLATFORM_KEYS, platformLabel, sentimentLabel } from '../analyst/labels';
import { useLoad } from '../analyst/useLoad';
import { formatCount, formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import './analyst.css';

const LIMIT = 100;

/**
 * The events explorer: a filter form whose values live in the URL (a
 * filtered list is a link to share), and the matching events ranked.
 */
export default function EventsPage(_props: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const search = query.toString();
  const applied = filtersFromQuery(query);
  const { data, error, loading, reload } = useLoad<EventsResponse>(`/api/v1/events${qs(filtersToApi(applied, LIMIT))}`);
  const [form, setForm] = useState<EventFilters>(applied);
  // Back/forward or a pasted link changes the URL: the form follows it.
  useEffect(() => setForm(filtersFromQuery(new URLSearchParams(search))), [search]);

  const set = <K extends keyof EventFilters>(k: K, v: EventFilters[K]) => setForm((f) => ({ ...f, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/events${filtersToQuery(form)}`);
  };
  const reset = () => navigate('/events');
  const ids = useId();
  const ranges: [RangePreset, string][] = [
    ['1h', t('1小时', '1 h')],
    ['6h', t('6小时', '6 h')],
    ['24h', t('24小时', '24 h')],
    ['7d', t('7天', '7 days')],
    ['custom', t('自定义', 'Custom')],
  ];
  const sorts: [Sort, string][] = [
    ['rising', t('上升最快', 'Rising fastest')],
    ['volume', t('声量最大', 'Largest')],
    ['rumor', t('谣言可能性', 'Rumor score')],
    ['recent', t('最近活跃', 'Most recent')],
  ];

  return (
    <div className="analyst events-page">
      <h1>{t('事件', 'Events')}</h1>
      <form className="filters" onSubmit={submit} aria-label={t('筛选事件', 'Filter events')} role="search">
        <fieldset className="range-presets">
          <legend>{t('时间范围', 'Time range')}</legend>
          {ranges.map(([r, label]) => (
            <label key={r} className={`chip${form.range === r ? ' chip-on' : ''}`}>
              <input type="radio" name="range" value={r} checked={form.range === r} onChange={() => set('range', r)} />
              {label}
            </label>
          ))}
          {form.range === 'custom' && (
            <span className="custom-range">
              <label>
                {t('从', 'From')}
                <input type="datetime-local" value={form.from} onChange={(e) => set('from', e.target.value)} required />
              </label>
              <label>
                {t('到', 'To')}
                <input type="datetime-local" value={form.to} onChange={(e) => set('to', e.target.value)} />
              </label>
            </span>
          )}
        </fieldset>
        <div className="filter-row">
          <label>
            {t('关键词', 'Keyword')}
            <input type="search" name="keyword" value={form.keyword} onChange={(e) => set('keyword', e.target.value)} placeholder={t('标题或关键词', 'In title or keywords')} maxLength={100} />
          </label>
          <label>
            {t('平台', 'Platform')}
            <select value={form.platform} onChange={(e) => set('platform', e.target.value)}>
              <option value="">{t('全部', 'All')}</option>
              {PLATFORM_KEYS.map((p) => (
                <option key={p} value={p}>
                  {platformLabel(p, lang)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('省份', 'Province')}
            <input list={`${ids}-provinces`} value={form.province} onChange={(e) => set('province', e.target.value)} placeholder={t('如 湖北', 'e.g. 湖北')} maxLength={50} />
            <datalist id={`${ids}-provinces`}>
              {[...new Set((data?.events ?? []).flatMap((e) => Object.keys(e.provinces)))].sort().map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
          </label>
          <label>
            {t('主要情感', 'Mostly')}
            <select value={form.sentiment} onChange={(e) => set('sentiment', e.target.value)}>
              <option value="">{t('不限', 'Any')}</option>
              {SENTIMENTS.map((s) => (
                <option key={s} value={s}>
                  {sentimentLabel(s, lang)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('谣言分不低于', 'Rumor score at least')}
            <input type="number" min={0} max={1} step={0.05} value={form.minRumor} onChange={(e) => set('minRumor', e.target.value)} className="narrow" />
          </label>
          <label>
            {t('排序', 'Sort')}
            <select value={form.sort} onChange={(e) => set('sort', e.target.value as Sort)}>
              {sorts.map(([s, label]) => (
                <option key={s} value={s}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('筛选', 'Apply')}
          </button>
          <button type="button" className="secondary" onClick={reset} disabled={filtersToQuery(applied) === filtersToQuery(DEFAULT_FILTERS)}>
            {t('清除筛选', 'Clear filters')}
          </button>
        </div>
      </form>

      <div aria-live="polite" className="result-status">
        {error ? (
          <p className="form-error" role="alert">
            {t('加载失败：', 'Could not load: ')}
            {error}
          </p>
        ) : loading && !data ? (
          <p className="muted">{t('加载中…', 'Loading…')}</p>
        ) : data ? (
          <p className="muted">
            {t(`${data.events.length} 个事件`, `${data.events.length} events`)} · {formatDateTime(data.from)} – {formatDateTime(data.to)}
            {loading ? ` · ${t('更新中…', 'updating…')}` : ''}{' '}
            <button type="button" className="link-button" onClick={reload} disabled={loading}>
              {t('刷新', 'Refresh')}
            </button>
          </p>
        ) : null}
      </div>

      {data && data.events.length > 0 && (
        <table className="events-table">
          <caption className="visually-hidden">{t('事件列表', 'Events')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('事件', 'Event')}</th>
              <th scope="col" className="num">{t('规模', 'Size')}</th>
              <th scope="col" className="num">{t('近5分钟 / 预期', 'Last 5 min / expected')}</th>
              <th scope="col">{t('谣言分', 'Rumor')}</th>
              <th scope="col">{t('辟谣库', 'KB')}</th>
              <th scope="col">{t('平台', 'Platforms')}</th>
              <th scope="col">{t('首次 / 最近', 'First / last seen')}</th>
            </tr>
          </thead>
          <tbody>
            {data.events.map((e) => {
              const ratio = risingRatio(e);
              return (
                <tr key={e.id}>
                  <td className="event-title-cell">
                    <Link to={`/events/${encodeURIComponent(e.id)}`}>{e.title}</Link>
                    {e.keywords.length > 0 && <div className="keywords-line">{e.keywords.slice(0, 5).join(' · ')}</div>}
                  </td>
                  <td className="num">{formatCount(e.size, lang)}</td>
                  <td className="num">
                    {e.recent} / {e.expected}
                    {ratio >= 3 && <span className="rising-tag">{t(` ↑${ratio.toFixed(1)}倍`, ` ↑×${ratio.toFixed(1)}`)}</span>}
                  </td>
                  <td>
                    <RumorBadge score={e.rumor_score} />
                  </td>
                  <td>
                    <KbBadge match={e.kb_match} />
                  </td>
                  <td className="platforms-cell">
                    {Object.entries(e.platforms)
                      .sort((a, b) => b[1] - a[1])
                      .map(([p, n]) => `${platformLabel(p, lang)} ${n}`)
                      .join('，')}
                  </td>
                  <td className="times-cell">
                    <time dateTime={new Date(e.first_seen).toISOString()}>{formatDateTime(e.first_seen)}</time>
                    <br />
                    <time dateTime={new Date(e.last_seen).toISOString()}>{formatDateTime(e.last_seen)}</time>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {data && data.events.length === 0 && !loading && <p className="empty">{t('没有符合条件的事件', 'No events match these filters')}</p>}
      {data && data.events.length >= LIMIT && (
        <p className="muted small">{t(`只显示前 ${LIMIT} 个；请缩小范围或加筛选条件`, `Showing the first ${LIMIT}; narrow the range or add filters`)}</p>
      )}
    </div>
  );
}
