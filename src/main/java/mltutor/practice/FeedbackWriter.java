package mltutor.practice;

import mltutor.text.SentenceSplitter;
import java.util.List;
import mltutor.corpus.Entry;

/**
 * Writes the offline feedback as Markdown: what the answer got right (with the words that earned it), what it
 * got wrong (the sentence, what the rules found, what the notes say), what it missed, and how to say it better. The candidate's words are quoted with HTML and Markdown control
 * characters escaped, so an answer cannot inject markup into the page that renders the feedback.
 */
final class FeedbackWriter {
    private static final int QUOTE_CHARS = 180;
    /** Below this many words an interview answer rarely covers the mechanism, an example and trade-offs. */
    private static final int SHORT_ANSWER_WORDS = 60;

    private FeedbackWriter() {
    }

    static String write(Entry entry, String answer, KeyPointGrader.Coverage coverage) {
        var points = coverage.points();
        long covered = points.stream().filter(KeyPointGrader.PointMatch::covered).count();
        var md = new StringBuilder();
        md.append("**Score: ").append(coverage.score()).append("/100.** You covered ").append(covered).append(" of ")
                .append(points.size()).append(" key points").append(coverage.wrong().isEmpty() ? "" : " and stated " + coverage.wrong().size()
                        + " wrongly").append(". ").append(verdict(coverage.score())).append("\n\n");

        md.append("### What was good\n");
        if (covered == 0) {
            md.append("- Nothing in the answer clearly matches a key point yet.\n");
        }
        for (var p : points) {
            if (p.covered()) {
                md.append("- ").append(p.point()).append("  \n  *You said:* \"").append(quote(p.evidence())).append("\"\n");
            }
        }

        if (!coverage.wrong().isEmpty()) {
            md.append("\n### What was wrong\n");
            for (var p : points) {
                if (p.verdict() == KeyPointGrader.Verdict.WRONG) {
                    md.append("- *You said:* \"").append(quote(p.evidence())).append("\"  \n  ")
                            .append(String.join("; ", p.findings().stream().map(f -> quote(f.explain())).toList()))
                            .append(".  \n  *The notes say:* ")
                            .append(p.point()).append('\n');
                }
            }
        }

        md.append("\n### What was missing\n");
        if (covered + coverage.wrong().size() == points.size()) {
            md.append("- No key point is missing.\n");
        }
        for (var p : points) {
            if (p.verdict() == KeyPointGrader.Verdict.MISSING) {
                md.append("- ").append(p.point());
                if (p.evidence() != null && p.credit() > 0) {
                    md.append("  \n  *Partly there:* \"").append(quote(p.evidence())).append("\" (say it explicitly)");
                }
                md.append('\n');
            }
        }

        md.append("\n### How to say it better\n");
        String shortAnswer = firstSentence(entry);
        if (!shortAnswer.isEmpty()) {
            md.append("- Open with a one-line answer, e.g.: ").append(shortAnswer).append('\n');
        }
        if (!coverage.wrong().isEmpty()) {
            md.append("- Correct what was wrong first: ").append(lowerFirst(coverage.wrong().get(0))).append('\n');
        }
        List<String> missing = coverage.missing();
        if (!missing.isEmpty()) {
            md.append("- Then add what was missing, starting with: ").append(lowerFirst(missing.get(0))).append('\n');
        }
        int words = answer.strip().split("\\s+").length;
        if (words < SHORT_ANSWER_WORDS) {
            md.append("- Your answer has ").append(words).append(words == 1 ? " word" : " words")
                    .append("; a strong answer gives the mechanism, a concrete example or number, and the trade-offs.\n");
        }
        md.append("- Compare with the model answer, and use the follow-up question to practise the gap.\n");
        md.append("\n_").append(Assessment.OFFLINE_CHECKS).append(" A wrong statement in new words can pass the rules._\n");
        return md.toString();
    }

    private static String verdict(int score) {
        if (score >= 85) {
            return "An answer that would satisfy an interviewer.";
        }
        if (score >= 70) {
            return "A good answer with a gap or two.";
        }
        if (score >= 40) {
            return "On topic, but important points are missing.";
        }
        return "Most of what an interviewer listens for is missing.";
    }

    /** The first sentence of the entry's short answer, or "" when it has none. */
    static String firstSentence(Entry entry) {
        List<String> sentences = SentenceSplitter.split(entry.shortAnswer());
        return sentences.isEmpty() ? "" : sentences.get(0);
    }

    /** Candidate text as inert Markdown: shortened, on one line, with markup characters escaped. */
    static String quote(String text) {
        String t = text.replaceAll("\\s+", " ").strip();
        if (t.length() > QUOTE_CHARS) {
            t = t.substring(0, QUOTE_CHARS).strip() + "…";
        }
        var out = new StringBuilder();
        for (char c : t.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '#', '|', '"', '$' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** "Dropout zeroes..." to "dropout zeroes..." for use mid-sentence; acronyms ("KV cache") stay as they are. */
    static String lowerFirst(String s) {
        return s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1))) ? s
                : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
