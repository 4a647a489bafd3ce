import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { setTimeZone } from './format';
import { I18nProvider } from './i18n';
import './styles.css';

// Settings the server put in the page (time zone), as a meta tag.
try {
  const meta = document.querySelector('meta[name="fenghuo-config"]')?.getAttribute('content');
  const config = meta ? (JSON.parse(meta) as { timeZone?: string }) : {};
  if (config.timeZone) setTimeZone(config.timeZone);
} catch {
  // defaults: Asia/Shanghai
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
