import { useI18n } from '../i18n';

// Placeholder until this page lands (issue 6).
export default function DraftsPage(_props: { params: Record<string, string> }) {
  const { t } = useI18n();
  return <p className="muted">{t('此页面建设中', 'This page is not built yet')}</p>;
}
