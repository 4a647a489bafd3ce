import type { Response } from 'express';
import { BriefRenderError, ChromiumMissingError, RendererBusyError } from './pdf-renderer';

/**
 * Renders a page to PDF and answers with it, or with what went wrong: no
 * Chromium → 503, the renderer busy → 503 with Retry-After, the page failing
 * to render → 502. One answer for the daily brief and the inspection report.
 */
export async function sendRenderedPdf(res: Response, render: () => Promise<Buffer>, filename: string): Promise<void> {
  let pdf: Buffer;
  try {
    pdf = await render();
  } catch (error) {
    if (error instanceof ChromiumMissingError) {
      res.status(503).json({ error: error.message });
      return;
    }
    if (error instanceof RendererBusyError) {
      res.status(503).setHeader('Retry-After', '30').json({ error: error.message });
      return;
    }
    if (error instanceof BriefRenderError) {
      res.status(502).json({ error: error.message });
      return;
    }
    throw error;
  }
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `inline; filename="${filename}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.send(pdf);
}
