package mltutor.practice;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import mltutor.Fixtures;
import mltutor.corpus.Corpus;
import mltutor.corpus.CorpusLoader;
import mltutor.corpus.Entry;
import mltutor.embedding.EntryVectors;
import mltutor.embedding.LocalEmbedder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one follow-up chooser, on the real corpus with the real model. */
class FollowUpChooserTest {
    private static Corpus corpus;
    private static EntryVectors vectors;
    private static FollowUpChooser chooser;

    @BeforeAll
    static void load() {
        corpus = new CorpusLoader().load(Fixtures.REAL_CORPUS);
        vectors = new EntryVectors(Fixtures.embedder()::embedTexts);
        chooser = new FollowUpChooser(corpus, vectors);
    }

    @Test
    void everyRationaleIsTheReasonForItsOwnQuestion() {
        var wrong = new ArrayList<String>();
        int named = 0;
        int beyond = 0;
        for (Entry e : corpus.entries()) {
            var chosen = new ArrayList<>(chooser.choose(e, 10));
            chosen.addAll(chooser.choose(e, e.keyPoints(), 10));
            chosen.addAll(chooser.choose(e, List.of(), 10));
            List<float[]> points = vectors.keyPoints(e);
            List<float[]> questions = vectors.embed(chosen.stream().map(FollowUp::question).toList());
            for (int i = 0; i < chosen.size(); i++) {
                FollowUp f = chosen.get(i);
                if (f.keyPoint() == null) {
                    beyond++;
                    if (e.keyPoints().stream().anyMatch(k -> f.rationale().contains(k.substring(1)))) {
                        wrong.add(e.id() + ": '" + f.question() + "' names a key point it does not probe");
                    }
                    continue;
                }
                named++;
                int nearest = LocalEmbedder.nearest(questions.get(i), points);
                double similarity = LocalEmbedder.dot(questions.get(i), points.get(nearest));
                if (!e.keyPoints().get(nearest).equals(f.keyPoint()) || similarity < FollowUpChooser.PROBES
                        || !f.rationale().contains(f.keyPoint().substring(1))) {
                    wrong.add(e.id() + ": '" + f.question() + "' -> " + f.rationale());
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(named > 500 && beyond > 500, "both kinds must be exercised: " + named + " named, " + beyond + " beyond");
    }

    @Test
    void aNeighbouringQuestionIsNotJustifiedByAnUnrelatedKeyPoint() {
        Entry lora = corpus.entry("lora").orElseThrow();
        // Everything missed: the old ranker gave this question the 4096 x 4096 parameter count as its reason.
        FollowUp methods = chooser.choose(lora, lora.keyPoints(), 20).stream()
                .filter(f -> f.question().equals("What are typical fine-tuning methods for LLMs?"))
                .findFirst().orElseThrow();
        assertNull(methods.keyPoint(), methods.rationale());
        assertTrue(methods.rationale().startsWith("Moves to a neighbouring topic"), methods.rationale());
        assertFalse(methods.rationale().contains("4096"), methods.rationale());
    }

    @Test
    void missedPointsComeFirstInRubricOrderEachWithTheQuestionThatProbesIt() {
        Entry lora = corpus.entry("lora").orElseThrow();
        List<FollowUp> probing = chooser.choose(lora, lora.keyPoints(), 20).stream()
                .filter(f -> f.keyPoint() != null).toList();
        assertFalse(probing.isEmpty());
        var order = probing.stream().map(f -> lora.keyPoints().indexOf(f.keyPoint())).toList();
        assertEquals(order.stream().sorted().distinct().toList(), order.stream().distinct().toList(),
                "probed points in rubric order: " + order);
        probing.forEach(f -> assertTrue(f.rationale().startsWith("Your answer missed this key point: "), f.rationale()));
    }

    @Test
    void anEntryWithoutCandidatesStillGetsTheGenericQuestion() {
        Entry e = corpus.entries().get(0);
        Entry bare = new Entry(e.id() + "-bare", e.section(), e.question(), List.of(), List.of(), e.origin(),
                e.difficulty(), e.tags(), List.of(), List.of(), e.keyPoints(), List.of(), e.body(), e.file());
        assertEquals(List.of(FollowUpChooser.GENERIC), chooser.choose(bare, bare.keyPoints(), 3));
        assertEquals(List.of(), chooser.choose(bare, 3));
    }
}
