// Exports from the page: the corpus as an Anki package (from the server) and a finished mock interview as
// Markdown (built here from the session the page keeps). Both end as a file the browser downloads.

import { api } from './api.js';
import { h } from './render.js';

/** Hands a blob to the browser as a download named fileName. */
export function saveFile(blob, fileName) {
  const a = h('a', { href: URL.createObjectURL(blob), download: fileName, hidden: true });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

/** The API address of the Anki export, for one section or the whole corpus. */
export function ankiExportPath(section) {
  return `/api/export/anki${section ? `?${new URLSearchParams({ section })}` : ''}`;
}

/**
 * An "Export to Anki" button with its status line: downloads the .apkg of `section` (or of every section).
 * The file is fetched with the API token, if there is one, and then saved.
 */
export function ankiExportControl(section) {
  const status = h('span', { class: 'muted small', id: 'anki-export-status', 'aria-live': 'polite' });
  const button = h('button', {
    type: 'button', class: 'secondary', id: 'export-anki', 'data-path': ankiExportPath(section),
    title: section ? `An Anki deck of the ${section} questions` : 'An Anki deck of every question',
  }, section ? `Export ${section} to Anki` : 'Export to Anki');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Preparing the deck…';
    try {
      const file = await api.download(ankiExportPath(section), 'ml-interview-tutor.apkg');
      saveFile(file.blob, file.fileName);
      const notes = file.headers.get('X-Note-Count');
      status.textContent = `Downloaded ${file.fileName}${notes ? ` (${notes} notes)` : ''}. In Anki: File › Import.`;
    } catch (e) {
      status.textContent = `Export failed: ${e.message}`;
    }
    button.disabled = false;
  });
  return h('span', { class: 'anki-export' }, button, ' ', status);
}

/** An answer as a Markdown block quote, so its own Markdown cannot break the document's headings. */
function quote(text) {
  const t = String(text ?? '').trim();
  return t ? t.split('\n').map((line) => (line.trim() ? `> ${line}` : '>')).join('\n') : '_(no answer)_';
}

/** One line of text, never a Markdown heading or list marker by accident. */
function line(text) {
  return String(text ?? '').replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * A finished mock interview as Markdown: the server's summary (score, strengths, weak topics, what to review), then
 * each question with the answer given, its score (and the grader's, when the candidate's check changed it), the key
 * points it stated wrongly, the ones it missed, and the follow-up question (with the answer to it, when there was
 * one). `date` is when it was exported.
 */
export function interviewMarkdown(session, summary, date = new Date()) {
  const day = date.toISOString().slice(0, 10);
  const out = [`# Mock interview, ${day}`, ''];
  out.push(`${summary.answered} question${summary.answered === 1 ? '' : 's'} answered, average score ${summary.averageScore}/100.`, '');
  if (session.reason) out.push(`_${line(session.reason)}_`, '');
  const topics = (list) => list.map((t) => `${t.topic} (${t.kind}, ${t.averageScore})`).join(', ');
  out.push(`**Strengths:** ${summary.strengths.length ? topics(summary.strengths) : 'none yet'}`, '');
  out.push(`**Weak topics:** ${summary.weakTopics.length ? topics(summary.weakTopics) : 'none'}`, '');
  if (summary.review.length) {
    out.push('## Review next', '', ...summary.review.map((r) => `- ${line(r.question)} (${r.score}/100)`), '');
  }
  session.turns.forEach((t, i) => {
    out.push(`## ${i + 1}. ${line(t.question)}`, '');
    out.push(`${t.section ? `${line(t.section)} · ` : ''}score **${t.score}/100**`, '');
    if (t.scoredBy === 'self' && Number.isFinite(t.graderScore) && t.graderScore !== t.score) {
      out.push(`_Your score after checking the grader's matches against the notes; the grader gave ${t.graderScore}/100._`, '');
    }
    out.push('### Your answer', '', quote(t.answer), '');
    if (Array.isArray(t.wrong) && t.wrong.length) {
      out.push('### What was wrong', '', ...t.wrong.map((m) => `- ${line(m)}`), '');
    }
    if (Array.isArray(t.missing)) {
      out.push('### What was missing', '');
      out.push(...(t.missing.length ? t.missing.map((m) => `- ${line(m)}`) : ['Nothing: every key point was covered.']), '');
    }
    if (t.followUp) {
      out.push('### Follow-up', '', `**${line(t.followUp)}**`, '');
      if (t.followUpAnswer) out.push(quote(t.followUpAnswer), '', ...(t.followUpResult ? [`_${line(t.followUpResult)}_`, ''] : []));
    }
  });
  return `${out.join('\n').trimEnd()}\n`;
}

/** Downloads interviewMarkdown(...) as mock-interview-YYYY-MM-DD.md. */
export function downloadInterviewMarkdown(session, summary, date = new Date()) {
  const text = interviewMarkdown(session, summary, date);
  saveFile(new Blob([text], { type: 'text/markdown;charset=utf-8' }), `mock-interview-${date.toISOString().slice(0, 10)}.md`);
  return text;
}
