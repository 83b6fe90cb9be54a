package mltutor.web;

/**
 * What {@code serve --watch} last did with a corpus change, as {@code /api/health} reports it under {@code reload}.
 *
 * @param state     {@code watching} (nothing changed yet), {@code reindexing}, {@code reloaded} or {@code rejected}
 *                  (the change broke the corpus; the previous index keeps serving)
 * @param problem   the corpus problems that rejected the change, empty otherwise
 * @param reloads   how many changes have been switched to since start
 * @param embedded  chunks the last reload had to embed (the rest came from the embedding cache)
 * @param millis    how long the last reload took, from the change to the switch
 */
public record ReloadStatus(String state, String problem, int reloads, int embedded, long millis) {
    public static ReloadStatus watching() {
        return new ReloadStatus("watching", "", 0, 0, 0);
    }
}
