// What the load benchmarks call first interactive: the first moment an element with
// data-ready="true" exists, timestamped by `performance.now()` (measured from the navigation
// start) into `window.__firstInteractive`.

/** Runs in the page before any of its scripts (`page.addInitScript(OBSERVER)`). */
export const OBSERVER = () => {
  const check = () => {
    if (window.__firstInteractive === undefined && document.querySelector('[data-ready="true"]')) {
      window.__firstInteractive = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-ready'],
  });
};
