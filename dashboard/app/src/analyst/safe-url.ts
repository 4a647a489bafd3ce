/**
 * A link from untrusted data (a mention's url, a KB entry's link) only when
 * it is http(s): a `javascript:` or `data:` URL would run in our origin.
 */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
