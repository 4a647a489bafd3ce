import { useId, useMemo, useState } from 'react';
import { ACCOUNT_CSV_COLUMNS, type AccountImportResponse } from '@fenghuo/shared/governance';
import type { OfficialAccount, Unit } from '@fenghuo/shared/workflow';
import { postImport } from '../api';
import { ImportResult } from '../analyst/ImportResult';
import { ListTools } from '../analyst/ListTools';
import { useListActions } from '../analyst/useListActions';
import { useLoad } from '../analyst/useLoad';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { AccountForm } from './AccountForm';
import { accountPlatformLabel, accountStatusLabel, levelLabel } from './labels';
import '../pages/analyst.css';
import './governance.css';

export const ACCOUNTS_IMPORT_PATH = '/api/v1/accounts/import';
export const ACCOUNTS_EXPORT_PATH = '/api/v1/accounts/export';

/** Sends a CSV file as it is; a refused file comes back with each wrong row and its line (and nothing written). */
async function importAccounts(file: File): Promise<AccountImportResponse> {
  const body = await postImport(ACCOUNTS_IMPORT_PATH, await file.text(), 'text/csv; charset=utf-8');
  const n = (k: string) => (typeof body[k] === 'number' ? (body[k] as number) : 0);
  return { created: n('created'), updated: n('updated'), errors: body.errors as AccountImportResponse['errors'] };
}

/** The registry of official accounts (政务新媒体账号登记): list, register, edit, remove, CSV import and export. */
export default function AccountsPage(_props: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const ids = useId();
  const { data, error, reload } = useLoad<{ accounts: OfficialAccount[] }>('/api/v1/accounts');
  const { data: unitData } = useLoad<{ units: Unit[] }>('/api/v1/units');
  const units = useMemo(() => unitData?.units ?? [], [unitData]);
  const unitName = useMemo(() => new Map(units.map((u) => [u.id, u.name])), [units]);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<OfficialAccount>();
  const { notice, setNotice, actionError, imported, importing, remove: removePath, importFile } = useListActions<AccountImportResponse>(reload);

  const accounts = data?.accounts ?? [];
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    const sorted = [...(data?.accounts ?? [])].sort((a, b) => (unitName.get(a.unit_id) ?? a.unit_id).localeCompare(unitName.get(b.unit_id) ?? b.unit_id) || a.name.localeCompare(b.name));
    if (!q) return sorted;
    return sorted.filter((a) => [a.name, a.account_id, a.platform, unitName.get(a.unit_id) ?? a.unit_id, a.filing?.number ?? '', a.contact?.name ?? ''].some((s) => s.toLowerCase().includes(q)));
  }, [data, search, unitName]);

  const remove = (a: OfficialAccount) =>
    removePath(t(`删除账号“${a.name}”的登记？`, `Remove the account "${a.name}" from the registry?`), `/api/v1/accounts/${encodeURIComponent(a.id)}`, t('已删除登记', 'Account removed'), () => editing?.id === a.id && setEditing(undefined));
  const onFile = (file: File | undefined) => importFile(file, importAccounts);

  return (
    <div className="analyst accounts-page">
      <div className="page-head">
        <h1>{t('政务新媒体账号登记', 'Official account registry')}</h1>
        <Link to="/governance">{t('账号治理', 'Account governance')} →</Link>
      </div>
      <ListTools
        search={search}
        onSearch={setSearch}
        placeholder={t('名称、账号 ID、单位、备案号或联系人', 'Name, id, unit, filing number or contact')}
        importLabel={t('导入 CSV', 'Import a CSV file')}
        accept=".csv,text/csv"
        importing={importing}
        onFile={onFile}
        importHint={t(`列：${ACCOUNT_CSV_COLUMNS.join(', ')}；有 id 的行更新已有账号。任何一行有错时不写入任何内容。`, `Columns: ${ACCOUNT_CSV_COLUMNS.join(', ')}; a row with an id updates that account. Nothing is written while any row is wrong.`)}
        showHint
        exports={[{ label: 'CSV', href: ACCOUNTS_EXPORT_PATH }]}
        notice={notice}
        result={
          imported && (
            <ImportResult
              ok={imported.errors.length === 0}
              summary={
                imported.errors.length
                  ? t(`${imported.file}：${imported.errors.length} 行有错误，未导入任何账号；请修改后重新导入`, `${imported.file}: ${imported.errors.length} rows with errors, nothing imported; correct them and import again`)
                  : t(`${imported.file}：新登记 ${imported.created} 个，更新 ${imported.updated} 个`, `${imported.file}: ${imported.created} registered, ${imported.updated} updated`)
              }
              errors={imported.errors}
            />
          )
        }
        error={error ?? actionError}
      />
      <div className="crud-layout">
        <section aria-labelledby={`${ids}-list`}>
          <h2 id={`${ids}-list`} className="visually-hidden">
            {t('账号', 'Accounts')}
          </h2>
          {data && (
            <p className="muted small">
              {t(`共 ${accounts.length} 个账号`, `${accounts.length} accounts`)}
              {search.trim() ? t(`，匹配 ${shown.length} 个`, `, ${shown.length} match`) : ''}
            </p>
          )}
          {data && shown.length === 0 && <p className="empty">{search.trim() ? t('没有匹配的账号', 'No accounts match') : t('尚未登记账号', 'No accounts registered yet')}</p>}
          {shown.length > 0 && (
            <table className="crud-table registry-table" data-testid="registry">
              <thead>
                <tr>
                  <th scope="col">{t('账号', 'Account')}</th>
                  <th scope="col">{t('单位 / 级别', 'Unit / level')}</th>
                  <th scope="col">{t('状态', 'Status')}</th>
                  <th scope="col">{t('备案', 'Filing')}</th>
                  <th scope="col">{t('联系人', 'Contact')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('操作', 'Actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((a) => (
                  <tr key={a.id} data-account={a.id}>
                    <td className="cell-clip">
                      <b>{a.name}</b>
                      <div className="muted small">
                        {accountPlatformLabel(a.platform, lang)} · {a.account_id}
                      </div>
                    </td>
                    <td>
                      {unitName.get(a.unit_id) ?? a.unit_id}
                      <div className="muted small">{levelLabel(a.level, lang)}</div>
                    </td>
                    <td>
                      {accountStatusLabel(a.status, lang)}
                      {a.merge_into && <div className="muted small">→ {accounts.find((x) => x.id === a.merge_into)?.name ?? a.merge_into}</div>}
                    </td>
                    <td>
                      {a.filing?.number ?? <span className="muted">{t('未登记', 'none')}</span>}
                      {a.filing?.date && <div className="muted small">{a.filing.date}</div>}
                    </td>
                    <td className="small">{[a.contact?.name, a.contact?.phone].filter(Boolean).join(' · ') || <span className="muted">–</span>}</td>
                    <td>
                      <span className="actions">
                        <button type="button" className="secondary small-button" onClick={() => setEditing(a)} aria-label={t(`编辑：${a.name}`, `Edit: ${a.name}`)}>
                          {t('编辑', 'Edit')}
                        </button>
                        <button type="button" className="secondary small-button" onClick={() => void remove(a)} aria-label={t(`删除：${a.name}`, `Remove: ${a.name}`)}>
                          {t('删除', 'Remove')}
                        </button>
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card">
          <AccountForm
            key={editing?.id ?? 'new'}
            account={editing}
            units={units}
            accounts={accounts}
            onCancel={editing ? () => setEditing(undefined) : undefined}
            onSaved={(a) => {
              setNotice(editing ? t(`已保存：${a.name}`, `Saved: ${a.name}`) : t(`已登记：${a.name}`, `Registered: ${a.name}`));
              setEditing(undefined);
              reload();
            }}
          />
        </section>
      </div>
    </div>
  );
}
