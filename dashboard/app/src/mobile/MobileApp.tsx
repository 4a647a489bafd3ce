import { Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionInfo } from '@fenghuo/shared/workflow';
import { ApiError, currentSession, onUnauthorized, signOut as apiSignOut } from '../api';
import { useI18n } from '../i18n';
import { LoginPage } from '../pages/LoginPage';
import { Link, matchPath, navigate, useLocation } from '../router';
import { allowed, SessionContext, type SessionState } from '../session';
import { SCREENS } from './screens';

/** The service worker's cache of briefs (service-worker.template.js): forgotten on sign-out. */
export const BRIEF_CACHE = 'fenghuo-brief';

type Boot = { kind: 'checking' } | { kind: 'signed-out' } | { kind: 'in'; session: SessionInfo } | { kind: 'offline' } | { kind: 'error'; message: string };

const BriefScreen = SCREENS[0]!.page;

export function MobileApp() {
  const { t } = useI18n();
  const [boot, setBoot] = useState<Boot>({ kind: 'checking' });
  const { path } = useLocation();

  const check = useCallback(() => {
    setBoot({ kind: 'checking' });
    currentSession()
      .then((s) => setBoot(s ? { kind: 'in', session: s } : { kind: 'signed-out' }))
      // A fetch that never reached the server (no network) is a TypeError; the server's own refusals are ApiErrors.
      .catch((e: Error) => setBoot(e instanceof ApiError ? { kind: 'error', message: e.message } : { kind: 'offline' }));
  }, []);
  useEffect(() => {
    check();
    return onUnauthorized(() => setBoot({ kind: 'signed-out' }));
  }, [check]);

  const signOut = useCallback(async () => {
    try {
      await apiSignOut();
    } finally {
      if ('caches' in window) await window.caches.delete(BRIEF_CACHE).catch(() => false);
      setBoot({ kind: 'signed-out' });
      navigate('/m/', { replace: true });
    }
  }, []);
  const session = boot.kind === 'in' ? boot.session : undefined;
  const state = useMemo<SessionState | undefined>(() => (session ? { session, signOut } : undefined), [session, signOut]);

  const loading = <div className="m-loading">{t('加载中…', 'Loading…')}</div>;
  if (boot.kind === 'checking') return loading;
  if (boot.kind === 'error') return <div className="m-error" role="alert">{t('无法连接服务器：', 'Cannot reach the server: ')}{boot.message}</div>;
  if (boot.kind === 'signed-out') return <LoginPage onSignedIn={(s) => setBoot({ kind: 'in', session: s })} />;
  if (boot.kind === 'offline')
    return (
      <MobileShell tabs={null}>
        <div className="m-offline-bar" role="status">
          <span>{t('离线：只能查看手机上保存的最近一份简报', 'Offline: only the last brief kept on this phone')}</span>
          <button type="button" className="m-button" onClick={check}>
            {t('重试', 'Retry')}
          </button>
        </div>
        <Suspense fallback={loading}>
          <BriefScreen params={{}} />
        </Suspense>
      </MobileShell>
    );
  if (!state) return loading;

  const roles = state.session.user.roles;
  let found: { screen: (typeof SCREENS)[number]; params: Record<string, string> } | undefined;
  for (const screen of SCREENS) {
    const params = matchPath(screen.path, path);
    if (params) {
      found = { screen, params };
      break;
    }
  }
  const body = !found ? (
    <div className="m-error">{t('没有这个页面', 'No such page')}</div>
  ) : !allowed(roles, found.screen.allowed) ? (
    <div className="m-error" role="alert">{t('您的角色无权查看此页面', 'Your roles do not allow this page')}</div>
  ) : (
    <Suspense fallback={loading}>
      <found.screen.page key={path} params={found.params} />
    </Suspense>
  );
  const tabs = (
    <nav className="m-tabs" aria-label={t('主导航', 'Main')}>
      {SCREENS.filter((s) => s.tab && allowed(roles, s.allowed)).map((s) => {
        const active = s.path === '/m' ? path === '/m' || path === '/m/' : path === s.path || path.startsWith(`${s.path}/`);
        return (
          <Link key={s.path} to={s.path === '/m' ? '/m/' : s.path} className={active ? 'active' : ''} aria-current={active ? 'page' : undefined}>
            <span aria-hidden="true">{s.tab![2]}</span>
            {t(s.tab![0], s.tab![1])}
          </Link>
        );
      })}
    </nav>
  );
  return (
    <SessionContext.Provider value={state}>
      <MobileShell tabs={tabs} user={state.session.user.display_name} onSignOut={() => void signOut()}>
        {body}
      </MobileShell>
    </SessionContext.Provider>
  );
}

function MobileShell({ children, tabs, user, onSignOut }: { children: ReactNode; tabs: ReactNode; user?: string; onSignOut?: () => void }) {
  const { t, lang, setLang } = useI18n();
  return (
    <div className="m-shell">
      <header className="m-top">
        <span className="m-brand">烽火</span>
        {user && <span className="m-user">{user}</span>}
        <button type="button" className="m-link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} aria-label={t('切换到英文', 'Switch to Chinese')}>
          {lang === 'zh' ? 'EN' : '中'}
        </button>
        {onSignOut && (
          <button type="button" className="m-link" onClick={onSignOut}>
            {t('退出', 'Sign out')}
          </button>
        )}
      </header>
      <main className="m-main">{children}</main>
      {tabs}
    </div>
  );
}
