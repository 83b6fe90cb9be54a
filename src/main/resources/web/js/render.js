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

/** Markdown (with math) to a sanitised DOM fragment. */
export function markdown(text) {
  const source = String(text ?? '');
  const formulas = [];
  // Replace math outside code with placeholders that survive Markdown and sanitising unchanged.
  const protectedText = source.split(CODE).map((part, i) => {
    if (i % 2 === 1) return part;
    return part.replace(MATH, (whole, dd, paren, bracket, inline) => {
      const display = dd !== undefined || bracket !== undefined;
      const tex = dd ?? paren ?? bracket ?? inline;
      const html = renderMath(tex, display);
      if (html === null) return whole;
      formulas.push(html);
      return `MATHXPLACEHOLDERX${formulas.length - 1}X`;
    });
  }).join('');
  let html;
  if (window.marked) {
    html = window.marked.parse(protectedText, { gfm: true, breaks: false, async: false });
  } else {
    html = `<p>${escapeHtml(protectedText).replace(/\n\n+/g, '</p><p>')}</p>`;
  }
  const clean = window.DOMPurify
    ? window.DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'button'], FORBID_ATTR: ['style'] })
    : escapeHtml(source);
  const withMath = clean.replace(/MATHXPLACEHOLDERX(\d+)X/g, (m, i) => formulas[Number(i)] ?? m);
  const template = document.createElement('template');
  template.innerHTML = withMath;
  for (const a of template.content.querySelectorAll('a[href]')) {
    if (/^https?:/i.test(a.getAttribute('href'))) {
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
    }
  }
  return template.content;
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
    const span = document.createElement('span');
    span.innerHTML = html; // KaTeX output with trust:false contains no script or links.
    frag.append(span);
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
