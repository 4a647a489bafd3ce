import { setTimeZone } from './format';

/** Settings the server put in the page (the time zone), as a meta tag: read once at start by both apps. */
export function applyPageConfig(): void {
  try {
    const meta = document.querySelector('meta[name="fenghuo-config"]')?.getAttribute('content');
    const config = meta ? (JSON.parse(meta) as { timeZone?: string }) : {};
    if (config.timeZone) setTimeZone(config.timeZone);
  } catch {
    // defaults: Asia/Shanghai
  }
}
