import { Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionInfo } from '@fenghuo/shared/workflow';
import { currentSession, onUnauthorized, signOut as apiSignOut } from './api';
import { useI18n } from './i18n';
import { LoginPage } from './pages/LoginPage';
import { Link, matchPath, navigate, useLocation } from './router';
import { PAGES } from './routes';
import { allowed, SessionContext, useSession, type SessionState } from './session';

export function App() {
  const { t } = useI18n();
  const [session, setSession] = useState<SessionInfo | undefined>();
  const [checked, setChecked] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  const { path } = useLocation();

  useEffect(() => {
    currentSession()
      .then((s) => setSession(s))
      .catch((e: Error) => setLoadError(e.message))
      .finally(() => setChecked(true));
    return onUnauthorized(() => setSession(undefined));
  }, []);

  const signOut = useCallback(async () => {
    try {
      await apiSignOut();
    } finally {
      setSession(undefined);
      navigate('/', { replace: true });
    }
  }, []);
  const state = useMemo<SessionState | undefined>(() => (session ? { session, signOut } : undefined), [session, signOut]);

  if (!checked) return <div className="page-loading">{t('加载中…', 'Loading…')}</div>;
  if (loadError && !session) return <div className="page-error" role="alert">{t('无法连接服务器：', 'Cannot reach the server: ')}{loadError}</div>;
  if (!session || !state) return <LoginPage onSignedIn={setSession} />;

  const roles = session.user.roles;
  if (path === '/' || path === '/login') {
    const home = roles.length === 1 && roles[0] === 'viewer' ? '/wall' : '/events';
    queueMicrotask(() => navigate(home, { replace: true }));
    return null;
  }
  let found: { route: (typeof PAGES)[number]; params: Record<string, string> } | undefined;
  for (const route of PAGES) {
    const params = matchPath(route.path, path);
    if (params) {
      found = { route, params };
      break;
    }
  }
  const body = !found ? (
    <div className="page-error">{t('没有这个页面', 'No such page')}</div>
  ) : !allowed(roles, found.route.allowed) ? (
    <div className="page-error" role="alert">{t('您的角色无权查看此页面', 'Your roles do not allow this page')}</div>
  ) : (
    <Suspense fallback={<div className="page-loading">{t('加载中…', 'Loading…')}</div>}>
      <found.route.page params={found.params} />
    </Suspense>
  );
  return (
    <SessionContext.Provider value={state}>
      {found?.route.bare ? body : <Shell path={path}>{body}</Shell>}
    </SessionContext.Provider>
  );
}

function Shell({ path, children }: { path: string; children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const state = useSession();
  const roles = state.session.user.roles;
  return (
    <div className="shell">
      <header className="topbar no-print">
        <Link to="/" className="brand">
          烽火 <span className="brand-sub">Fenghuo</span>
        </Link>
        <nav aria-label={t('主导航', 'Main')}>
          {PAGES.filter((p) => p.nav && allowed(roles, p.allowed)).map((p) => (
            <Link key={p.path} to={p.path} className={path === p.path || path.startsWith(`${p.path}/`) ? 'active' : ''} aria-current={path === p.path ? 'page' : undefined}>
              {lang === 'zh' ? p.nav![0] : p.nav![1]}
            </Link>
          ))}
        </nav>
        <div className="topbar-right">
          {/* Shown on narrow screens only (styles.css): the phone view is a separate, lighter app. */}
          <a href="/m/" className="mobile-link">
            {t('手机版', 'Phone view')}
          </a>
          <button type="button" className="link-button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} aria-label={t('切换到英文', 'Switch to Chinese')}>
            {lang === 'zh' ? 'English' : '中文'}
          </button>
          <span className="user" title={roles.join(', ')}>
            {state.session.user.display_name}
          </span>
          <button type="button" className="link-button" onClick={() => void state.signOut()}>
            {t('退出', 'Sign out')}
          </button>
        </div>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
