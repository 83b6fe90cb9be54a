// The candidate's check of an offline grade. The offline grader sees coverage and only the contradictions its rules
// can spot, so the page shows each matched sentence beside its key point and lets the candidate say whether it was
// right; the score recorded for review scheduling is then the confirmed one. Pure functions, no DOM.

/** Each key point's verdict from POST /api/feedback ({point, verdict, evidence, findings, creditIfRight, creditIfWrong}). */
export function pointsOf(fb) {
  return Array.isArray(fb.points) ? fb.points : [];
}

/** A match the candidate can confirm or reject: a covered or wrong point with the sentence that matched it. */
export function confirmable(point) {
  return (point.verdict === 'covered' || point.verdict === 'wrong') && typeof point.evidence === 'string'
    && point.evidence.trim() !== '';
}

/** The grader's reading as choices, one per point: true = "I said this correctly", false = "I got this wrong". */
export function defaultChoices(points) {
  return points.map((p) => p.verdict !== 'wrong');
}

/**
 * The score the candidate's choices give, by the server's formula round(100 * max(0, sum of credits) / n): a
 * confirmable point earns creditIfRight when confirmed and creditIfWrong when rejected; any other point keeps
 * the grader's reading (a missing point its creditIfRight, 0 unless it was partly there). With the default
 * choices this is the grader's own score.
 */
export function confirmedScore(points, choices) {
  if (!points.length) return 0;
  let sum = 0;
  points.forEach((p, i) => {
    const saidRight = confirmable(p) ? Boolean(choices[i]) : p.verdict !== 'wrong';
    sum += saidRight ? p.creditIfRight : p.creditIfWrong;
  });
  return Math.round((100 * Math.max(0, sum)) / points.length);
}

/** Whether the page should ask the candidate to confirm the matches before recording the score. */
export function needsSelfCheck(fb) {
  return fb.selfCheck === true && pointsOf(fb).some(confirmable);
}

/** The key points to work on next: the ones stated wrongly first, then the missing ones. */
export function gaps(fb) {
  return [...(fb.wrong || []), ...(fb.missing || [])];
}
