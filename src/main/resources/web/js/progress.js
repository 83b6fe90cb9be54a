// Progress lives in this browser's localStorage: attempts with scores, and an SM-2 review schedule per question.
// Export/import moves it between browsers as one JSON file.

const KEY = 'mltutor.progress.v1';
const FORMAT = 'ml-interview-tutor-progress';
const DAY = 24 * 60 * 60 * 1000;
const MAX_ATTEMPTS = 5000;

function empty() {
  return { format: FORMAT, version: 1, attempts: [], cards: {}, names: {} };
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
 * SM-2 scheduling with the score mapped to a 0-5 grade. Grades below 3 (score < 60) restart the card and
 * bring it back tomorrow; good answers come back after 1, then 6 days, then interval x ease.
 */
export function schedule(card, score, now = Date.now()) {
  const q = Math.max(0, Math.min(5, Math.round(score / 20)));
  const next = { ease: 2.5, reps: 0, interval: 0, ...card };
  if (q < 3) {
    next.reps = 0;
    next.interval = 1;
  } else {
    next.reps += 1;
    next.interval = next.reps === 1 ? 1 : next.reps === 2 ? 6 : Math.round(next.interval * next.ease);
  }
  next.ease = Math.max(1.3, next.ease + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02));
  next.due = startOfDay(now) + next.interval * DAY;
  next.lastScore = score;
  next.lastAt = now;
  return next;
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

  record(entry, score, mode = 'practice') {
    state = load(); // another tab may have written since this page loaded
    const now = Date.now();
    state.attempts.push({ id: entry.id, score, at: now, mode });
    if (state.attempts.length > MAX_ATTEMPTS) state.attempts.splice(0, state.attempts.length - MAX_ATTEMPTS);
    state.cards[entry.id] = schedule(state.cards[entry.id], score, now);
    state.names[entry.id] = { question: entry.question, section: entry.section };
    save();
  },

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
  if (data.version !== 1) return fail(`unsupported version ${data.version}`);
  if (!Array.isArray(data.attempts)) return fail('"attempts" is missing');
  const okId = (id) => typeof id === 'string' && id.length > 0 && id.length <= 200;
  const attempts = data.attempts
    .filter((a) => a && okId(a.id) && Number.isFinite(a.score) && a.score >= 0 && a.score <= 100 && Number.isFinite(a.at))
    .map((a) => ({ id: a.id, score: Math.round(a.score), at: a.at, mode: typeof a.mode === 'string' ? a.mode.slice(0, 20) : 'practice' }))
    .slice(-MAX_ATTEMPTS);
  const cards = {};
  for (const [id, c] of Object.entries(data.cards || {})) {
    if (!okId(id) || !c || typeof c !== 'object') continue;
    if (![c.ease, c.reps, c.interval, c.due, c.lastScore].every(Number.isFinite)) continue;
    cards[id] = { ease: c.ease, reps: c.reps, interval: c.interval, due: c.due, lastScore: c.lastScore, lastAt: c.lastAt || 0 };
  }
  const names = {};
  for (const [id, n] of Object.entries(data.names || {})) {
    if (okId(id) && n && typeof n.question === 'string') {
      names[id] = { question: n.question.slice(0, 2000), section: String(n.section || '').slice(0, 200) };
    }
  }
  return { format: FORMAT, version: 1, attempts, cards, names };
}
