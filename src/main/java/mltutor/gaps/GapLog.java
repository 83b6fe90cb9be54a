package mltutor.gaps;

/**
 * Where questions the notes do not cover are recorded, so whoever edits the corpus sees what people ask
 * that it lacks. {@link #NONE} records nothing (the setting that turns the log off).
 */
public interface GapLog {
    /** Records one uncovered question and the entry nearest to it (null if none). */
    void record(String question, String nearestEntryId, double score);

    GapLog NONE = (question, nearest, score) -> { };
}
