import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '@fenghuo/shared/workflow';
import { ApiError, signIn } from '../api';
import { useI18n } from '../i18n';

export function LoginPage({ onSignedIn }: { onSignedIn: (s: SessionInfo) => void }) {
  const { t, lang, setLang } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await signIn(username.trim(), password));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('用户名或密码错误', 'Wrong user name or password'));
      else if (err instanceof ApiError && err.status === 423) setError(t('密码错误次数过多，账号已临时锁定', 'Too many wrong passwords: the account is locked for now'));
      else if (err instanceof ApiError && err.status === 429) setError(t('尝试过于频繁，请稍后再试', 'Too many attempts: wait a minute'));
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">
          烽火 <span className="brand-sub">Fenghuo</span>
        </h1>
        <p className="muted">{t('舆情监测与回应', 'Public-opinion monitoring and response')}</p>
        <label>
          {t('用户名', 'User name')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label>
          {t('密码', 'Password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('登录中…', 'Signing in…') : t('登录', 'Sign in')}
        </button>
        <button type="button" className="link-button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {lang === 'zh' ? 'English' : '中文'}
        </button>
      </form>
    </div>
  );
}
