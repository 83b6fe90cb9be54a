package mltutor.export;

import java.util.List;

/**
 * One Anki note made from one corpus entry.
 *
 * @param id        the note's id, derived from the entry id
 * @param guid      what Anki matches notes by on import, derived from the entry id: a re-import updates the note
 * @param deck      the deck's full name, {@code ML Interview Tutor::<section>}
 * @param front     the question, as HTML
 * @param back      the short answer, the key points as a list, and a link to the entry on the tutor, as HTML
 * @param sortField the question as plain text (Anki sorts and checks duplicates by it)
 * @param tags      section (spaces as underscores), difficulty and origin
 */
public record AnkiNote(String entryId, long id, String guid, String deck, String front, String back, String sortField,
                       List<String> tags) {
    public AnkiNote {
        tags = List.copyOf(tags);
    }
}
