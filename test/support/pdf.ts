import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** What a PDF says and what in it could act: its text, its links, any script. */
export interface PdfContents {
  pages: number;
  /** Each page's text, in reading order. */
  text: string[];
  /** The target of every link annotation. */
  links: string[];
  /** Document- and annotation-level JavaScript actions, and annotation kinds that can act (file attachments, widgets). */
  active: string[];
}

/** Reads a PDF with pdf.js (as a viewer would): its text, links and anything that could run. */
export async function readPdf(bytes: Uint8Array): Promise<PdfContents> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const text: string[] = [];
    const links: string[] = [];
    const active: string[] = [];
    const js = await doc.getJSActions();
    if (js && Object.keys(js).length) active.push(`document JavaScript: ${Object.keys(js).join(', ')}`);
    const open = await doc.getOpenAction();
    if (open && !Array.isArray(open.dest)) active.push(`open action: ${JSON.stringify(open)}`);
    const attachments = await doc.getAttachments();
    if (attachments && Object.keys(attachments).length) active.push(`attachments: ${Object.keys(attachments).join(', ')}`);
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      text.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
      for (const a of (await page.getAnnotations()) as { subtype: string; url?: string; unsafeUrl?: string; actions?: Record<string, unknown>; dest?: unknown }[]) {
        if (a.subtype === 'Link') {
          const target = a.unsafeUrl ?? a.url;
          if (target !== undefined) links.push(target);
        } else if (a.subtype === 'FileAttachment' || a.subtype === 'Widget') active.push(`${a.subtype} annotation on page ${i}`);
        if (a.actions && Object.keys(a.actions).length) active.push(`actions on page ${i}: ${Object.keys(a.actions).join(', ')}`);
      }
      page.cleanup();
    }
    return { pages: doc.numPages, text, links, active };
  } finally {
    await doc.destroy();
  }
}
