import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  /** CSS selectors of the first few offending elements. */
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.x A/AA and best-practice rules) on the page as it is now and returns the
 * violations of at least `minImpact`. axe is evaluated through the DevTools protocol, so the
 * page's Content-Security-Policy does not block it and the app's bundle does not carry it.
 */
export async function axeViolations(page: Page, minImpact: 'serious' | 'critical' = 'serious'): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')) }));
  });
  const levels = minImpact === 'critical' ? ['critical'] : ['serious', 'critical'];
  return found.filter((v) => v.impact !== null && levels.includes(v.impact));
}

/** How far the page is wider than `width` CSS pixels (0 when nothing overflows sideways). */
export function horizontalOverflow(page: Page, width: number): Promise<number> {
  return page.evaluate((w) => Math.max(0, document.documentElement.scrollWidth - w, document.body.scrollWidth - w), width);
}

/** The elements sticking out past `width`, to say what overflows (inside sideways-scrolling boxes is fine). */
export function overflowingElements(page: Page, width: number): Promise<string[]> {
  return page.evaluate((width) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 0.5 && !el.closest('.table-scroll')) {
        out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} right=${Math.round(r.right)}`);
      }
    }
    return out.slice(0, 15);
  }, width);
}
