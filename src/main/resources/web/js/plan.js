// The interview-date plan: what to study on each day from today until the interview, as a pure function of the
// progress so far, so it adapts whenever a score comes in and can be tested without a page.

import { Rating, addDays, daysBetween, startOfDay } from './fsrs.js';

/** Minutes one new question takes (answer, feedback, model answer) and one review takes. */
export const MINUTES_NEW = 8;
export const MINUTES_REVIEW = 4;
const MAX_DAYS = 366;

/**
 * A day-by-day plan.
 *
 * input: today (ms), interview (ms, the interview day: the plan ends the day before), dailyMinutes,
 * sections ([{section, count}] from /api/sections), cards ({id: FSRS card}), names ({id: {section}}),
 * scheduler (an Fsrs), doneToday (minutes already studied today, taken off today's). Reviews come first each day: the questions FSRS has due, and after each (simulated as
 * answered Good) its next review if that falls before the interview. The minutes left go to new questions,
 * one at a time to the section with the smallest share practised (the lower average score first on a tie),
 * so every section is practised before any gets a second round. Reviews that do not fit move to the next day.
 *
 * Returns {days: [{date, reviews, reviewIds, fresh: [{section, n}], minutes}], studyDays, newPlanned,
 * unpractised, uncovered: [section], lateReviews, minutesNeeded} or {error} for a date that is not after
 * today or minutes that are not a positive number.
 */
export function makePlan({ today, interview, dailyMinutes, sections, cards, names, scheduler, doneToday = 0 }) {
  const start = startOfDay(today);
  const studyDays = daysBetween(start, interview);
  if (!Number.isFinite(studyDays) || studyDays < 1) return { error: 'Pick an interview date after today.' };
  if (studyDays > MAX_DAYS) return { error: `Pick an interview date within ${MAX_DAYS} days.` };
  if (!(dailyMinutes > 0) || dailyMinutes > 24 * 60) return { error: 'Daily minutes must be between 1 and 1440.' };
  const input = { start, studyDays, dailyMinutes, sections, cards, names, scheduler, doneToday: Math.max(0, doneToday) };
  const plan = simulate(input);
  return { ...plan, studyDays, minutesNeeded: minutesToFitAll(plan, input) };
}

const fitsAll = (plan) => plan.newPlanned === plan.unpractised && plan.lateReviews === 0;

/** The fewest minutes a day, in steps of 5, with which the same plan fits every new question and review. */
function minutesToFitAll(plan, input) {
  if (fitsAll(plan)) return input.dailyMinutes;
  let lo = Math.floor(input.dailyMinutes / 5); // in units of 5 minutes; lo does not fit
  let hi = (24 * 60) / 5;
  if (!fitsAll(simulate({ ...input, dailyMinutes: hi * 5 }))) return Infinity;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fitsAll(simulate({ ...input, dailyMinutes: mid * 5 }))) hi = mid;
    else lo = mid;
  }
  return hi * 5;
}

function simulate({ start, studyDays, dailyMinutes, sections, cards, names, scheduler, doneToday }) {
  const bySection = new Map(sections.map((s) => [s.section, { section: s.section, count: s.count, practised: 0, scoreSum: 0 }]));
  const pending = []; // {id, day, card}: a review on day index `day`
  for (const [id, card] of Object.entries(cards)) {
    const s = bySection.get(names[id]?.section);
    if (s) {
      s.practised += 1;
      s.scoreSum += card.lastScore;
    }
    const day = Math.max(0, daysBetween(start, card.due));
    if (day < studyDays) pending.push({ id, day, card });
  }
  const averageScore = (s) => (s.practised ? s.scoreSum / s.practised : 0);
  const order = () => [...bySection.values()]
    .filter((s) => s.practised < s.count)
    .sort((a, b) => a.practised / a.count - b.practised / b.count || averageScore(a) - averageScore(b)
      || a.section.localeCompare(b.section));
  const unpractised = [...bySection.values()].reduce((n, s) => n + s.count - s.practised, 0);
  const days = [];
  let newPlanned = 0;
  for (let day = 0; day < studyDays; day += 1) {
    const date = addDays(start, day);
    const budget = day === 0 ? Math.max(0, dailyMinutes - doneToday) : dailyMinutes;
    const dueNow = pending.filter((p) => p.day <= day).sort((a, b) => a.day - b.day || a.card.lastScore - b.card.lastScore);
    const fit = Math.min(dueNow.length, Math.floor(budget / MINUTES_REVIEW));
    const done = dueNow.slice(0, fit);
    for (const p of dueNow.slice(fit)) Object.assign(p, { day: day + 1, late: true }); // no time left: tomorrow
    for (const p of done) {
      pending.splice(pending.indexOf(p), 1);
      const next = scheduler.next(p.card, date, Rating.Good);
      const nextDay = day + next.scheduledDays;
      if (nextDay < studyDays) pending.push({ ...p, day: nextDay, card: next, late: false });
    }
    let minutes = done.length * MINUTES_REVIEW;
    const counts = new Map();
    while (minutes + MINUTES_NEW <= budget) {
      const s = order()[0];
      if (!s) break;
      s.practised += 1;
      s.scoreSum += averageScore(s); // a new question is assumed to go as the section's others went
      counts.set(s.section, (counts.get(s.section) || 0) + 1);
      minutes += MINUTES_NEW;
      newPlanned += 1;
      const card = scheduler.next(null, date, Rating.Good);
      if (day + card.scheduledDays < studyDays) pending.push({ id: null, day: day + card.scheduledDays, card: { ...card, lastScore: 70 } });
    }
    days.push({
      date,
      reviews: done.length,
      reviewIds: done.map((p) => p.id).filter((id) => id !== null), // the questions practised so far
      fresh: [...counts].map(([section, n]) => ({ section, n })),
      minutes,
    });
  }
  const uncovered = [...bySection.values()].filter((s) => s.practised === 0 && s.count > 0).map((s) => s.section);
  return { days, newPlanned, unpractised, uncovered, lateReviews: pending.filter((p) => p.day >= studyDays && p.late).length };
}
