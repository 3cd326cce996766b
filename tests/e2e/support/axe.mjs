// axe-core, injected into the page under test.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2.1 A and AA violations on the page (or frame), as "rule: target" lines.
 * `options` go to `axe.run` (`{ preload: false }` on a page whose style sheets come from another
 * origin without CORS, which axe would otherwise fetch again).
 */
export async function axeViolations(page, options = {}) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async (options) => {
    const result = await window.axe.run(document, { ...options, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, options);
}
