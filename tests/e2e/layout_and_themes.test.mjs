// The playground as a workshop room sees it: on a phone, a laptop and a projector zoomed to 150 %,
// the diagram and Play are on screen together and nothing scrolls sideways; a tapped node shows
// its panel; both themes, asked for or from the system, keep every text readable (axe-core for
// the page, a contrast computation for the diagram's own SVG text).

import assert from 'node:assert/strict';
import { axeViolations } from './support/axe.mjs';
import { browserTest, BASE_URL } from './support/browser.mjs';
import { eventually, expectText, ready } from './support/wait.mjs';

const SCREENS = {
  'a phone (390×844, touch)': { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  'a laptop (1366×768)': { viewport: { width: 1366, height: 768 } },
  'a projector (1280×720 at 150 %)': { viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 },
  'a phone held sideways (844×390, touch)': { viewport: { width: 844, height: 390 }, isMobile: true, hasTouch: true },
};

/** The least share of the window's height the diagram gets (the phone's controls are touch-sized). */
const DIAGRAM_SHARE = { 'a phone (390×844, touch)': 1 / 4, 'a laptop (1366×768)': 1 / 3 };

/**
 * The least font size, in CSS pixels, of a node's name as the page opens (the projector's is
 * drawn at 1.5 device pixels each). The phone starts zoomed in on the diagram's inputs, since the
 * whole of a four-column diagram in 390 px would be drawn 4 px high.
 */
const NAME_SIZE = {
  'a phone (390×844, touch)': 9,
  'a laptop (1366×768)': 9,
  'a projector (1280×720 at 150 %)': 9,
  'a phone held sideways (844×390, touch)': 9,
};

/** The size of the first node name as drawn: its font size times the diagram's zoom. */
const drawnNameSize = (page) =>
  page.getByTestId('canvas').evaluate((svg) => {
    const name = svg.querySelector('.node text');
    return parseFloat(getComputedStyle(name).fontSize) * name.getScreenCTM().a;
  });

/** The nodes of the diagram that the zoom buttons cover, by name. */
const nodesUnderZoomButtons = (page) =>
  page.getByTestId('canvas').evaluate((svg) => {
    const buttons = svg.parentElement.querySelector('.view-controls').getBoundingClientRect();
    return [...svg.querySelectorAll('.node')]
      .filter((node) => {
        const r = node.getBoundingClientRect();
        return r.left < buttons.right && buttons.left < r.right && r.top < buttons.bottom && buttons.top < r.bottom;
      })
      .map((node) => node.dataset.testid);
  });

/** Whether the whole of the element is inside the window. */
const inView = (locator) =>
  locator.evaluate((element) => {
    const r = element.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  });

for (const [screen, browser] of Object.entries(SCREENS)) {
  browserTest(`on ${screen} the diagram and Play are in view together and nothing scrolls sideways`, async ({ page }) => {
    assert.ok(await inView(page.getByTestId('player-play')), 'Play is in view');
    const canvas = await page.getByTestId('canvas').boundingBox();
    const size = page.viewportSize();
    assert.ok(canvas.height >= 100 && canvas.y >= 0 && canvas.y + canvas.height <= size.height, `the diagram is in view: ${JSON.stringify(canvas)}`);
    // The diagram gets its share of the screen, not what is left over.
    const share = DIAGRAM_SHARE[screen] ?? 0;
    assert.ok(canvas.height >= size.height * share, `the diagram's height: ${canvas.height} of ${size.height}`);
    assert.ok(await inView(page.getByTestId('node-resize-image')), 'a node of the diagram is in view');
    const nameSize = await drawnNameSize(page);
    assert.ok(nameSize >= (NAME_SIZE[screen] ?? 0), `a node's name is drawn ${nameSize.toFixed(1)} px high`);
    assert.deepEqual(await nodesUnderZoomButtons(page), [], 'no node is under the zoom buttons');
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    assert.ok(widths[0] <= widths[1], `the page is as wide as the window: ${widths}`);
    // The narration and the clock are in view, or come into it as the page is scrolled to its
    // end; never cut off.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    for (const id of ['narration', 'step-counter']) {
      await eventually(() => inView(page.getByTestId(id)), (shown) => assert.ok(shown, `the ${id} can be seen`));
    }
    await page.evaluate(() => window.scrollTo(0, 0));

    // A node tapped (or clicked) shows its panel, in view.
    const node = page.getByTestId('node-resize-image');
    if (browser.hasTouch) await node.tap();
    else await node.click();
    const inspector = page.getByTestId('inspector');
    await expectText(inspector, /Lambda function: resize-image/);
    await eventually(() => inView(inspector.getByRole('heading').first()), (shown) => assert.ok(shown, 'the inspector is in view'));
  }, { browser });
}

browserTest('on a phone the diagram follows the run to the node each step happens at', async ({ page }) => {
  const queue = page.getByTestId('node-image-metadata');
  assert.equal(await inView(queue), false, 'the queue starts out of sight, right of the inputs');
  // Step 7: resize-image's result reaches the queue through OnSuccess.
  await page.getByTestId('scrubber').fill('7');
  await expectText(page.getByTestId('narration'), /image-metadata/);
  await eventually(() => inView(queue), (shown) => assert.ok(shown, 'the queue came into sight'));
  const nameSize = await drawnNameSize(page);
  assert.ok(nameSize >= 9, `names are still drawn ${nameSize.toFixed(1)} px high`);
}, { browser: SCREENS['a phone (390×844, touch)'] });

browserTest('presenting a lesson on a projector, the diagram, Play and a usable timeline are in view beside the lesson', async ({ page }) => {
  await page.goto(new URL('?lesson=dlq-vs-destination&present', BASE_URL).href);
  await ready(page);
  await expectText(page.locator('#lesson-title'), /Dead-letter queue or OnFailure destination/);
  assert.ok(await inView(page.getByTestId('player-play')), 'Play is in view');
  assert.ok(await inView(page.getByTestId('node-send-invoice')), 'a node of the diagram is in view');
  const timeline = await page.getByTestId('scrubber').boundingBox();
  assert.ok(timeline.width >= 150, `the timeline is ${timeline.width} px wide`);
  // The link's label, longer than the gap between the two nodes, ends before the queue's box.
  const label = await page.getByTestId('link-send-invoice-invoice-dlq').locator('text').boundingBox();
  const queue = await page.getByTestId('node-invoice-dlq').locator('.node-box').boundingBox();
  assert.ok(label.x + label.width <= queue.x, `the label ends at ${label.x + label.width}, the queue begins at ${queue.x}`);
}, { browser: SCREENS['a projector (1280×720 at 150 %)'] });

/** The nodes of the diagram not wholly inside it, by name. */
const nodesCutOff = (page) =>
  page.getByTestId('canvas').evaluate((svg) => {
    const canvas = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('.node')]
      .filter((node) => {
        const r = node.getBoundingClientRect();
        return r.left < canvas.left || r.top < canvas.top || r.right > canvas.right || r.bottom > canvas.bottom;
      })
      .map((node) => node.dataset.testid);
  });

const viewBox = (page) => page.getByTestId('canvas').evaluate((svg) => svg.getAttribute('viewBox').split(' ').map(Number));

browserTest('a window resized to a projector fits the whole diagram again, readable and clear of the zoom buttons', async ({ page }) => {
  await page.setViewportSize(SCREENS['a projector (1280×720 at 150 %)'].viewport);
  await eventually(() => drawnNameSize(page), (size) => assert.ok(size >= 9, `names are drawn ${size.toFixed(1)} px high`));
  assert.deepEqual(await nodesCutOff(page), [], 'every node is wholly in the diagram');
  assert.deepEqual(await nodesUnderZoomButtons(page), [], 'no node is under the zoom buttons');

  // Zoomed by hand, the diagram keeps its zoom when the window changes; ⤢ fits it again.
  const fitted = await viewBox(page);
  await page.getByTestId('zoom-in').click();
  const zoomed = await eventually(() => viewBox(page), (box) => assert.ok(box[2] < fitted[2], `zoomed in: ${fitted} → ${box}`));
  await page.setViewportSize(SCREENS['a laptop (1366×768)'].viewport);
  // A step taken after the resize is drawn after the canvas has measured its new size.
  await page.getByTestId('player-step-forward').click();
  await expectText(page.getByTestId('step-counter'), /Step 1 of/);
  assert.equal((await viewBox(page))[2], zoomed[2], 'the zoom chosen by hand is kept');
  await page.getByTestId('fit-view').click();
  await eventually(() => nodesCutOff(page), (cut) => assert.deepEqual(cut, [], 'every node is wholly in the diagram again'));
  assert.deepEqual(await nodesUnderZoomButtons(page), [], 'no node is under the zoom buttons');
}, { browser: SCREENS['a laptop (1366×768)'] });

browserTest('on a projector a small move keeps the view, and a node added from the palette is in sight', async ({ page }) => {
  await expectText(page.getByTestId('step-counter'), /Step 0 of/);
  // The diagram has been fitted to the projector before it is measured.
  await eventually(() => drawnNameSize(page), (size) => assert.ok(size >= 9, `names are drawn ${size.toFixed(1)} px high`));
  const box = page.getByTestId('node-resize-image').locator('.node-box');
  const drawn = await box.boundingBox();
  // The lowest node moved a little, by keyboard (Shift+arrow), stays in sight: the view is kept.
  const node = page.getByTestId('node-image-alerts');
  const place = await node.getAttribute('transform');
  await node.focus();
  await page.keyboard.press('Shift+ArrowDown');
  await eventually(() => node.getAttribute('transform'), (moved) => assert.notEqual(moved, place, 'the node moved'));
  // A step taken after the move is drawn after the canvas has framed the moved diagram.
  await page.getByTestId('player-step-forward').click();
  await expectText(page.getByTestId('step-counter'), /Step 1 of/);
  const after = await box.boundingBox();
  for (const side of ['x', 'y', 'width']) {
    assert.ok(Math.abs(after[side] - drawn[side]) < 0.5, `another node is drawn where it was: ${JSON.stringify(drawn)} → ${JSON.stringify(after)}`);
  }

  const nodes = page.getByTestId('canvas').locator('.node');
  const before = await nodes.count();
  await page.getByTestId('palette-function').click();
  await eventually(() => nodes.count(), (n) => assert.equal(n, before + 1, 'a node was added'));
  await eventually(() => nodesCutOff(page), (cut) => assert.deepEqual(cut, [], 'every node, the new one too, is wholly in the diagram'));
}, { browser: SCREENS['a projector (1280×720 at 150 %)'] });

/** Relative luminance of a CSS colour `rgb(r, g, b)`, as WCAG 2.1 defines it. */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Each text of the diagram with its colour and the colour behind it (its node's box, or the canvas). */
const diagramTexts = (page) =>
  page.getByTestId('canvas').evaluate((svg) => {
    const surface = getComputedStyle(svg.closest('.canvas-wrap')).backgroundColor;
    return [...svg.querySelectorAll('text')]
      .filter((t) => t.textContent.trim() !== '' && getComputedStyle(t).display !== 'none')
      .map((t) => {
        const box = t.closest('.node')?.querySelector('.node-box');
        return {
          text: t.textContent.trim(),
          fill: getComputedStyle(t).fill,
          behind: box ? getComputedStyle(box).fill : surface,
        };
      });
  });

const THEMES = [
  ['the light theme from the system', '', 'light'],
  ['the dark theme from the system', '', 'dark'],
  ['the dark theme asked for on a light system', '?theme=dark', 'light'],
  ['the light theme asked for on a dark system', '?theme=light', 'dark'],
];

for (const [theme, query, colorScheme] of THEMES) {
  browserTest(`in ${theme} every text of the diagram and the page is readable`, async ({ page }) => {
    if (query) {
      await page.goto(new URL(query, BASE_URL).href);
      await ready(page);
    }
    await page.getByTestId('node-resize-image').waitFor();
    const texts = await diagramTexts(page);
    assert.ok(texts.length > 10, `the diagram has its names, statuses and labels: ${texts.length}`);
    const low = texts
      .map((t) => ({ ...t, ratio: contrast(t.fill, t.behind) }))
      .filter((t) => t.ratio < 4.5)
      .map((t) => `${t.text} ${t.fill} on ${t.behind}: ${t.ratio.toFixed(2)}:1`);
    assert.deepEqual(low, [], 'every diagram text has a contrast of at least 4.5:1');
    assert.deepEqual(await axeViolations(page), []);
  }, { browser: { colorScheme } });
}

browserTest('in Korean with a node selected, axe-core finds no WCAG 2.1 A or AA violation', async ({ page }) => {
  await page.getByTestId('language-select').selectOption('ko');
  await expectText(page.getByRole('heading', { level: 1 }), 'Lambda Destinations 플레이그라운드');
  await page.getByTestId('node-resize-image').click();
  await page.getByTestId('inspector').getByText('resize-image').first().waitFor();
  assert.deepEqual(await axeViolations(page), []);
});
