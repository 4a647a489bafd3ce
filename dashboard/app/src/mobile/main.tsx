import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../i18n';
import { applyPageConfig } from '../page-config';
import { MobileApp } from './MobileApp';
import './mobile.css';

/**
 * The phone view's entry: its own small bundle (no D3, no desktop pages),
 * served at /m/ and installable as a PWA. The service worker exists only in
 * the production build (the build writes /m/sw.js).
 */
applyPageConfig();

// MODE, not PROD: a build run under Vitest (NODE_ENV=test, the e2e setup) is still a production build with /m/sw.js.
if (import.meta.env.MODE === 'production' && 'serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/m/sw.js', { scope: '/m/' }).catch(() => {
    // No service worker (not a secure context, private mode): the view works, only not offline.
  });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <MobileApp />
    </I18nProvider>
  </StrictMode>,
);
