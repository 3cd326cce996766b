// Lambda Destinations Playground: poster embeds for documentation pages (docs/embedding.md).
//
// A poster is a picture of a diagram with its title and a Play button; the playground itself (its
// WebAssembly and scripts) loads only when a reader presses Play, which puts the live embed in the
// poster's place at the same step, view and language, keeps the page where it was and gives the
// embed the focus. This script turns into posters:
//   - the Embed dialog's poster snippets (<div class="lambda-playground-poster" data-src="…">),
//   - plain links to the playground, <a class="lambda-playground" href="…">Title</a>, as a page
//     written in Markdown has them.
// No dependencies, no inline script or style: a page's Content-Security-Policy needs only to
// allow this script's origin for scripts, styles and frames, and data: images.
(() => {
  'use strict';
  const script = document.currentScript;
  const base = new URL('.', script ? script.src : document.baseURI);
  const TEXTS = {
    en: { play: 'Play', open: 'Open in the playground', loads: 'Loads the interactive playground' },
    ko: { play: '재생', open: '플레이그라운드에서 열기', loads: '대화형 플레이그라운드를 불러옵니다' },
  };
  const PLAYER_HEIGHT = 800;

  function texts(element) {
    const lang = (element.closest('[lang]')?.getAttribute('lang') || 'en').toLowerCase();
    return lang.startsWith('ko') ? TEXTS.ko : TEXTS.en;
  }

  function addStyles() {
    if (document.querySelector('link[data-lambda-playground]')) return;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('embed.css', base).href;
    link.dataset.lambdaPlayground = '';
    document.head.append(link);
  }

  /** The embed's address: the player, started playing, in the poster's language. */
  function embedAddress(address, lang) {
    const url = new URL(address, document.baseURI);
    if (!url.searchParams.has('embed')) url.searchParams.set('embed', '1');
    if (!url.searchParams.has('view')) url.searchParams.set('view', 'player');
    if (!url.searchParams.has('lang') && lang) url.searchParams.set('lang', lang);
    url.searchParams.set('autoplay', '1');
    return url.href;
  }

  /** Replaces the poster by the live embed, keeping the page where it was. */
  function play(poster, src, title, height) {
    const [x, y] = [window.scrollX, window.scrollY];
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.title = title;
    frame.className = 'lambda-playground-frame';
    frame.setAttribute('height', String(height));
    frame.setAttribute('allow', 'fullscreen; clipboard-write');
    poster.replaceChildren(frame);
    poster.classList.add('playing');
    window.scrollTo(x, y);
    frame.focus({ preventScroll: true });
  }

  /** Builds the poster inside `poster` from a picture (or none), a title and where Play goes. */
  function build(poster, { picture, title, src, open, height }) {
    const t = texts(poster);
    const figure = document.createElement('figure');
    figure.className = 'lambda-playground-figure';
    if (picture) {
      picture.classList.add('lambda-playground-picture');
      figure.append(picture);
    } else {
      const blank = document.createElement('div');
      blank.className = 'lambda-playground-blank';
      blank.setAttribute('aria-hidden', 'true');
      figure.append(blank);
    }
    const caption = document.createElement('figcaption');
    const name = document.createElement('span');
    name.className = 'lambda-playground-title';
    name.textContent = title;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'lambda-playground-play';
    button.setAttribute('aria-label', `${t.play}: ${title}`);
    button.title = t.loads;
    const icon = document.createElement('span');
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = '▶ ';
    button.append(icon, t.play);
    button.addEventListener('click', () => play(poster, src, title, height));
    caption.append(name, button);
    if (open) {
      const link = document.createElement('a');
      link.href = open;
      link.className = 'lambda-playground-open';
      link.textContent = t.open;
      caption.append(link);
    }
    figure.append(caption);
    poster.replaceChildren(figure);
    poster.dataset.ready = '';
  }

  function upgrade() {
    for (const poster of document.querySelectorAll('.lambda-playground-poster:not([data-ready])')) {
      const link = poster.querySelector('a[href]');
      const picture = poster.querySelector('img');
      const lang = texts(poster) === TEXTS.ko ? 'ko' : 'en';
      build(poster, {
        picture,
        title: poster.dataset.title || link?.textContent.trim() || 'Lambda Destinations Playground',
        src: embedAddress(poster.dataset.src || link?.href || base.href, lang),
        open: link?.href,
        height: Number(poster.dataset.height) || PLAYER_HEIGHT,
      });
    }
    for (const link of document.querySelectorAll('a.lambda-playground[href]')) {
      const poster = document.createElement('div');
      poster.className = 'lambda-playground-poster';
      const lang = link.closest('[lang]')?.getAttribute('lang');
      if (lang) poster.setAttribute('lang', lang);
      link.replaceWith(poster);
      let picture = null;
      if (link.dataset.picture) {
        picture = document.createElement('img');
        picture.src = link.dataset.picture;
        picture.alt = link.dataset.pictureAlt || '';
      }
      build(poster, {
        picture,
        title: link.textContent.trim() || 'Lambda Destinations Playground',
        src: embedAddress(link.href, texts(poster) === TEXTS.ko ? 'ko' : 'en'),
        open: link.href,
        height: Number(link.dataset.height) || PLAYER_HEIGHT,
      });
    }
  }

  addStyles();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', upgrade);
  else upgrade();
})();
