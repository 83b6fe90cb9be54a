// Study views on top of the progress store: the rating buttons after feedback, the score chart and per-section
// readiness on the Progress tab, and the interview-date plan. Charts are drawn by Chart.js (window.Chart, its
// UMD build from the WebJar); the plan's logic is the pure makePlan in plan.js.

import { h, scoreClass } from './render.js';
import { progress, scheduler, startOfDay } from './progress.js';
import { RATING_NAMES, gradeFromScore } from './fsrs.js';
import { makePlan, MINUTES_NEW, MINUTES_REVIEW } from './plan.js';

const PLAN_KEY = 'mltutor.plan.v1';
const DAY = 24 * 60 * 60 * 1000;

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

function intervalLabel(days) {
  if (days < 31) return `${days} d`;
  if (days < 365) return `${Math.round(days / 30.4)} mo`;
  return `${(days / 365).toFixed(1)} y`;
}

function fmtDay(t) {
  return new Date(t).toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
}

/**
 * Again / Hard / Good / Easy for the question just graded, each with the interval it gives. The score's rating
 * is pressed; another one replaces it (the review is counted once).
 */
export function ratingBar(id) {
  const wrap = h('div', { class: 'rating-bar', id: 'rating-bar', role: 'group', 'aria-label': 'How well did you recall it?' });
  const draw = () => {
    const card = progress.card(id);
    const options = progress.ratingOptions(id);
    if (!card || !options) return;
    wrap.replaceChildren(h('span', { class: 'small muted' }, `Next review (FSRS): the score ${card.lastScore} counts as ${RATING_NAMES[gradeFromScore(card.lastScore)]}; your own rating overrides it.`),
      h('div', { class: 'row' }, ...[1, 2, 3, 4].map((g) => h('button', {
        type: 'button', class: `secondary rate rate-${g}`, 'data-grade': g, 'aria-pressed': String(card.lastGrade === g),
        onclick: () => { progress.rate(id, g); draw(); },
      }, `${RATING_NAMES[g]} · ${intervalLabel(options[g].scheduledDays)}`))),
      h('p', { class: 'small muted', id: 'next-review' }, `Comes back on ${fmtDay(card.due)}.`));
  };
  draw();
  return wrap;
}

/** Score of every graded answer in order, with the running average of the last five. */
export function scoreChart(attempts) {
  const canvas = h('canvas', { id: 'score-chart', role: 'img', 'aria-label': `Scores of your ${attempts.length} graded answers` });
  const box = h('div', { class: 'chart-box' }, canvas);
  const shown = attempts.slice(-200);
  const rolling = shown.map((_, i) => {
    const window = shown.slice(Math.max(0, i - 4), i + 1);
    return Math.round(window.reduce((s, a) => s + a.score, 0) / window.length);
  });
  new window.Chart(canvas, {
    type: 'line',
    data: {
      labels: shown.map((a) => new Date(a.at).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })),
      datasets: [
        { label: 'Score', data: shown.map((a) => a.score), showLine: false, pointRadius: 3,
          pointBackgroundColor: shown.map((a) => cssVar(`--${scoreClass(a.score)}`)), borderColor: cssVar('--muted') },
        { label: 'Average of the last 5', data: rolling, borderColor: cssVar('--accent'), pointRadius: 0, tension: 0.3 },
      ],
    },
    options: {
      animation: false, maintainAspectRatio: false, responsive: true,
      scales: { y: { min: 0, max: 100, ticks: { stepSize: 20 } }, x: { ticks: { maxTicksLimit: 6, autoSkip: true } } },
      plugins: { legend: { labels: { boxWidth: 12 } } },
    },
  });
  return box;
}

/**
 * Per section: the share of its questions practised, the share retained (last rated Good or Easy and predicted
 * recall still at least 90%) and the predicted recall over all its questions (FSRS retrievability now; a
 * question never practised counts 0).
 */
export function readiness(sections, now = Date.now()) {
  const cards = progress.cards();
  return sections.map((s) => {
    let practised = 0;
    let retained = 0;
    let recall = 0;
    for (const [id, card] of Object.entries(cards)) {
      if (progress.name(id)?.section !== s.section) continue;
      const r = scheduler.recallAt(card, now);
      practised += 1;
      recall += r;
      if (card.lastGrade >= 3 && r >= scheduler.requestRetention) retained += 1;
    }
    const n = Math.max(s.count, practised);
    return { section: s.section, count: s.count, practised: practised / n, retained: retained / n, recall: recall / n };
  });
}

export function readinessView(rows) {
  const pct = (x) => Math.round(100 * x);
  const canvas = h('canvas', { id: 'readiness-chart', role: 'img', 'aria-label': 'Readiness per section' });
  const box = h('div', { class: 'chart-box tall', style: `height: ${Math.max(200, 70 + rows.length * 44)}px` }, canvas);
  new window.Chart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.section),
      datasets: [
        { label: 'Practised %', data: rows.map((r) => pct(r.practised)), backgroundColor: cssVar('--line') },
        { label: 'Retained %', data: rows.map((r) => pct(r.retained)), backgroundColor: cssVar('--good') },
        { label: 'Predicted recall %', data: rows.map((r) => pct(r.recall)), backgroundColor: cssVar('--accent') },
      ],
    },
    options: {
      indexAxis: 'y', animation: false, maintainAspectRatio: false, responsive: true,
      scales: { x: { min: 0, max: 100 }, y: { ticks: { autoSkip: false } } },
      plugins: { legend: { labels: { boxWidth: 12 } } },
    },
  });
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'simple', id: 'readiness-table' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Section'), h('th', {}, 'Practised'), h('th', {}, 'Retained'), h('th', {}, 'Predicted recall'))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, h('td', {}, r.section), h('td', {}, `${pct(r.practised)}%`),
      h('td', {}, `${pct(r.retained)}%`), h('td', {}, `${pct(r.recall)}%`))))));
  return h('div', {}, box, h('details', {}, h('summary', {}, 'As a table'), table));
}

function loadPlanSettings() {
  try {
    const s = JSON.parse(localStorage.getItem(PLAN_KEY) || 'null');
    return s && typeof s.date === 'string' && Number.isFinite(s.minutes) ? s : null;
  } catch (e) {
    return null;
  }
}

function isoDay(t) {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The plan tab: a form for the date and daily minutes (kept in localStorage) and the day-by-day plan. */
export function planView(sections, startPractice) {
  const saved = loadPlanSettings() || { date: isoDay(Date.now() + 14 * DAY), minutes: 30 };
  const date = h('input', { type: 'date', id: 'plan-date', value: saved.date, required: true });
  const minutes = h('input', { type: 'number', id: 'plan-minutes', value: saved.minutes, min: 5, max: 600, step: 5, required: true, inputmode: 'numeric' });
  const out = h('div', { id: 'plan-output', 'aria-live': 'polite' });
  const form = h('form', { class: 'card stack', id: 'plan-form' },
    h('h2', {}, 'Interview-date plan'),
    h('p', { class: 'muted' }, `Set the date and the time you have each day. Each day starts with the reviews FSRS has due, then new questions spread over every section, weakest first (about ${MINUTES_REVIEW} min a review, ${MINUTES_NEW} min a new question). The plan follows your scores: answer questions and it changes.`),
    h('div', { class: 'row' }, h('label', { for: 'plan-date' }, 'Interview on'), date,
      h('label', { for: 'plan-minutes' }, 'Minutes a day'), minutes,
      h('button', { type: 'submit', id: 'plan-save' }, 'Plan')));
  const draw = () => {
    const settings = loadPlanSettings();
    if (!settings) {
      out.replaceChildren(h('p', { class: 'muted' }, 'No plan yet: pick a date and the minutes you have each day.'));
      return;
    }
    const [y, m, d] = settings.date.split('-').map(Number);
    const plan = makePlan({
      today: Date.now(), interview: new Date(y, m - 1, d).getTime(), dailyMinutes: settings.minutes,
      sections, cards: progress.cards(), names: Object.fromEntries(progress.seenIds().map((id) => [id, progress.name(id)])),
      scheduler, doneToday: minutesDoneToday(),
    });
    if (plan.error) {
      out.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, plan.error));
      return;
    }
    out.replaceChildren(planDays(plan, settings, startPractice));
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    localStorage.setItem(PLAN_KEY, JSON.stringify({ date: date.value, minutes: Number(minutes.value) }));
    draw();
  });
  draw();
  // Redraw when a score comes in (another tab, or a rating); the listener goes once the view is gone.
  const redraw = () => (out.isConnected ? draw() : progress.offChange(redraw));
  progress.onChange(redraw);
  return h('div', {}, form, h('section', { class: 'card' }, out));
}

/** Minutes studied today by the plan's estimates: a question's first answer is new, a later one a review. */
function minutesDoneToday() {
  const attempts = progress.attempts();
  const today = startOfDay();
  const seenBefore = new Set(attempts.filter((a) => a.at < today).map((a) => a.id));
  let minutes = 0;
  for (const a of attempts.filter((x) => x.at >= today)) {
    minutes += seenBefore.has(a.id) ? MINUTES_REVIEW : MINUTES_NEW;
    seenBefore.add(a.id);
  }
  return minutes;
}

function planDays(plan, settings, startPractice) {
  const notes = [];
  notes.push(`${plan.studyDays} study day${plan.studyDays === 1 ? '' : 's'} before the interview; ${plan.newPlanned} of the ${plan.unpractised} questions you have not practised yet fit.`);
  const done = minutesDoneToday();
  if (done) notes.push(`About ${done} of today's ${settings.minutes} minutes are done.`);
  if (plan.newPlanned < plan.unpractised || plan.lateReviews) {
    notes.push(Number.isFinite(plan.minutesNeeded) ? `${plan.minutesNeeded} minutes a day would fit them all.` : 'Not even a full day of study would fit them all: pick a later date.');
  }
  if (plan.uncovered.length) notes.push(`Not reached before the interview: ${plan.uncovered.join(', ')}.`);
  if (plan.lateReviews) notes.push(`${plan.lateReviews} reviews do not fit before the date.`);
  const today = startOfDay();
  const list = h('ol', { class: 'plan-days', id: 'plan-days' }, ...plan.days.map((d) => {
    const isToday = d.date === today || startOfDay(d.date) === today;
    const what = [];
    if (d.reviews) what.push(`${d.reviews} review${d.reviews === 1 ? '' : 's'}`);
    for (const f of d.fresh) what.push(`${f.n} new in ${f.section}`);
    const actions = isToday ? h('div', { class: 'row' },
      d.reviewIds.length ? h('a', { class: 'button secondary', href: '#/review', id: 'plan-today-review' }, 'Review now') : null,
      d.fresh.length ? h('button', { type: 'button', class: 'secondary', id: 'plan-today-practice', onclick: () => startPractice(d.fresh.map((f) => f.section)) }, 'Practise today\'s sections') : null) : null;
    return h('li', { class: isToday ? 'today' : null, 'data-date': isoDay(d.date) },
      h('div', { class: 'plan-day' }, h('strong', {}, isToday ? `Today, ${fmtDay(d.date)}` : fmtDay(d.date)), h('span', { class: 'muted small' }, `${d.minutes} min`)),
      h('div', { class: 'plan-what' }, what.length ? what.join(' · ') : 'Rest day: nothing due, nothing new left.'), actions);
  }));
  return h('div', {}, h('h2', {}, `Until ${fmtDay(new Date(settings.date.replace(/-/g, '/')).getTime())}`),
    h('p', { class: 'notice', id: 'plan-summary' }, notes.join(' ')), list);
}
