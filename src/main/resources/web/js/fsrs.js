// FSRS-6 (Free Spaced Repetition Scheduler), ported from the reference implementation ts-fsrs
// (open-spaced-repetition/ts-fsrs, packages/fsrs/src/algorithm.ts and impl/long_term_scheduler.ts), which is not
// served as a WebJar. Only the long-term scheduler is ported: the app schedules in whole days, so there are no
// minute-long learning steps, and fuzz is off (the reference's default), so a schedule is reproducible.
// Numbers are rounded to 8 decimals exactly where the reference rounds them, so the tests can compare the
// reference's published schedules digit for digit. Pure functions of their inputs: no DOM, no storage.

/** FSRS-6 default parameters (ts-fsrs default_w, fsrs-rs DEFAULT_PARAMETERS). */
export const DEFAULT_W = Object.freeze([
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
  1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
]);

export const Rating = Object.freeze({ Again: 1, Hard: 2, Good: 3, Easy: 4 });
export const RATING_NAMES = Object.freeze({ 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' });

const S_MIN = 0.001;
const S_MAX = 36500;
const FSRS5_DECAY = 0.5;
const DAY = 24 * 60 * 60 * 1000;

// Parameter bounds of the long-term scheduler (ts-fsrs CLAMP_PARAMETERS with enable_short_term = false).
const BOUNDS = [
  [S_MIN, 100], [S_MIN, 100], [S_MIN, 100], [S_MIN, 100], [1, 10], [0.001, 4], [0.001, 4], [0.001, 0.75],
  [0, 4.5], [0, 0.8], [0.001, 3.5], [0.001, 5], [0.001, 0.25], [0.001, 0.9], [0, 4], [0, 1], [1, 6], [0, 2], [0, 2],
  [0, 0.8], [0.1, 0.8],
];

const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi);
const roundTo = (v, decimals) => {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
};

/**
 * 21 FSRS-6 parameters from 21 (FSRS-6) or 19 (FSRS-5: no short-term power, decay 0.5), each clipped to its
 * bounds as the reference does. Anything else is an error, not a silent fallback.
 */
export function migrateParameters(w) {
  if (!Array.isArray(w) || !w.every(Number.isFinite)) throw new Error('FSRS parameters must be finite numbers');
  const clipped = w.map((x, i) => clamp(x, BOUNDS[i][0], BOUNDS[i][1]));
  if (w.length === 21) return clipped;
  if (w.length === 19) return clipped.concat([0, FSRS5_DECAY]);
  throw new Error(`FSRS parameters: expected 19 or 21 numbers, got ${w.length}`);
}

/** Start of the local calendar day of a time in ms. */
export function startOfDay(t) {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Whole calendar days from a to b (local time; a day with a DST change still counts as one). */
export function daysBetween(a, b) {
  return Math.round((startOfDay(b) - startOfDay(a)) / DAY);
}

/** The same local time of day, n calendar days later. */
export function addDays(t, n) {
  const d = new Date(t);
  d.setDate(d.getDate() + n);
  return d.getTime();
}

/** A card never reviewed. */
export function newCard() {
  return { state: 'new', stability: 0, difficulty: 0, due: 0, lastReview: 0, scheduledDays: 0, reps: 0, lapses: 0 };
}

/**
 * The score a graded answer earned (0-100) as an FSRS rating. The bands follow the grader's calibration
 * (docs/practice.md): 99% of model answers score 70 or more and unrelated answers 30 or less, so 70 is a pass.
 * Below 40: Again (not recalled); 40-69: Hard (partly); 70-89: Good; 90 or more: Easy.
 */
export function gradeFromScore(score) {
  if (!Number.isFinite(score)) throw new Error(`score must be a number, got ${score}`);
  if (score < 40) return Rating.Again;
  if (score < 70) return Rating.Hard;
  if (score < 90) return Rating.Good;
  return Rating.Easy;
}

/** The FSRS-6 model and its long-term scheduler for one set of parameters. */
export class Fsrs {
  constructor({ w = DEFAULT_W, requestRetention = 0.9, maximumInterval = S_MAX } = {}) {
    if (!(requestRetention > 0 && requestRetention <= 1)) throw new Error('requestRetention must be in (0, 1]');
    this.w = migrateParameters([...w]);
    this.requestRetention = requestRetention;
    this.maximumInterval = maximumInterval;
    this.decay = -this.w[20];
    this.factor = roundTo(Math.exp(Math.log(0.9) / this.decay) - 1, 8);
    this.intervalModifier = roundTo((requestRetention ** (1 / this.decay) - 1) / this.factor, 8);
  }

  /** Probability of recall t days after a review that left stability s. */
  retrievability(t, s) {
    return roundTo((1 + (this.factor * t) / s) ** this.decay, 8);
  }

  initStability(g) {
    return Math.max(this.w[g - 1], 0.1);
  }

  initDifficulty(g) {
    return roundTo(this.w[4] - Math.exp((g - 1) * this.w[5]) + 1, 8);
  }

  nextDifficulty(d, g) {
    const delta = -this.w[6] * (g - 3);
    const next = d + roundTo((delta * (10 - d)) / 9, 8); // linear damping
    return clamp(roundTo(this.w[7] * this.initDifficulty(Rating.Easy) + (1 - this.w[7]) * next, 8), 1, 10);
  }

  nextRecallStability(d, s, r, g) {
    const w = this.w;
    const hardPenalty = g === Rating.Hard ? w[15] : 1;
    const easyBonus = g === Rating.Easy ? w[16] : 1;
    return roundTo(clamp(s * (1 + Math.exp(w[8]) * (11 - d) * s ** -w[9] * (Math.exp((1 - r) * w[10]) - 1)
      * hardPenalty * easyBonus), S_MIN, S_MAX), 8);
  }

  nextForgetStability(d, s, r) {
    const w = this.w;
    return roundTo(clamp(w[11] * d ** -w[12] * ((s + 1) ** w[13] - 1) * Math.exp((1 - r) * w[14]), S_MIN, S_MAX), 8);
  }

  /** Memory state {difficulty, stability} after rating g, t days after the last review (null: first review). */
  nextState(memory, t, g, r) {
    const d = memory ? memory.difficulty : 0;
    const s = memory ? memory.stability : 0;
    if (t < 0) throw new Error(`elapsed days must not be negative, got ${t}`);
    if (![1, 2, 3, 4].includes(g)) throw new Error(`rating must be 1-4, got ${g}`);
    if (d === 0 && s === 0) return { difficulty: clamp(this.initDifficulty(g), 1, 10), stability: this.initStability(g) };
    if (d < 1 || s < S_MIN) throw new Error(`invalid memory state {difficulty: ${d}, stability: ${s}}`);
    const recall = typeof r === 'number' ? r : this.retrievability(t, s);
    const stability = g === Rating.Again
      ? clamp(roundTo(s, 8), S_MIN, this.nextForgetStability(d, s, recall))
      : this.nextRecallStability(d, s, recall, g);
    return { difficulty: this.nextDifficulty(d, g), stability };
  }

  /** Days until recall falls to the requested retention. */
  nextInterval(s) {
    return Math.min(Math.max(1, Math.round(s * this.intervalModifier)), this.maximumInterval);
  }

  /**
   * The card after each of the four ratings at time now (ms), as {1: card, 2: card, 3: card, 4: card}.
   * As in the reference, the intervals are kept in order: Again <= Hard < Good < Easy.
   */
  preview(card, now) {
    const isNew = !card || card.state === 'new';
    const t = isNew || !card.lastReview ? 0 : Math.max(0, daysBetween(card.lastReview, now));
    const memory = isNew ? null : { difficulty: card.difficulty, stability: card.stability };
    const r = isNew ? undefined : this.retrievability(t, card.stability);
    const states = [1, 2, 3, 4].map((g) => this.nextState(memory, t, g, r));
    const ivl = states.map((m) => this.nextInterval(m.stability));
    ivl[0] = Math.min(ivl[0], ivl[1]);
    ivl[1] = Math.max(ivl[1], ivl[0] + 1);
    ivl[2] = Math.max(ivl[2], ivl[1] + 1);
    ivl[3] = Math.max(ivl[3], ivl[2] + 1);
    const base = card || newCard();
    const out = {};
    states.forEach((m, i) => {
      out[i + 1] = {
        state: 'review',
        stability: m.stability,
        difficulty: m.difficulty,
        due: addDays(now, ivl[i]),
        lastReview: now,
        elapsedDays: t,
        scheduledDays: ivl[i],
        reps: base.reps + 1,
        lapses: base.lapses + (i === 0 && !isNew ? 1 : 0),
      };
    });
    return out;
  }

  /** The card after rating g at time now. */
  next(card, now, g) {
    if (![1, 2, 3, 4].includes(g)) throw new Error(`rating must be 1-4, got ${g}`);
    return this.preview(card, now)[g];
  }

  /** Predicted probability of recall at time now (0 for a card never reviewed). */
  recallAt(card, now) {
    if (!card || card.state === 'new' || !(card.stability > 0)) return 0;
    return this.retrievability(Math.max(0, daysBetween(card.lastReview, now)), card.stability);
  }

  /**
   * The memory state of a card scheduled by SM-2 (ease factor, interval in days), as fsrs-rs
   * memory_state_from_sm2 computes it: the stability whose forgetting curve reaches sm2Retention after the
   * interval, and the difficulty at which a successful review multiplies that stability by the ease factor.
   */
  memoryFromSm2(ease, interval, sm2Retention = 0.9) {
    const w = this.w;
    const stability = Math.max(interval, S_MIN) * this.factor / (sm2Retention ** (1 / this.decay) - 1);
    const difficulty = 11 - (ease - 1) / (Math.exp(w[8]) * stability ** -w[9] * Math.expm1((1 - sm2Retention) * w[10]));
    if (!Number.isFinite(stability) || !Number.isFinite(difficulty)) throw new Error('SM-2 values give no FSRS state');
    return { stability, difficulty: clamp(difficulty, 1, 10) };
  }
}
