// ML Interview Tutor web app: Ask, Browse, Practice (mock interview), Review (spaced repetition), Progress.
// Plain ES modules, no build step. All text from the server or the user is inserted as text, or as
// Markdown that is sanitised by DOMPurify (render.js).

import { api, ApiError } from './api.js';
import { h, markdownBlock, textWithMath, linkCitations, difficultyBadge, scoreClass, DIFFICULTY } from './render.js';
import { progress, startOfDay } from './progress.js';
import { ratingBar, scoreChart, readiness, readinessView, planView } from './study.js';
import { ankiExportControl, downloadInterviewMarkdown } from './export.js';
import { pointsOf, confirmable, defaultChoices, confirmedScore, needsSelfCheck, gaps } from './selfcheck.js';

const main = document.getElementById('main');
const banner = document.getElementById('banner');
const statusEl = document.getElementById('server-status');
const dueBadge = document.getElementById('due-count');

const SESSION_KEY = 'mltutor.session.v1';

let health = null;
// What the server accepts (GET /api/limits): the page checks the same limits before sending and never copies
// them. Null until they arrive, or if the server could not be reached; the server checks anyway.
let limits = null;
let sectionsCache = null;
let renderToken = 0;
const askThread = [];

// ---------------------------------------------------------------- shared helpers

function setStatus(kind, text) {
  statusEl.className = `server-status ${kind}`;
  statusEl.replaceChildren(h('span', { class: 'dot', 'aria-hidden': 'true' }), text);
}

function generatorLabel(generator) {
  if (!generator) return 'unknown';
  return generator === 'offline' ? 'offline (no LLM)' : generator;
}

async function checkHealth() {
  try {
    health = await api.get('/api/health');
    const llm = health.llm && health.llm !== 'none' ? `LLM ${health.llm}` : 'offline generator';
    setStatus('ok', `${health.entries} questions · ${llm}`);
    hideBanner();
  } catch (e) {
    health = null;
    if (e.status === 503 && e.retryAfter > 0) {
      // `tutor serve` answers while the model loads and the index opens: ask again when it says to.
      setStatus('down', 'Starting…');
      showBanner(e.message);
      setTimeout(() => checkHealth().then(() => { if (health && !limits) loadLimits(); }), e.retryAfter * 1000);
      return;
    }
    setStatus('down', 'Server unreachable');
    showBanner(e.message);
  }
}

async function loadLimits() {
  try {
    limits = await api.get('/api/limits');
  } catch (e) {
    limits = null;
  }
}

function showBanner(message) {
  banner.textContent = message;
  banner.hidden = false;
}

function hideBanner() {
  banner.hidden = true;
}

/** An error panel with the message and, when given, a retry button. */
function errorBox(error, retry) {
  const unreachable = error instanceof ApiError && error.unreachable;
  if (unreachable) setStatus('down', 'Server unreachable');
  const box = h('div', { class: 'error-box', role: 'alert' },
    h('strong', {}, unreachable ? 'The server is not reachable.' : 'Something went wrong.'),
    h('span', { class: 'error-message' }, error.message || String(error)));
  if (retry) {
    box.append(' ', h('button', { type: 'button', class: 'secondary retry', onclick: retry }, 'Try again'));
  }
  return box;
}

function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status' }, text);
}

async function sections() {
  if (!sectionsCache) sectionsCache = await api.get('/api/sections');
  return sectionsCache;
}

function scoreChip(score) {
  return h('span', { class: `score-chip ${scoreClass(score)}`, title: 'Your last score' }, `${score}`);
}

function fmtDate(t) {
  return new Date(t).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

function dueLabel(due) {
  const days = Math.round((due - startOfDay()) / 86400000);
  if (days <= 0) return 'due today';
  if (days === 1) return 'due tomorrow';
  return `due in ${days} days (${fmtDate(due)})`;
}

function onCtrlEnter(textarea, action) {
  textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      action();
    }
  });
}

function charCounter(textarea, max) {
  const counter = h('div', { class: 'counter', 'aria-live': 'polite' });
  const update = () => {
    const n = textarea.value.length;
    counter.textContent = max ? `${n.toLocaleString()} / ${max.toLocaleString()} characters` : `${n.toLocaleString()} characters`;
    counter.classList.toggle('over', Boolean(max) && n > max);
  };
  textarea.addEventListener('input', update);
  update();
  return counter;
}

function entryLink(id, text) {
  return h('a', { href: `#/q/${encodeURIComponent(id)}` }, textWithMath(text));
}

function updateDueBadge() {
  const n = progress.dueIds().length;
  dueBadge.hidden = n === 0;
  dueBadge.textContent = String(n);
  dueBadge.setAttribute('aria-label', `${n} due`);
}

// ---------------------------------------------------------------- routing

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { view: parts[0] || 'ask', arg: parts[1], params: new URLSearchParams(query) };
}

function setHashQuiet(hash) {
  history.replaceState(null, '', hash);
}

const views = { ask: viewAsk, browse: viewBrowse, q: viewEntry, practice: viewPractice, review: viewReview, progress: viewProgress, plan: viewPlan };

function route(focus = true) {
  if (!limits) loadLimits(); // the server was unreachable at the start; the next view gets them
  const { view, arg, params } = parseHash();
  // Leaving the practice tab is moving on: a grade still waiting for the candidate's check counts as graded.
  if (view !== 'practice') settlePendingScore(loadSession());
  const render = views[view] || viewNotFound;
  const tab = view === 'q' ? 'browse' : view;
  for (const a of document.querySelectorAll('.tabs a')) {
    if (a.dataset.tab === tab) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  renderToken += 1;
  stopTimer();
  main.replaceChildren();
  render(arg, params, renderToken);
  if (focus) main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

function current(token) {
  return token === renderToken;
}

function viewNotFound() {
  main.append(h('div', { class: 'card' }, h('h2', {}, 'Page not found'), h('p', {}, h('a', { href: '#/ask' }, 'Go to Ask'))));
}

// ---------------------------------------------------------------- Ask

function viewAsk() {
  const input = h('textarea', { id: 'ask-input', name: 'question', rows: 3, maxlength: limits?.questionChars, placeholder: 'e.g. Why do we scale attention scores by the square root of d_k?' });
  const button = h('button', { type: 'submit', id: 'ask-submit' }, 'Ask');
  const form = h('form', { class: 'card ask-form stack', id: 'ask-form' },
    h('label', { for: 'ask-input' }, 'Ask an ML or LLM interview question'),
    input,
    h('div', { class: 'row' }, button, h('span', { class: 'kbd-hint' }, h('kbd', {}, 'Enter'), ' to ask, ', h('kbd', {}, 'Shift'), '+', h('kbd', {}, 'Enter'), ' for a new line'),
      h('span', { class: 'spacer' }),
      askThread.length ? h('button', { type: 'button', class: 'ghost', id: 'ask-clear', onclick: () => { askThread.length = 0; route(false); } }, 'New conversation') : null));
  const thread = h('div', { id: 'ask-thread' });
  const side = h('aside', { class: 'card side-sticky', id: 'source-panel', 'aria-live': 'polite', 'aria-label': 'Cited source' },
    h('h2', {}, 'Sources'),
    h('p', { class: 'muted' }, 'Click a citation marker such as [1] in an answer to read the cited entry here.'));
  main.append(h('h2', { class: 'visually-hidden' }, 'Ask'), h('div', { class: 'split' }, h('div', {}, thread, form), side));
  for (const item of askThread) thread.append(renderAskItem(item, side));
  if (!askThread.length) {
    thread.append(h('div', { class: 'card muted', id: 'ask-empty' },
      h('p', {}, 'Answers are grounded in the tutor\'s curated corpus and cite their sources. Try one of these:'),
      h('div', { class: 'chips' }, ...['What is the KV cache and why is it used?', 'Explain the bias-variance trade-off', 'How does LoRA reduce fine-tuning memory?']
        .map((q) => h('button', { type: 'button', class: 'chip', onclick: () => submitAsk(q, thread, side) }, q)))));
  }
  const submit = () => {
    const q = input.value.trim();
    if (!q) {
      input.focus();
      return;
    }
    input.value = '';
    submitAsk(q, thread, side);
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); submit(); });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  input.focus();
}

function historyFor(upTo) {
  const turns = [];
  for (const item of askThread.slice(0, upTo).slice(-3)) {
    if (!item.result || !item.result.answer) continue;
    turns.push({ role: 'user', content: item.question.slice(0, 4000) }, { role: 'assistant', content: item.result.answer.slice(0, 4000) });
  }
  return turns;
}

async function submitAsk(question, thread, side) {
  document.getElementById('ask-empty')?.remove();
  const item = { question, text: '', result: null, error: null, mode: 'stream', streaming: true };
  askThread.push(item);
  const history = historyFor(askThread.length - 1);
  let node = renderAskItem(item, side);
  thread.append(node);
  node.scrollIntoView({ block: 'nearest' });
  const rerender = () => {
    const fresh = renderAskItem(item, side);
    node.replaceWith(fresh);
    node = fresh;
  };
  let pending = false;
  const scheduleRender = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; rerender(); });
  };
  const body = { question, history };
  try {
    try {
      await api.stream('/api/ask/stream', body, (event, data) => {
        if (event === 'token') {
          item.text += typeof data === 'string' ? data : (data.text ?? data.token ?? '');
          scheduleRender();
        } else if (event === 'citations') {
          item.citations = Array.isArray(data) ? data : [];
        } else if (event === 'done') {
          item.result = data;
        } else if (event === 'error') {
          item.error = new ApiError((data && data.message) || 'The answer stopped with an error.', data && data.status);
        }
      });
      if (!item.result && !item.error) item.error = new ApiError('The answer stream ended before the answer was complete.');
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404 || !/no such endpoint/.test(e.message)) throw e;
      // This server has no streaming endpoint: ask in one request, or fall back to plain search.
      try {
        item.mode = 'plain';
        item.result = await api.post('/api/ask', body);
      } catch (e2) {
        if (!(e2 instanceof ApiError) || e2.status !== 404 || !/no such endpoint/.test(e2.message)) throw e2;
        item.mode = 'search';
        item.result = await api.post('/api/search', { q: question, k: 5 });
      }
    }
  } catch (e) {
    item.error = e;
  }
  item.streaming = false;
  rerender();
}

function renderAskItem(item, side) {
  const card = h('article', { class: 'card qa', 'aria-busy': item.streaming ? 'true' : 'false' });
  card.append(h('div', { class: 'qa-question' }, item.question));
  if (item.mode === 'search' && item.result) {
    card.append(renderSearchFallback(item.result, side));
    return card;
  }
  const r = item.result;
  const text = r ? r.answer : item.text;
  const answer = markdownBlock(text || '', 'md answer-body');
  if (item.streaming) {
    if (!text) answer.append(h('p', { class: 'loading' }, 'Thinking…'));
    answer.classList.add('cursor');
  }
  card.append(answer);
  if (item.error) card.append(errorBox(item.error));
  if (!r) return card;
  const citations = r.citations || [];
  linkCitations(answer, citations.map((c) => c.n), (n) => openSource(citations.find((c) => c.n === n), side, card));
  const meta = h('div', { class: 'answer-meta' },
    h('span', { class: 'pill generator', title: 'Who wrote this answer' }, `Answered by: ${generatorLabel(r.generator)}`),
    answerabilityPill(r));
  if (r.fallbackReason) meta.append(h('span', { class: 'muted small' }, `(LLM unavailable: ${r.fallbackReason})`));
  card.append(meta);
  if (citations.length) {
    card.append(h('ol', { class: 'sources', 'aria-label': 'Sources' }, ...citations.map((c) =>
      h('li', { value: c.n }, h('button', { type: 'button', class: 'link source-link', 'data-cite': c.n, onclick: () => openSource(c, side, card) }, textWithMath(c.question || c.entryId)),
        c.section ? h('span', { class: 'muted small' }, ` · ${c.section}`) : null))));
  }
  const related = r.related || [];
  if (related.length) {
    card.append(h('div', { class: 'small muted', style: null }, r.answerability === 'answerable' || !r.answerability ? 'Follow-up questions:' : 'Nearest entries in the notes:'),
      h('div', { class: 'chips related' }, ...related.map((q) => h('button', { type: 'button', class: 'chip', onclick: () => {
        const thread = document.getElementById('ask-thread');
        if (thread) submitAsk(q.question, thread, side);
      } }, textWithMath(q.question)))));
  }
  return card;
}

/** The three cases an answer can be in, shown distinctly: from the notes, not in the notes (yet), not an ML topic. */
function answerabilityPill(r) {
  const kind = r.answerability || (r.grounded ? 'answerable' : r.inDomain === false ? 'offTopic' : 'uncovered');
  if (kind === 'offTopic') return h('span', { class: 'pill diff-3', 'data-answerability': kind }, 'Not an ML interview topic');
  if (kind === 'uncovered') {
    return r.source === 'model'
      ? h('span', { class: 'pill diff-2', 'data-answerability': kind, title: 'Written by the language model from its own knowledge; not checked against the notes' }, 'Not from the notes: model\'s own knowledge')
      : h('span', { class: 'pill diff-3', 'data-answerability': kind }, 'Not covered by the notes yet');
  }
  return r.grounded ? h('span', { class: 'pill diff-1', 'data-answerability': kind }, 'Grounded in the notes')
    : h('span', { class: 'pill diff-3', 'data-answerability': kind }, 'Not grounded');
}

function renderSearchFallback(result, side) {
  const wrap = h('div', { class: 'search-fallback' },
    h('p', { class: 'notice' }, 'This server has no answer generator (the /api/ask endpoints are missing), so here are the most relevant corpus entries for your question instead.'));
  if (result.answerability && result.answerability !== 'answerable') wrap.append(h('p', { class: 'muted' }, result.answerability === 'offTopic' ? 'This does not look like an ML interview question; these are the nearest entries.' : 'The notes do not cover this yet; these are the nearest entries.'));
  const list = h('ol', { class: 'sources' });
  (result.results || []).forEach((r, i) => {
    list.append(h('li', {}, h('button', { type: 'button', class: 'link source-link', 'data-cite': i + 1, onclick: () => openSource({ n: i + 1, entryId: r.entryId, question: r.question, section: r.section, url: r.url }, side, wrap) }, textWithMath(r.question)),
      h('span', { class: 'muted small' }, ` · ${r.section}`)));
  });
  wrap.append(list, h('div', { class: 'answer-meta' }, h('span', { class: 'pill generator' }, 'Answered by: search only (no generator)')));
  return wrap;
}

async function openSource(citation, side, card) {
  if (!citation) return;
  for (const b of document.querySelectorAll('.cite[aria-pressed="true"]')) b.setAttribute('aria-pressed', 'false');
  for (const b of card.querySelectorAll(`.cite[data-cite="${citation.n}"]`)) b.setAttribute('aria-pressed', 'true');
  side.replaceChildren(h('h2', {}, `Source [${citation.n}]`), h('h3', {}, textWithMath(citation.question || citation.entryId)), loading());
  if (window.matchMedia('(max-width: 899px)').matches) side.scrollIntoView({ behavior: 'smooth', block: 'start' });
  try {
    const entry = await api.get(`/api/questions/${encodeURIComponent(citation.entryId)}`);
    const body = entry.answer || '';
    const short = body.split(/\n(?=## )/).slice(0, 2).join('\n');
    side.replaceChildren(h('h2', {}, `Source [${citation.n}]`),
      h('h3', { id: 'source-question' }, textWithMath(entry.question)),
      h('div', { class: 'row small' }, h('span', { class: 'pill' }, entry.section), difficultyBadge(entry.difficulty)),
      markdownBlock(short, 'md source-body'),
      h('p', { class: 'row' }, h('a', { class: 'button secondary', href: `#/q/${encodeURIComponent(entry.id)}` }, 'Open full entry'),
        h('a', { class: 'button secondary', href: `#/practice?id=${encodeURIComponent(entry.id)}` }, 'Practise it')));
  } catch (e) {
    if (citation.url) {
      side.replaceChildren(h('h2', {}, `Source [${citation.n}]`), h('p', {}, h('a', { href: citation.url, target: '_blank', rel: 'noopener noreferrer' }, citation.question || citation.url)));
    } else {
      side.replaceChildren(h('h2', {}, `Source [${citation.n}]`), errorBox(e, () => openSource(citation, side, card)));
    }
  }
}

// ---------------------------------------------------------------- Browse

async function viewBrowse(arg, params, token) {
  const section = params.get('section') || '';
  const q = params.get('q') || '';
  const d = params.get('d') || '';
  const sectionNav = h('nav', { class: 'card', 'aria-label': 'Sections' }, h('h2', {}, 'Sections'), loading());
  const search = h('input', { type: 'search', id: 'browse-search', placeholder: 'Filter questions, e.g. attention', value: q, 'aria-label': 'Search questions' });
  const diff = h('select', { id: 'difficulty-filter', 'aria-label': 'Difficulty' },
    h('option', { value: '' }, 'All levels'),
    ...[1, 2, 3].map((n) => h('option', { value: n, selected: String(n) === d }, `${n} · ${DIFFICULTY[n]}`)));
  const list = h('div', { id: 'question-list' }, loading());
  main.append(h('div', { class: 'split browse' }, sectionNav,
    h('section', { class: 'card', 'aria-label': 'Questions' },
      h('h2', { id: 'browse-title' }, section || 'All questions'),
      h('div', { class: 'filters' }, search, diff), list,
      h('p', { class: 'row export-row' }, ankiExportControl(section)))));

  const update = (changes) => {
    const p = new URLSearchParams({ section, q: search.value.trim(), d: diff.value, ...changes });
    for (const [k, v] of [...p]) if (!v) p.delete(k);
    const hash = `#/browse${p.toString() ? `?${p}` : ''}`;
    return hash;
  };
  let debounce;
  search.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      setHashQuiet(update({}));
      loadList(section, search.value.trim(), diff.value, list, token);
    }, 250);
  });
  diff.addEventListener('change', () => {
    setHashQuiet(update({}));
    loadList(section, search.value.trim(), diff.value, list, token);
  });

  try {
    const all = await sections();
    if (!current(token)) return;
    const total = all.reduce((s, x) => s + x.count, 0);
    const ul = h('ul', { class: 'section-list' });
    const item = (name, count, value) => h('li', {}, h('button', { type: 'button', 'aria-pressed': String(section === value), 'data-section': value, onclick: () => { location.hash = update({ section: value }); } },
      h('span', {}, name), h('span', { class: 'count' }, String(count))));
    ul.append(item('All sections', total, ''), ...all.map((s) => item(s.section, s.count, s.section)));
    sectionNav.replaceChildren(h('h2', {}, 'Sections'), ul);
  } catch (e) {
    if (current(token)) sectionNav.replaceChildren(h('h2', {}, 'Sections'), errorBox(e, () => route(false)));
  }
  loadList(section, q, d, list, token);
}

async function loadList(section, q, d, list, token) {
  list.replaceChildren(loading());
  const params = new URLSearchParams();
  if (section) params.set('section', section);
  if (q) params.set('q', q);
  try {
    let questions = await api.get(`/api/questions${params.toString() ? `?${params}` : ''}`);
    if (!current(token)) return;
    if (d) questions = questions.filter((x) => String(x.difficulty) === d);
    list.replaceChildren(h('p', { class: 'muted small', id: 'result-count' }, `${questions.length} question${questions.length === 1 ? '' : 's'}`));
    if (questions.length) {
      list.append(questionList(questions));
    } else if (q) {
      // No question contains every word: offer the closest entries by meaning.
      const found = await api.get(`/api/search?q=${encodeURIComponent(q)}&k=8`);
      if (!current(token)) return;
      const hits = found.results.filter((r) => (!section || r.section === section));
      list.append(h('p', { class: 'muted' }, 'No question contains all of those words. Closest by meaning:'),
        questionList(hits.map((r) => ({ id: r.entryId, question: r.question, section: r.section }))));
    }
  } catch (e) {
    if (current(token)) list.replaceChildren(errorBox(e, () => loadList(section, q, d, list, token)));
  }
}

function questionList(questions) {
  return h('ul', { class: 'q-list' }, ...questions.map((x) => {
    const last = progress.lastScore(x.id);
    return h('li', {}, h('a', { href: `#/q/${encodeURIComponent(x.id)}`, 'data-id': x.id },
      h('div', { class: 'q-text' }, textWithMath(x.question)),
      h('div', { class: 'q-meta' }, x.section, x.difficulty ? difficultyBadge(x.difficulty) : null,
        last !== undefined ? scoreChip(last) : null)));
  }));
}

async function viewEntry(id, params, token) {
  main.append(loading());
  let entry;
  try {
    entry = await api.get(`/api/questions/${encodeURIComponent(id || '')}`);
  } catch (e) {
    if (current(token)) main.replaceChildren(errorBox(e, () => route(false)), h('p', {}, h('a', { href: '#/browse' }, 'Back to all questions')));
    return;
  }
  if (!current(token)) return;
  const card = progress.card(entry.id);
  const keyPoints = h('ol', { class: 'key-points', id: 'key-points', hidden: true }, ...entry.keyPoints.map((k) => h('li', {}, textWithMath(k))));
  const reveal = h('button', { type: 'button', class: 'secondary', id: 'reveal-key-points', 'aria-expanded': 'false', 'aria-controls': 'key-points' }, `Reveal the ${entry.keyPoints.length} key points`);
  reveal.addEventListener('click', () => {
    const open = keyPoints.hidden;
    keyPoints.hidden = !open;
    reveal.setAttribute('aria-expanded', String(open));
    reveal.textContent = open ? 'Hide key points' : `Reveal the ${entry.keyPoints.length} key points`;
  });
  const answerSection = h('section', { class: 'card', 'aria-labelledby': 'model-answer-title' }, h('h2', { id: 'model-answer-title' }, 'Model answer'), markdownBlock(entry.answer, 'md model-answer'));
  main.replaceChildren(
    h('div', { class: 'crumbs' }, h('a', { href: '#/browse' }, 'Browse'), ' › ', h('a', { href: `#/browse?section=${encodeURIComponent(entry.section)}` }, entry.section)),
    h('div', { class: 'split' },
      h('div', {},
        h('section', { class: 'card entry-head' },
          h('h2', { id: 'entry-question' }, textWithMath(entry.question)),
          h('div', { class: 'row' }, difficultyBadge(entry.difficulty), h('span', { class: 'pill' }, entry.origin === 'seed' ? 'From the question list' : 'Extra'),
            ...entry.tags.map((t) => h('span', { class: 'tag' }, `#${t}`))),
          card ? h('p', { class: 'small muted' }, 'Last score ', scoreChip(card.lastScore), ` · ${dueLabel(card.due)}`) : null,
          h('div', { class: 'row', style: null }, h('a', { class: 'button', id: 'practise-entry', href: `#/practice?id=${encodeURIComponent(entry.id)}` }, 'Practise this question'))),
        h('section', { class: 'card', 'aria-labelledby': 'kp-title' }, h('h2', { id: 'kp-title' }, 'Key points'),
          h('p', { class: 'muted small' }, 'Hidden so you can test yourself first: say your answer, then reveal.'), reveal, keyPoints),
        answerSection),
      h('aside', {},
        entry.followUps.length ? h('section', { class: 'card' }, h('h2', {}, 'Follow-up questions'), h('ul', { class: 'plain-list', id: 'follow-ups' }, ...entry.followUps.map((f) => h('li', {}, textWithMath(f))))) : null,
        entry.related.length ? h('section', { class: 'card' }, h('h2', {}, 'Related'), h('ul', { class: 'plain-list', id: 'related' }, ...entry.related.map((r) => h('li', {}, entryLink(r.id, r.question))))) : null,
        entry.resources.length ? h('section', { class: 'card' }, h('h2', {}, 'Resources'), h('div', { id: 'resources' }, ...entry.resources.map((r) => h('div', { class: 'resource' },
          h('a', { href: r.url, target: '_blank', rel: 'noopener noreferrer' }, r.title), ' ', h('span', { class: 'pill' }, r.kind),
          h('details', {}, h('summary', {}, 'Summary'), markdownBlock(r.summary)))))) : null)));
}

// ---------------------------------------------------------------- Practice

function loadSession() {
  try {
    const s = JSON.parse(localStorage.getItem(SESSION_KEY) || 'null');
    return s && Array.isArray(s.turns) && Array.isArray(s.asked) ? s : null;
  } catch (e) {
    return null;
  }
}

function saveSession(s) {
  if (s) localStorage.setItem(SESSION_KEY, JSON.stringify(s));
  else localStorage.removeItem(SESSION_KEY);
}

let timer = null;
function stopTimer() {
  if (timer) clearInterval(timer);
  timer = null;
}

async function viewPractice(arg, params, token) {
  const id = params.get('id');
  let session = loadSession();
  if (id) {
    // "Practise this question": a one-question session, replacing any unfinished one.
    settlePendingScore(session);
    session = newSession({ sections: [], difficulty: [], timer: session?.config?.timer || 0 }, 'single', [id]);
    saveSession(session);
    setHashQuiet('#/practice');
    return nextQuestion(session, token);
  }
  if (session && session.finished) return showSummary(session, token);
  if (session && session.current) return renderQuestion(session, token);
  if (session && session.feedback) return renderFeedback(session, token);
  if (session) return nextQuestion(session, token);
  renderSetup(token);
}

function newSession(config, mode, prefer = []) {
  return { config, mode, prefer, turns: [], asked: [], current: null, feedback: null, startedAt: Date.now() };
}

async function renderSetup(token, mode = 'practice') {
  const form = h('form', { class: 'card', id: 'practice-setup' }, h('h2', {}, 'Mock interview'),
    h('p', { class: 'muted' }, 'Pick topics and levels, answer each question as you would in an interview, and get feedback on what you covered and what you missed.'),
    loading());
  main.append(form);
  let all;
  try {
    all = await sections();
  } catch (e) {
    if (current(token)) form.replaceChildren(h('h2', {}, 'Mock interview'), errorBox(e, () => route(false)));
    return;
  }
  if (!current(token)) return;
  const saved = JSON.parse(localStorage.getItem('mltutor.practice.config') || '{}');
  const sectionBoxes = all.map((s) => h('label', {}, h('input', { type: 'checkbox', name: 'section', value: s.section, checked: (saved.sections || []).includes(s.section) }), `${s.section} (${s.count})`));
  const diffBoxes = [1, 2, 3].map((n) => h('label', {}, h('input', { type: 'checkbox', name: 'difficulty', value: n, checked: (saved.difficulty || []).includes(n) }), `${n} · ${DIFFICULTY[n]}`));
  const timerSelect = h('select', { id: 'timer-select', name: 'timer' }, ...[[0, 'No timer'], [60, '1 minute'], [120, '2 minutes'], [180, '3 minutes'], [300, '5 minutes']]
    .map(([v, l]) => h('option', { value: v, selected: Number(saved.timer || 0) === v }, l)));
  const due = progress.dueIds().length;
  form.replaceChildren(h('h2', {}, 'Mock interview'),
    h('p', { class: 'muted' }, 'Pick topics and levels (none ticked means all), answer each question as you would in an interview, and get feedback on what you covered and what you missed.'),
    h('fieldset', {}, h('legend', {}, 'Sections'), h('div', { class: 'checks' }, ...sectionBoxes)),
    h('fieldset', {}, h('legend', {}, 'Difficulty'), h('div', { class: 'checks' }, ...diffBoxes)),
    h('div', { class: 'row' }, h('label', { for: 'timer-select' }, 'Time per question'), h('div', {}, timerSelect)),
    h('p', { class: 'row' }, h('button', { type: 'submit', id: 'start-practice' }, 'Start interview'),
      due ? h('span', { class: 'muted small' }, `${due} question${due === 1 ? ' is' : 's are'} due for review; they come first.`) : null));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const config = {
      sections: [...form.querySelectorAll('input[name=section]:checked')].map((x) => x.value),
      difficulty: [...form.querySelectorAll('input[name=difficulty]:checked')].map((x) => Number(x.value)),
      timer: Number(timerSelect.value),
    };
    localStorage.setItem('mltutor.practice.config', JSON.stringify(config));
    const session = newSession(config, mode, progress.dueIds());
    saveSession(session);
    nextQuestion(session, renderToken);
  });
}

async function nextQuestion(session, token) {
  settlePendingScore(session);
  main.replaceChildren(loading('Choosing a question…'));
  const review = session.mode === 'review';
  const body = {
    sections: review ? [] : session.config.sections,
    difficulty: review ? [] : session.config.difficulty,
    exclude: session.asked,
    prefer: session.prefer.filter((x) => !session.asked.includes(x)),
  };
  try {
    if (session.mode === 'single' && session.asked.length) throw Object.assign(new ApiError('done', 404), { done: true });
    const q = await api.post('/api/interview/next', body);
    if (review && !session.prefer.includes(q.id)) throw Object.assign(new ApiError('done', 404), { done: true });
    if (!current(token)) return;
    session.current = q;
    session.feedback = null;
    session.asked.push(q.id);
    session.draft = '';
    session.deadline = session.config.timer ? Date.now() + session.config.timer * 1000 : null;
    saveSession(session);
    renderQuestion(session, token);
  } catch (e) {
    if (!current(token)) return;
    if (e.status === 404 && (e.done || /no questions left/.test(e.message))) {
      if (session.turns.length) return finish(session, token, review ? 'You have worked through every question due for review.' : 'You have answered every question matching your choices.');
      saveSession(null);
      main.replaceChildren(h('div', { class: 'card' }, h('h2', {}, 'No questions left'),
        h('p', {}, review ? 'Nothing is due for review today.' : 'Every question matching your choices was asked in this session.'),
        h('a', { class: 'button', href: '#/practice' }, 'Choose again')));
      return;
    }
    main.replaceChildren(errorBox(e, () => nextQuestion(session, token)),
      h('p', {}, h('button', { type: 'button', class: 'ghost', onclick: () => { saveSession(null); route(false); } }, 'Back to the setup')));
  }
}

function sessionHeader(session) {
  const n = session.turns.length + (session.current ? 1 : 0);
  return h('div', { class: 'row small muted' }, session.mode === 'review' ? 'Review session' : 'Mock interview', ` · question ${n}`,
    session.turns.length ? ` · average so far ${Math.round(session.turns.reduce((s, t) => s + t.score, 0) / session.turns.length)}` : '');
}

function renderQuestion(session, token) {
  const q = session.current;
  const answer = h('textarea', { id: 'answer-input', rows: 10, 'aria-describedby': 'answer-hint', placeholder: 'Answer as you would say it in the interview: the short answer first, then the mechanism, an example and the trade-offs.' });
  answer.value = session.draft || '';
  answer.addEventListener('input', () => { session.draft = answer.value; saveSession(session); });
  const submit = h('button', { type: 'submit', id: 'submit-answer' }, 'Get feedback');
  const status = h('div', { id: 'answer-status', 'aria-live': 'polite' });
  const timerEl = h('span', { class: 'timer', id: 'timer', role: 'timer', 'aria-label': 'Time left' });
  const form = h('form', { class: 'card question-card' },
    sessionHeader(session),
    h('div', { class: 'row' }, h('span', { class: 'pill' }, q.section), difficultyBadge(q.difficulty), h('span', { class: 'spacer' }), session.deadline ? timerEl : null),
    h('h2', { class: 'q-big', id: 'practice-question' }, textWithMath(q.question)),
    h('label', { for: 'answer-input' }, 'Your answer'), answer, charCounter(answer, limits?.answerChars),
    h('div', { class: 'row' }, submit,
      h('button', { type: 'button', class: 'ghost', id: 'skip-question', onclick: () => nextQuestion(session, token) }, 'Skip'),
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'ghost', id: 'end-session', onclick: () => finish(session, token) }, 'End session')),
    h('p', { class: 'kbd-hint', id: 'answer-hint' }, h('kbd', {}, 'Ctrl'), '+', h('kbd', {}, 'Enter'), ' submits.'),
    status);
  main.replaceChildren(form);
  const send = async () => {
    const text = answer.value.trim();
    if (!text) {
      status.replaceChildren(h('p', { class: 'notice' }, 'Write an answer first (or Skip).'));
      answer.focus();
      return;
    }
    if (limits && text.length > limits.answerChars) {
      status.replaceChildren(h('p', { class: 'notice' }, `Your answer is ${text.length.toLocaleString()} characters; the limit is ${limits.answerChars.toLocaleString()}.`));
      return;
    }
    submit.disabled = true;
    stopTimer();
    status.replaceChildren(loading('Grading your answer…'));
    try {
      const fb = await api.post('/api/feedback', { id: q.id, answer: text });
      session.turns.push({ id: q.id, question: q.question, section: q.section, score: fb.score, graderScore: fb.score,
        answer: text, wrong: fb.wrong || [], missing: fb.missing, followUp: fb.followUp ? fb.followUp.question : '' });
      session.feedback = { ...fb, question: q.question, section: q.section, difficulty: q.difficulty, answer: text,
        choices: defaultChoices(pointsOf(fb)), recorded: null };
      session.current = null;
      // An LLM judge decides correctness itself: its score counts at once. An offline grade waits for the
      // candidate's check of the matches (or for them to move on).
      if (!needsSelfCheck(fb)) recordScore(session, fb.score, fb.selfCheck === false ? 'judge' : 'grader');
      saveSession(session);
      if (current(token)) renderFeedback(session, token);
    } catch (e) {
      submit.disabled = false;
      status.replaceChildren(errorBox(e, send));
    }
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); send(); });
  onCtrlEnter(answer, send);
  if (session.deadline) startTimer(session, timerEl, answer, status, send);
  answer.focus();
}

function startTimer(session, el, answer, status, send) {
  const tick = () => {
    const left = Math.max(0, Math.round((session.deadline - Date.now()) / 1000));
    el.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
    el.classList.toggle('low', left <= 15);
    if (left === 0) {
      stopTimer();
      if (answer.value.trim()) {
        status.replaceChildren(h('p', { class: 'notice' }, 'Time is up: submitting what you have.'));
        send();
      } else {
        status.replaceChildren(h('p', { class: 'notice' }, 'Time is up. Write what you can, or skip.'));
      }
    }
  };
  stopTimer();
  tick();
  timer = setInterval(tick, 1000);
}

function renderFeedback(session, token) {
  const fb = session.feedback;
  const modelAnswer = h('div', { id: 'model-answer' }, loading());
  const details = h('details', { id: 'model-answer-details' }, h('summary', {}, 'Compare with the model answer'), modelAnswer);
  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    try {
      const entry = await api.get(`/api/questions/${encodeURIComponent(fb.id)}`);
      modelAnswer.replaceChildren(markdownBlock(entry.answer));
    } catch (e) {
      loaded = false;
      modelAnswer.replaceChildren(errorBox(e));
    }
  });
  const followUp = fb.followUp;
  const fuInput = h('textarea', { id: 'followup-input', rows: 5, 'aria-label': 'Your answer to the follow-up question' });
  const fuResult = h('div', { id: 'followup-result', 'aria-live': 'polite' });
  const fuButton = h('button', { type: 'button', class: 'secondary', id: 'submit-followup' }, 'Answer the follow-up');
  const sendFollowUp = async () => {
    const text = fuInput.value.trim();
    if (!text) {
      fuResult.replaceChildren(h('p', { class: 'notice' }, 'Write an answer to the follow-up first.'));
      return;
    }
    fuButton.disabled = true;
    fuResult.replaceChildren(loading('Checking…'));
    try {
      const r = await api.post('/api/feedback', { id: fb.id, answer: limits ? text.slice(0, limits.answerChars) : text });
      const now = gaps(fb).filter((m) => r.covered.includes(m));
      const stillWrong = r.wrong || [];
      const target = followUp.keyPoint;
      const hitTarget = target && r.covered.includes(target);
      fuResult.replaceChildren(...[
        h('p', { class: hitTarget || (!target && now.length) ? 'notice good-news' : 'notice' },
          target ? (hitTarget ? 'You covered the point this follow-up was probing.'
            : stillWrong.includes(target) ? 'The point this follow-up probes is stated wrongly again.' : 'The point this follow-up probes is still missing.')
            : `Your follow-up answer covers ${r.covered.length} of the ${r.covered.length + r.missing.length + stillWrong.length} key points.`),
        now.length ? h('div', {}, h('strong', {}, 'Now covered:'), h('ul', { class: 'points covered' }, ...now.map((p) => h('li', {}, textWithMath(p))))) : null,
        stillWrong.length ? h('div', {}, h('strong', {}, 'Stated wrongly:'), h('ul', { class: 'points wrong' }, ...stillWrong.map((p) => h('li', {}, textWithMath(p))))) : null,
        target && !hitTarget ? h('p', { class: 'small' }, 'What it looks for: ', textWithMath(target)) : null].filter(Boolean));
      recordFollowUp(session, fb.id, text, fuResult.querySelector('p')?.textContent || '');
    } catch (e) {
      fuResult.replaceChildren(errorBox(e, sendFollowUp));
    }
    fuButton.disabled = false;
  };
  fuButton.addEventListener('click', sendFollowUp);
  onCtrlEnter(fuInput, sendFollowUp);
  const next = h('button', { type: 'button', id: 'next-question', onclick: () => nextQuestion(session, token) }, session.mode === 'single' ? 'Finish' : 'Next question');
  const check = selfCheckView(session);
  main.replaceChildren(h('section', { class: 'card', id: 'feedback', 'aria-labelledby': 'feedback-title' },
    sessionHeader(session),
    h('div', { class: 'score-head' },
      check.ring,
      h('div', { class: 'score-text' }, h('h2', { id: 'feedback-title' }, textWithMath(fb.question)),
        h('div', { class: 'row small' }, h('span', { class: 'pill' }, fb.section), h('span', { class: 'pill generator', title: 'Who graded this answer' }, `Graded by: ${generatorLabel(fb.generator)}`),
          fb.fallbackReason ? h('span', { class: 'muted small' }, `(LLM judge unavailable: ${fb.fallbackReason})`) : null),
        fb.checkedBy ? h('p', { class: 'small muted checked-by', id: 'checked-by' }, fb.checkedBy) : null,
        check.status)),
    check.rating,
    check.groups,
    check.recordRow,
    h('h3', {}, 'Feedback'), markdownBlock(fb.feedback, 'md feedback-body'),
    h('details', {}, h('summary', {}, 'Your answer'), h('div', { class: 'your-answer' }, fb.answer)),
    details,
    followUp ? h('div', { class: 'followup', id: 'followup' },
      h('div', { class: 'small muted' }, 'The interviewer follows up:'),
      h('p', { class: 'fq', id: 'followup-question' }, textWithMath(followUp.question)),
      h('p', { class: 'small muted' }, followUp.rationale),
      fuInput, h('div', { class: 'row' }, fuButton), fuResult) : null,
    h('div', { class: 'row', style: null }, next, h('button', { type: 'button', class: 'ghost', id: 'end-session', onclick: () => finish(session, token) }, 'End session and see summary'))));
  document.getElementById('score').scrollIntoView({ block: 'nearest' });
  next.focus({ preventScroll: true });
}

/**
 * Records the feedback's score for review scheduling (FSRS rating, progress history) once: `by` says whose score it
 * is ('self' the candidate's confirmed score, 'grader' the offline grader's as it stood, 'judge' the LLM judge's).
 */
function recordScore(session, score, by) {
  const fb = session.feedback;
  if (!fb || fb.recorded !== null) return;
  progress.record({ id: fb.id, question: fb.question, section: fb.section }, score, session.mode);
  fb.recorded = { score, by };
  const turn = [...session.turns].reverse().find((t) => t.id === fb.id);
  if (turn) {
    turn.score = score;
    turn.scoredBy = by;
  }
  saveSession(session);
}

/** The candidate moved on without recording a checked grade: the grader's score counts as it is. */
function settlePendingScore(session) {
  if (session && session.feedback && session.feedback.recorded === null) recordScore(session, session.feedback.score, 'grader');
}

function recordedText(fb) {
  const { score, by } = fb.recorded;
  if (by === 'self') {
    return `Recorded for review: ${score}, your confirmed score${score === fb.score ? ' (the same as the grader\'s)' : ` (the grader gave ${fb.score})`}.`;
  }
  return `Recorded for review: ${score}, the ${by === 'judge' ? 'judge' : 'grader'}'s score.`;
}

/**
 * The score ring, the key points in three groups (covered, wrong, missing) and, for an offline grade, the
 * candidate's check: each covered or wrong match beside its key point with "I said this correctly" / "I got this
 * wrong" (pre-selected from the verdict), the score those choices give, and "Record score". Candidate text goes in
 * as text nodes only.
 */
function selfCheckView(session) {
  const fb = session.feedback;
  // Feedback saved by an older page was recorded when it arrived, with the grader's score.
  if (fb.recorded === undefined) fb.recorded = { score: fb.score, by: fb.selfCheck === false ? 'judge' : 'grader' };
  const points = pointsOf(fb);
  if (!Array.isArray(fb.choices) || fb.choices.length !== points.length) fb.choices = defaultChoices(points);
  const checking = needsSelfCheck(fb);
  const ring = h('div', { id: 'score' });
  const status = h('p', { class: 'small score-status', id: 'score-status', 'aria-live': 'polite' });
  const rating = h('div', { class: 'rating-slot' });
  const recordRow = h('div', { class: 'record-row', id: 'record-row' });
  const buttons = [];
  const shown = () => (fb.recorded ? fb.recorded.score : checking ? confirmedScore(points, fb.choices) : fb.score);
  const update = () => {
    const score = shown();
    ring.className = `score-ring ${scoreClass(score)}`;
    ring.textContent = String(score);
    ring.setAttribute('aria-label', `Score ${score} out of 100`);
    for (const b of buttons) {
      b.right.setAttribute('aria-pressed', String(Boolean(fb.choices[b.i])));
      b.wrong.setAttribute('aria-pressed', String(!fb.choices[b.i]));
      b.right.disabled = Boolean(fb.recorded);
      b.wrong.disabled = Boolean(fb.recorded);
    }
    if (fb.recorded) {
      status.replaceChildren(h('span', { id: 'recorded-score', 'data-score': fb.recorded.score, 'data-by': fb.recorded.by }, recordedText(fb)));
      recordRow.replaceChildren();
      if (!rating.firstChild) rating.append(ratingBar(fb.id));
    } else {
      status.replaceChildren(score === fb.score
        ? `Not recorded yet: the grader gave ${fb.score}. Check the matches below, then press Record score; moving on without it records ${fb.score}.`
        : `Not recorded yet: the grader gave ${fb.score}, your check makes it ${score}. Press Record score to count ${score} for review; moving on without it records the grader's ${fb.score}.`);
      recordRow.replaceChildren(h('div', { class: 'row' },
        h('span', {}, 'Score to record: ', h('strong', { id: 'score-to-record' }, String(score)), ` (grader: ${fb.score})`),
        h('button', { type: 'button', id: 'record-score', onclick: () => { recordScore(session, confirmedScore(points, fb.choices), 'self'); update(); } }, 'Record score')));
    }
  };
  const choose = (i, right) => {
    if (fb.recorded) return;
    fb.choices[i] = right;
    saveSession(session);
    update();
  };
  const item = (p, i) => {
    if (p.verdict === 'missing') return h('li', { 'data-point': i }, textWithMath(p.point));
    const quote = p.evidence && (p.verdict === 'wrong' || checking)
      ? h('blockquote', { class: 'evidence' }, h('span', { class: 'evidence-label' }, 'You said: '), p.evidence) : null;
    const findings = (p.findings || []).length ? h('ul', { class: 'findings' }, ...p.findings.map((f) => h('li', {}, f))) : null;
    const point = p.verdict === 'wrong'
      ? h('div', { class: 'kp' }, h('span', { class: 'evidence-label' }, 'The notes say: '), textWithMath(p.point))
      : h('div', { class: 'kp' }, textWithMath(p.point));
    let choice = null;
    if (checking && confirmable(p)) {
      const right = h('button', { type: 'button', class: 'secondary choice', 'data-choice': 'right', onclick: () => choose(i, true) }, 'I said this correctly');
      const wrong = h('button', { type: 'button', class: 'secondary choice', 'data-choice': 'wrong', onclick: () => choose(i, false) }, 'I got this wrong');
      buttons.push({ i, right, wrong });
      choice = h('div', { class: 'row self-check', role: 'group', 'aria-label': 'Was this match right?' }, right, wrong);
    }
    return p.verdict === 'wrong' ? h('li', { 'data-point': i }, quote, findings, point, choice)
      : h('li', { 'data-point': i }, point, quote, choice);
  };
  // Feedback kept from before the three-state verdict has only the lists: show them, with nothing to confirm.
  const all = points.length ? points : [
    ...fb.covered.map((point) => ({ point, verdict: 'covered' })),
    ...(fb.wrong || []).map((point) => ({ point, verdict: 'wrong' })),
    ...fb.missing.map((point) => ({ point, verdict: 'missing' }))];
  const group = (verdict, title, empty) => {
    const members = all.map((p, i) => [p, i]).filter(([p]) => p.verdict === verdict);
    return h('div', { class: 'point-group' }, h('h3', {}, `${title} (${members.length})`),
      members.length ? h('ul', { class: `points ${verdict}`, id: verdict }, ...members.map(([p, i]) => item(p, i)))
        : h('p', { class: 'muted', id: verdict }, empty));
  };
  const groups = h('div', { class: 'point-groups' },
    checking ? h('p', { class: 'notice self-check-intro' }, 'The offline grader matched these sentences of your answer to the key points, but its rules catch only some wrong statements. Check each match against the notes and say whether you said it correctly.') : null,
    group('covered', 'Covered', 'None yet.'), group('wrong', 'Wrong', 'Nothing stated wrongly that the grader could see.'),
    group('missing', 'Missing', 'Nothing missing.'));
  update();
  return { ring, status, rating, groups, recordRow };
}

async function finish(session, token, reason) {
  settlePendingScore(session);
  stopTimer();
  session.current = null;
  session.finished = true;
  session.reason = reason || '';
  saveSession(session);
  showSummary(session, token);
}

async function showSummary(session, token) {
  if (!session.turns.length) {
    saveSession(null);
    route(false);
    return;
  }
  main.replaceChildren(loading('Summing up your session…'));
  try {
    const s = await api.post('/api/interview/summary', { turns: session.turns.map((t) => ({ id: t.id, score: t.score })) });
    if (!current(token)) return;
    const topicList = (topics, empty) => topics.length
      ? h('ul', { class: 'plain-list' }, ...topics.map((t) => h('li', {}, `${t.topic} `, h('span', { class: 'muted small' }, `(${t.kind}, ${t.answered} answered)`), ' ', scoreChip(t.averageScore))))
      : h('p', { class: 'muted' }, empty);
    main.replaceChildren(h('section', { class: 'card', id: 'session-summary', 'aria-labelledby': 'summary-title' },
      h('h2', { id: 'summary-title' }, 'Session summary'),
      session.reason ? h('p', { class: 'muted' }, session.reason) : null,
      h('div', { class: 'stats' },
        h('div', { class: 'stat' }, h('div', { class: 'n', id: 'summary-answered' }, String(s.answered)), h('div', { class: 'l' }, 'questions answered')),
        h('div', { class: 'stat' }, h('div', { class: 'n', id: 'summary-average' }, String(s.averageScore)), h('div', { class: 'l' }, 'average score'))),
      h('div', { class: 'split' },
        h('div', {}, h('h3', {}, 'Strengths'), topicList(s.strengths, 'No topic averaged 70 or more yet.')),
        h('div', {}, h('h3', {}, 'Weak topics'), topicList(s.weakTopics, 'No topic averaged below 50.'))),
      h('h3', {}, 'Review next'),
      s.review.length ? h('ul', { class: 'plain-list', id: 'summary-review' }, ...s.review.map((r) => h('li', {}, entryLink(r.id, r.question), ' ', scoreChip(r.score))))
        : h('p', { class: 'muted', id: 'summary-review' }, 'Nothing to review: every answer scored 70 or more.'),
      h('h3', {}, 'Your answers'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'simple' }, h('thead', {}, h('tr', {}, h('th', {}, 'Question'), h('th', {}, 'Score'))),
        h('tbody', {}, ...session.turns.map((t) => h('tr', {}, h('td', {}, entryLink(t.id, t.question)), h('td', {}, scoreChip(t.score))))))),
      h('p', { class: 'row' }, h('button', { type: 'button', id: 'new-session', onclick: () => { saveSession(null); route(false); } }, 'Start a new session'),
        h('button', { type: 'button', class: 'secondary', id: 'download-summary', onclick: () => downloadInterviewMarkdown(session, s) }, 'Download as Markdown'),
        h('a', { class: 'button secondary', href: '#/review' }, 'Review queue'))));
  } catch (e) {
    if (current(token)) main.replaceChildren(errorBox(e, () => showSummary(session, token)));
  }
}

/** Keeps the answer to a follow-up with its turn, for the session's Markdown export. */
function recordFollowUp(session, id, answer, result) {
  const turn = [...session.turns].reverse().find((t) => t.id === id);
  if (!turn) return;
  turn.followUpAnswer = answer;
  turn.followUpResult = result;
  saveSession(session);
}

// ---------------------------------------------------------------- Review

function viewReview(arg, params, token) {
  const due = progress.dueIds();
  const upcoming = progress.upcoming();
  const start = h('button', { type: 'button', id: 'start-review', disabled: !due.length }, due.length ? `Start review (${due.length} due)` : 'Nothing due today');
  start.addEventListener('click', () => {
    const session = newSession({ sections: [], difficulty: [], timer: 0 }, 'review', due);
    saveSession(session);
    location.hash = '#/practice';
  });
  const row = (id) => {
    const c = progress.card(id);
    const n = progress.name(id) || { question: id, section: '' };
    return h('li', {}, entryLink(id, n.question), h('div', { class: 'q-meta' }, n.section, scoreChip(c.lastScore), dueLabel(c.due)));
  };
  main.append(h('div', { class: 'split' },
    h('section', { class: 'card', 'aria-labelledby': 'review-title' },
      h('h2', { id: 'review-title' }, 'Due today'),
      h('p', { class: 'muted' }, 'Spaced repetition (FSRS-6): each question comes back when your predicted recall falls to 90%. A score under 40 counts as Again, 40-69 as Hard, 70-89 as Good, 90 or more as Easy; the buttons after the feedback let you rate yourself instead.'),
      h('p', {}, start),
      due.length ? h('ul', { class: 'q-list', id: 'due-list' }, ...due.map(row)) : h('p', { class: 'muted', id: 'due-list' },
        progress.seenIds().length ? 'You are all caught up.' : 'Answer some questions in Practice and they will be scheduled here.')),
    h('section', { class: 'card', 'aria-labelledby': 'upcoming-title' }, h('h2', { id: 'upcoming-title' }, 'Coming up'),
      upcoming.length ? h('ul', { class: 'q-list', id: 'upcoming-list' }, ...upcoming.slice(0, 30).map((c) => row(c.id))) : h('p', { class: 'muted' }, 'Nothing scheduled yet.'))));
}

// ---------------------------------------------------------------- Progress

function viewProgress(arg, params, token) {
  const attempts = progress.attempts();
  const readinessSection = h('section', { class: 'card', id: 'readiness', 'aria-labelledby': 'readiness-title' },
    h('h2', { id: 'readiness-title' }, 'Readiness by section'), loading());
  sections().then((all) => {
    if (!current(token)) return;
    readinessSection.replaceChildren(h('h2', { id: 'readiness-title' }, 'Readiness by section'),
      h('p', { class: 'muted small' }, 'Practised: share of the section\'s questions answered at least once. Retained: last rated Good or Easy and predicted recall still 90% or more. Predicted recall: FSRS\'s probability that you recall each question today, averaged over the whole section.'),
      readinessView(readiness(all)));
  }, (e) => { if (current(token)) readinessSection.replaceChildren(h('h2', {}, 'Readiness by section'), errorBox(e, () => route(false))); });
  const seen = progress.seenIds();
  const avg = attempts.length ? Math.round(attempts.reduce((s, a) => s + a.score, 0) / attempts.length) : 0;
  const bySection = {};
  for (const id of seen) {
    const n = progress.name(id);
    const c = progress.card(id);
    const key = n ? n.section : 'Unknown';
    (bySection[key] = bySection[key] || []).push(c.lastScore);
  }
  const message = h('div', { id: 'progress-message', 'aria-live': 'polite' });
  const fileInput = h('input', { type: 'file', id: 'import-file', accept: 'application/json,.json', hidden: true });
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files[0];
    if (!file) return;
    try {
      if (file.size > 5 * 1024 * 1024) throw new Error('The file is larger than 5 MB; a progress export is much smaller.');
      const n = progress.importJson(await file.text());
      route(false);
      document.getElementById('progress-message')?.replaceChildren(h('p', { class: 'notice' }, `Imported ${n} attempts.`));
    } catch (e) {
      message.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, 'Import failed.'), e.message));
    }
    fileInput.value = '';
  });
  const confirmBox = h('div', { class: 'notice', id: 'confirm-reset-box', hidden: true },
    h('p', {}, 'Delete all progress in this browser? Export it first if you may want it back.'),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'danger', id: 'confirm-reset', onclick: () => { progress.reset(); saveSession(null); route(false); } }, 'Yes, delete everything'),
      h('button', { type: 'button', class: 'ghost', onclick: () => { confirmBox.hidden = true; } }, 'Cancel')));
  main.append(
    h('section', { class: 'card', 'aria-labelledby': 'progress-title' },
      h('h2', { id: 'progress-title' }, 'Your progress'),
      h('div', { class: 'stats' },
        h('div', { class: 'stat' }, h('div', { class: 'n', id: 'stat-questions' }, String(seen.length)), h('div', { class: 'l' }, 'questions practised')),
        h('div', { class: 'stat' }, h('div', { class: 'n', id: 'stat-attempts' }, String(attempts.length)), h('div', { class: 'l' }, 'answers graded')),
        h('div', { class: 'stat' }, h('div', { class: 'n', id: 'stat-average' }, attempts.length ? String(avg) : '–'), h('div', { class: 'l' }, 'average score')),
        h('div', { class: 'stat' }, h('div', { class: 'n', id: 'stat-due' }, String(progress.dueIds().length)), h('div', { class: 'l' }, 'due for review'))),
      attempts.length ? h('div', { id: 'score-over-time' }, h('h3', {}, 'Scores over time'), scoreChart(attempts)) : null),
    readinessSection,
    Object.keys(bySection).length ? h('section', { class: 'card' }, h('h2', {}, 'By section'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'simple' }, h('thead', {}, h('tr', {}, h('th', {}, 'Section'), h('th', {}, 'Questions'), h('th', {}, 'Average latest score'))),
        h('tbody', {}, ...Object.entries(bySection).sort().map(([s, scores]) => h('tr', {}, h('td', {}, s), h('td', {}, String(scores.length)),
          h('td', {}, scoreChip(Math.round(scores.reduce((a, b) => a + b, 0) / scores.length))))))))) : null,
    attempts.length ? h('section', { class: 'card' }, h('h2', {}, 'Recent answers'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'simple', id: 'recent-attempts' }, h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Question'), h('th', {}, 'Score'))),
        h('tbody', {}, ...attempts.slice(-15).reverse().map((a) => h('tr', {}, h('td', {}, fmtDate(a.at)),
          h('td', {}, entryLink(a.id, (progress.name(a.id) || { question: a.id }).question)), h('td', {}, scoreChip(a.score)))))))) : null,
    h('section', { class: 'card', 'aria-labelledby': 'data-title' },
      h('h2', { id: 'data-title' }, 'Your data'),
      h('p', { class: 'muted' }, 'Progress is stored only in this browser. Export it to a file to keep a backup or to move to another browser.'),
      h('div', { class: 'row' },
        h('button', { type: 'button', id: 'export-progress', onclick: exportProgress }, 'Export JSON'),
        h('button', { type: 'button', class: 'secondary', id: 'import-progress', onclick: () => fileInput.click() }, 'Import JSON'),
        fileInput,
        h('span', { class: 'spacer' }),
        h('button', { type: 'button', class: 'ghost', id: 'reset-progress', onclick: () => { confirmBox.hidden = false; document.getElementById('confirm-reset').focus(); } }, 'Reset progress')),
      confirmBox, message,
      h('h3', {}, 'Study in Anki'),
      h('p', { class: 'muted' }, 'Every question as an Anki deck: the question on the front; the short answer, key points and a link back here on the back. Importing a newer export updates the cards you have.'),
      h('p', { class: 'row export-row' }, ankiExportControl(''))));
}

function exportProgress() {
  const blob = new Blob([progress.exportJson()], { type: 'application/json' });
  const a = h('a', { href: URL.createObjectURL(blob), download: `ml-tutor-progress-${new Date().toISOString().slice(0, 10)}.json` });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

// ---------------------------------------------------------------- Plan

async function viewPlan(arg, params, token) {
  main.append(loading());
  try {
    const all = await sections();
    if (!current(token)) return;
    main.replaceChildren(planView(all, (chosen) => {
      localStorage.setItem('mltutor.practice.config', JSON.stringify({ sections: chosen, difficulty: [], timer: 0 }));
      const session = newSession({ sections: chosen, difficulty: [], timer: 0 }, 'practice', progress.dueIds());
      saveSession(session);
      location.hash = '#/practice';
    }));
  } catch (e) {
    if (current(token)) main.replaceChildren(errorBox(e, () => route(false)));
  }
}

// ---------------------------------------------------------------- start

window.addEventListener('hashchange', () => route());
progress.onChange(updateDueBadge);
updateDueBadge();
checkHealth();
// The first view waits for the limits, so its inputs carry them from the start.
loadLimits().finally(() => route(false));
