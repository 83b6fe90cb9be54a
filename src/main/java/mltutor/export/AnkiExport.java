package mltutor.export;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import mltutor.corpus.Corpus;

/** The Anki export of the corpus, or of one section and/or origin: a {@code .apkg} with one note per entry. */
public final class AnkiExport {
    /** A made package: its suggested file name, its bytes, and how many notes it holds. */
    public record DeckFile(String fileName, byte[] bytes, int notes) {
    }

    private final Corpus corpus;
    private final AnkiPackage writer;

    public AnkiExport(Corpus corpus, Clock clock) {
        this.corpus = corpus;
        this.writer = new AnkiPackage(clock);
    }

    /**
     * The package of the selected entries, each linking back to {@code linkBase}.
     *
     * @throws InvalidExportException when the selection names an unknown section or matches nothing
     */
    public DeckFile export(ExportSelection selection, URI linkBase) {
        var notes = new AnkiNotes(linkBase);
        List<AnkiNote> made = selection.apply(corpus).stream().map(notes::note).toList();
        return new DeckFile(selection.fileName("apkg"), writer.write(made), made.size());
    }
}
