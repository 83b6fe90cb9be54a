package mltutor.practice;

import mltutor.corpus.Entry;

/**
 * Grades a candidate's answer to a corpus entry. The offline {@link OfflineGrader} is the default; an LLM judge
 * implements this too, validates what the model returns (scores in range, key points only from the entry's
 * list) and hands the answer to the offline grader when the model's output is unusable, saying so in
 * {@link Assessment#fallbackReason()}.
 */
public interface AnswerGrader {
    /** Never null; {@code answer} is already validated as non-blank and within the length limit. */
    Assessment assess(Entry entry, String answer);
}
