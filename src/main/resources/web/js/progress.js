// Progress lives in this browser's localStorage: attempts with scores, and an FSRS review schedule per question
// (fsrs.js). Export/import moves it between browsers as one JSON file. Version 1 files and storage held SM-2
// cards; they are migrated on load (migrateSm2Card).

import { Fsrs, gradeFromScore, addDays } from './fsrs.js';

const KEY = 'mltutor.progress.v1';
const FORMAT = 'ml-interview-tutor-progress';
const DAY = 24 * 60 * 60 * 1000;
const MAX_ATTEMPTS = 5000;
const VERSION = 2;

/** The scheduler every card uses: FSRS-6 with its default parameters and 90% requested retention. */
export const scheduler = new Fsrs();

function empty() {
  return { format: FORMAT, version: VERSION, attempts: [], cards: {}, names: {} };
}

function load() {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return empty();
    return validate(JSON.parse(raw));
  } catch (e) {
    console.warn('progress in localStorage is unreadable; starting fresh', e);
    return empty();
  }
}

let state = load();
const listeners = new Set();

function save() {
  try {
    localStorage.setItem(KEY, JSON.stringify(state));
  } catch (e) {
    console.warn('could not save progress', e);
  }
  listeners.forEach((fn) => fn());
}

/** Start of the local day, so "due today" means the calendar day. */
export function startOfDay(t = Date.now()) {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * The card after a review graded g (1 Again .. 4 Easy) at time now. The due time is the start of the due day,
 * so "due today" means the calendar day. The card before the review is kept in `before`, so the user's own
 * rating can replace the one the score gave without counting the review twice.
 */
export function schedule(card, grade, score, now = Date.now()) {
  const prior = card ? { ...card } : null;
  if (prior) delete prior.before;
  const next = scheduler.next(prior && prior.state === 'review' ? prior : null, now, grade);
  next.due = startOfDay(next.due);
  return { ...next, lastScore: score, lastAt: now, lastGrade: grade, before: prior };
}

/**
 * An SM-2 card of progress format version 1 as an FSRS card, without losing anything: it stays due on the same
 * day with the same score and repetitions. Its memory state is fsrs-rs memory_state_from_sm2 at 90% retention
 * (SM-2's intervals aim at about 90% recall): stability = the SM-2 interval (days until recall falls to 90%),
 * difficulty = the one at which a successful review multiplies the stability by the ease factor, as SM-2 would.
 * The last review is the recorded one, or the due day minus the interval when there is none.
 */
export function migrateSm2Card(c) {
  const interval = Math.max(1, c.interval);
  const memory = scheduler.memoryFromSm2(c.ease, interval, 0.9);
  const lastReview = c.lastAt > 0 ? c.lastAt : addDays(c.due, -interval);
  return {
    state: 'review', stability: memory.stability, difficulty: memory.difficulty, due: c.due, lastReview,
    scheduledDays: interval, reps: c.reps, lapses: 0, lastScore: c.lastScore, lastAt: c.lastAt || lastReview,
    lastGrade: gradeFromScore(c.lastScore), before: null,
  };
}

// Another tab changed the progress: take its version.
window.addEventListener('storage', (e) => {
  if (e.key === KEY || e.key === null) {
    state = load();
    listeners.forEach((fn) => fn());
  }
});

export const progress = {
  onChange(fn) { listeners.add(fn); },
  offChange(fn) { listeners.delete(fn); },

  /** Records a graded answer and schedules the question with the rating its score maps to. */
  record(entry, score, mode = 'practice', now = Date.now()) {
    state = load(); // another tab may have written since this page loaded
    state.attempts.push({ id: entry.id, score, at: now, mode });
    if (state.attempts.length > MAX_ATTEMPTS) state.attempts.splice(0, state.attempts.length - MAX_ATTEMPTS);
    state.cards[entry.id] = schedule(state.cards[entry.id], gradeFromScore(score), score, now);
    state.names[entry.id] = { question: entry.question, section: entry.section };
    save();
  },

  /** The user's own rating replaces the one the score gave for the question's latest review. */
  rate(id, grade) {
    state = load();
    const c = state.cards[id];
    if (!c) throw new Error(`no review of '${id}' to rate`);
    state.cards[id] = schedule(c.before, grade, c.lastScore, c.lastAt);
    save();
  },

  /** What each rating would schedule for the question's latest review: {1: card, ..., 4: card}. */
  ratingOptions(id) {
    const c = state.cards[id];
    if (!c) return null;
    const out = {};
    for (const g of [1, 2, 3, 4]) out[g] = schedule(c.before, g, c.lastScore, c.lastAt);
    return out;
  },

  /** Predicted probability of recalling the question now (0 if never practised). */
  recall(id, now = Date.now()) {
    return scheduler.recallAt(state.cards[id], now);
  },

  cards() { return { ...state.cards }; },

  attempts() { return state.attempts.slice(); },
  card(id) { return state.cards[id]; },
  name(id) { return state.names[id]; },
  seenIds() { return Object.keys(state.cards); },

  lastScore(id) {
    const c = state.cards[id];
    return c ? c.lastScore : undefined;
  },

  /** Ids due today or earlier: oldest due first, then lowest last score. */
  dueIds(now = Date.now()) {
    const end = startOfDay(now) + DAY;
    return Object.entries(state.cards)
      .filter(([, c]) => c.due < end)
      .sort(([, a], [, b]) => a.due - b.due || a.lastScore - b.lastScore)
      .map(([id]) => id);
  },

  upcoming(now = Date.now()) {
    const end = startOfDay(now) + DAY;
    return Object.entries(state.cards)
      .filter(([, c]) => c.due >= end)
      .sort(([, a], [, b]) => a.due - b.due)
      .map(([id, c]) => ({ id, ...c }));
  },

  reset() {
    state = empty();
    save();
  },

  exportJson() {
    return JSON.stringify({ ...state, exportedAt: new Date().toISOString() }, null, 2);
  },

  /** Replaces progress with an exported file's; throws an Error with a readable message when it is not one. */
  importJson(text) {
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new Error('The file is not JSON.');
    }
    state = validate(parsed, true);
    save();
    return state.attempts.length;
  },
};

function validate(data, strict = false) {
  const fail = (why) => {
    if (strict) throw new Error(`This is not an ML Interview Tutor progress file: ${why}.`);
    return empty();
  };
  if (!data || typeof data !== 'object' || Array.isArray(data)) return fail('expected a JSON object');
  if (data.format !== FORMAT) return fail(`"format" should be "${FORMAT}"`);
  if (data.version !== 1 && data.version !== VERSION) return fail(`unsupported version ${data.version}`);
  if (!Array.isArray(data.attempts)) return fail('"attempts" is missing');
  const okId = (id) => typeof id === 'string' && id.length > 0 && id.length <= 200;
  const attempts = data.attempts
    .filter((a) => a && okId(a.id) && Number.isFinite(a.score) && a.score >= 0 && a.score <= 100 && Number.isFinite(a.at))
    .map((a) => ({ id: a.id, score: Math.round(a.score), at: a.at, mode: typeof a.mode === 'string' ? a.mode.slice(0, 20) : 'practice' }))
    .slice(-MAX_ATTEMPTS);
  const cards = {};
  for (const [id, c] of Object.entries(data.cards || {})) {
    if (!okId(id) || !c || typeof c !== 'object') continue;
    const card = data.version === 1 ? validSm2(c) : validFsrs(c);
    if (card) cards[id] = card;
  }
  const names = {};
  for (const [id, n] of Object.entries(data.names || {})) {
    if (okId(id) && n && typeof n.question === 'string') {
      names[id] = { question: n.question.slice(0, 2000), section: String(n.section || '').slice(0, 200) };
    }
  }
  return { format: FORMAT, version: VERSION, attempts, cards, names };
}

function validSm2(c) {
  if (![c.ease, c.reps, c.interval, c.due, c.lastScore].every(Number.isFinite)) return null;
  if (c.ease < 1 || c.reps < 0 || c.interval < 0) return null;
  try {
    return migrateSm2Card({ ...c, lastAt: Number.isFinite(c.lastAt) ? c.lastAt : 0 });
  } catch (e) {
    return null;
  }
}

function validFsrs(c, nested = false) {
  const nums = [c.stability, c.difficulty, c.due, c.lastReview, c.scheduledDays, c.reps, c.lapses, c.lastScore, c.lastAt];
  if (c.state !== 'review' || !nums.every(Number.isFinite)) return null;
  if (!(c.stability > 0) || c.difficulty < 1 || c.difficulty > 10 || ![1, 2, 3, 4].includes(c.lastGrade)) return null;
  const card = {
    state: 'review', stability: c.stability, difficulty: c.difficulty, due: c.due, lastReview: c.lastReview,
    scheduledDays: c.scheduledDays, reps: c.reps, lapses: c.lapses, lastScore: c.lastScore, lastAt: c.lastAt,
    lastGrade: c.lastGrade, before: null,
  };
  // The card before the latest review (for re-rating) is one level deep; a bad one is dropped, not the card.
  if (!nested && c.before && typeof c.before === 'object') card.before = validFsrs(c.before, true);
  return card;
}
