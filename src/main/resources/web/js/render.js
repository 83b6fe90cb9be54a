// Safe rendering: Markdown through marked, then DOMPurify; math ($...$, $$...$$) through KaTeX.
// Math is cut out before Markdown runs, so underscores and asterisks in formulas are not read as emphasis.

/** Creates an element; children are nodes or strings (strings always become text, never HTML). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const MATH = /\$\$([\s\S]+?)\$\$|\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]|(?<![\\$\w])\$(?!\s)((?:\\\$|[^$\n])+?)(?<!\s)\$(?![\w$])/g;
const CODE = /(```[\s\S]*?```|`[^`\n]*`)/g;

function renderMath(tex, display) {
  if (!window.katex) return null;
  try {
    return window.katex.renderToString(tex, { displayMode: display, throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' });
  } catch (e) {
    return null;
  }
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// What user, corpus and model Markdown may contain after marked: no styles, no forms.
const PURIFY_MARKDOWN = { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'button'], FORBID_ATTR: ['style'] };
// What KaTeX's own output needs (MathML, SVG for roots and arrows, inline sizes); still no scripts or handlers.
const PURIFY_KATEX = { USE_PROFILES: { html: true, mathMl: true, svg: true }, FORBID_TAGS: ['style', 'form', 'input', 'button', 'a', 'img'] };

/** A formula as sanitised DOM: KaTeX's HTML passes through DOMPurify too, nothing is trusted unsanitised. */
function mathNode(html, fallback) {
  if (!window.DOMPurify) return document.createTextNode(fallback);
  const template = document.createElement('template');
  template.innerHTML = window.DOMPurify.sanitize(html, PURIFY_KATEX);
  const span = document.createElement('span');
  span.append(template.content);
  return span;
}

function nonce() {
  const bytes = new Uint8Array(8);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36)).join('').replace(/[^a-z0-9]/g, '');
}

/**
 * Markdown (with math) to a sanitised DOM fragment. Formulas are cut out first (so Markdown does not read their
 * underscores as emphasis) and put back as DOM nodes into text nodes of the already sanitised tree; no HTML is ever
 * spliced into a string after sanitising. The placeholder carries a random nonce per call, so text cannot forge one.
 */
export function markdown(text) {
  const source = String(text ?? '');
  const formulas = [];
  const mark = `MATHX${nonce()}X`;
  const protectedText = source.split(CODE).map((part, i) => {
    if (i % 2 === 1) return part;
    return part.replace(MATH, (whole, dd, paren, bracket, inline) => {
      const display = dd !== undefined || bracket !== undefined;
      const tex = dd ?? paren ?? bracket ?? inline;
      const html = renderMath(tex, display);
      if (html === null) return whole;
      formulas.push({ html, whole });
      return `${mark}${formulas.length - 1}X`;
    });
  }).join('');
  if (!window.DOMPurify) {
    // Without the sanitiser nothing is parsed as HTML: the text is shown as it was written.
    const p = document.createElement('p');
    p.textContent = source;
    const frag = document.createDocumentFragment();
    frag.append(p);
    return frag;
  }
  const html = window.marked
    ? window.marked.parse(protectedText, { gfm: true, breaks: false, async: false })
    : `<p>${escapeHtml(protectedText).replace(/\n\n+/g, '</p><p>')}</p>`;
  const template = document.createElement('template');
  template.innerHTML = window.DOMPurify.sanitize(html, PURIFY_MARKDOWN);
  if (formulas.length) putBackMath(template.content, mark, formulas);
  for (const a of template.content.querySelectorAll('a[href]')) {
    if (/^https?:/i.test(a.getAttribute('href'))) {
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
    }
  }
  return template.content;
}

/** Replaces placeholders in text nodes (never in attributes) with formula nodes. */
function putBackMath(root, mark, formulas) {
  const re = new RegExp(`${mark}(\\d+)X`, 'g');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) {
    if (walker.currentNode.nodeValue.includes(mark)) nodes.push(walker.currentNode);
  }
  for (const node of nodes) {
    const text = node.nodeValue;
    const frag = document.createDocumentFragment();
    let last = 0;
    for (const m of text.matchAll(re)) {
      const f = formulas[Number(m[1])];
      if (!f) continue;
      frag.append(document.createTextNode(text.slice(last, m.index)), mathNode(f.html, f.whole));
      last = m.index + m[0].length;
    }
    frag.append(document.createTextNode(text.slice(last)));
    node.replaceWith(frag);
  }
}

/** A block element holding rendered Markdown. */
export function markdownBlock(text, className = 'md') {
  const div = h('div', { class: className });
  div.append(markdown(text));
  return div;
}

/** Plain text with inline math rendered; everything else stays text (for questions and key points). */
export function textWithMath(text) {
  const frag = document.createDocumentFragment();
  const source = String(text ?? '');
  let last = 0;
  for (const m of source.matchAll(MATH)) {
    const display = m[1] !== undefined || m[3] !== undefined;
    const html = renderMath(m[1] ?? m[2] ?? m[3] ?? m[4], display);
    if (html === null) continue;
    frag.append(document.createTextNode(source.slice(last, m.index)));
    frag.append(mathNode(html, m[0]));
    last = m.index + m[0].length;
  }
  frag.append(document.createTextNode(source.slice(last)));
  return frag;
}

/** Replaces [n] markers in text nodes with buttons; onCite(n) runs on click. */
export function linkCitations(root, numbers, onCite) {
  const valid = new Set(numbers.map(Number));
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) {
    if (!walker.currentNode.parentElement.closest('code, pre, .katex')) nodes.push(walker.currentNode);
  }
  for (const node of nodes) {
    const text = node.nodeValue;
    const re = /\[(\d{1,2})\]/g;
    if (!re.test(text)) continue;
    re.lastIndex = 0;
    const frag = document.createDocumentFragment();
    let last = 0;
    for (const m of text.matchAll(re)) {
      const n = Number(m[1]);
      if (!valid.has(n)) continue;
      frag.append(document.createTextNode(text.slice(last, m.index)));
      frag.append(h('button', { type: 'button', class: 'cite', 'data-cite': n, 'aria-label': `Source ${n}`, onclick: () => onCite(n) }, `[${n}]`));
      last = m.index + m[0].length;
    }
    frag.append(document.createTextNode(text.slice(last)));
    node.replaceWith(frag);
  }
}

export const DIFFICULTY = { 1: 'Fundamentals', 2: 'Standard', 3: 'Senior' };

export function difficultyBadge(d) {
  return h('span', { class: `pill diff-${d}`, title: `Difficulty ${d} of 3` }, DIFFICULTY[d] || `Level ${d}`);
}

export function scoreClass(score) {
  return score >= 70 ? 'good' : score >= 40 ? 'fair' : 'poor';
}
