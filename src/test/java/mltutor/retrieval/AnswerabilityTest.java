package mltutor.retrieval;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import mltutor.Fixtures;
import mltutor.eval.UncoveredSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fitted answerability scorer on the real corpus, model and index: answerable questions keep their entry,
 * ML topics the notes lack are flagged uncovered, everything else is off-topic, and the thresholds decide.
 */
@Tag("slow")
class AnswerabilityTest {
    private final Retriever retriever = Fixtures.realApp().retriever();

    private SearchResponse search(String q) {
        return retriever.search(q, 5, SearchMode.HYBRID);
    }

    @Test
    void answersWhatTheNotesCoverWithTheRightEntry() {
        for (var c : List.of(
                List.of("why do we scale the attention logits by one over the square root of the key size", "attention-scaling-sqrt-dk"),
                List.of("my validation loss climbs after epoch 5 while the training loss keeps falling", "overfitting-underfitting"),
                List.of("how does lora cut the number of trainable parameters", "lora"))) {
            SearchResponse r = search(c.get(0));
            assertEquals(Answerability.Decision.ANSWERABLE, r.answerability(), c.get(0) + " " + r.signals());
            assertTrue(r.results().stream().limit(3).anyMatch(s -> s.entryId().equals(c.get(1))), c.get(0) + " -> "
                    + r.results().stream().map(SearchResult::entryId).toList());
        }
    }

    @Test
    void flagsMlTopicsTheNotesLackAsUncoveredNotAsAnswers() {
        for (String q : List.of("how does a gaussian process put a prior over functions",
                "what is a hidden markov model and how does the viterbi algorithm decode it",
                "explain CTC loss for speech recognition")) {
            SearchResponse r = search(q);
            assertEquals(Answerability.Decision.UNCOVERED, r.answerability(), q + " " + r.signals());
            assertTrue(r.inDomain(), "an uncovered question is still an ML question");
        }
    }

    @Test
    void refusesQuestionsThatAreNotAboutMl() {
        for (String q : List.of("how do I bake sourdough bread at home", "what does git rebase do to my branch",
                "best way to train for a marathon in 12 weeks")) {
            SearchResponse r = search(q);
            assertEquals(Answerability.Decision.OFF_TOPIC, r.answerability(), q + " " + r.signals());
            assertFalse(r.inDomain());
        }
    }

    @Test
    void flagsMostOfTheHeldOutUncoveredTopics() {
        List<String[]> rows = UncoveredSet.read(Path.of("src/test/resources/eval/uncovered-heldout.tsv"));
        long flagged = rows.stream().filter(r -> search(r[0]).answerability() == Answerability.Decision.UNCOVERED).count();
        long answered = rows.stream().filter(r -> search(r[0]).answerable()).count();
        // A regression guard a little below the measured level (79 flagged, 18 answered of 100); the target is
        // 90 and 0 (issue 10).
        assertTrue(flagged >= 0.75 * rows.size(), flagged + " of " + rows.size() + " flagged uncovered");
        assertTrue(answered <= 0.22 * rows.size(), answered + " of " + rows.size() + " answered as covered");
    }

    @Test
    void theThresholdsDecide() {
        AnswerabilityScorer fitted = AnswerabilityScorer.load();
        String uncovered = "how does a gaussian process put a prior over functions";
        String offTopic = "how do I bake sourdough bread at home";
        var lenient = retriever.withScorer(new AnswerabilityScorer(fitted.features(), fitted.domain(), fitted.covered(),
                0, 0));
        assertEquals(Answerability.Decision.ANSWERABLE, lenient.search(uncovered, 5, SearchMode.HYBRID).answerability());
        assertEquals(Answerability.Decision.ANSWERABLE, lenient.search(offTopic, 5, SearchMode.HYBRID).answerability());
        var strict = retriever.withScorer(new AnswerabilityScorer(fitted.features(), fitted.domain(), fitted.covered(),
                fitted.offTopicThreshold(), 1));
        assertEquals(Answerability.Decision.UNCOVERED, strict.search("how does lora fine-tuning work", 5, SearchMode.HYBRID)
                .answerability());
    }

    @Test
    void pointsToEntriesThatOnlyMentionASubjectInPassing() {
        // Gaussian processes come up in the bodies of the Bayesian-learning and hyperparameter-search entries
        // (as a surrogate model); no entry is about them.
        String q = "how does a gaussian process work";
        var mentions = retriever.mentionsInPassing(q, search(q).results(), 3);
        assertFalse(mentions.isEmpty());
        for (String id : mentions) {
            var terms = Fixtures.realApp().index().index().entryTerms(id).orElseThrow();
            assertTrue(terms.body().contains("gaussian"), id);
            assertFalse(terms.core().contains("gaussian"), id);
        }
    }
}
