package mltutor.chunking;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import mltutor.Fixtures;
import mltutor.corpus.Corpus;
import mltutor.corpus.CorpusLoader;
import mltutor.corpus.Entry;
import mltutor.embedding.LocalEmbedder;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    private final LocalEmbedder embedder = Fixtures.embedder();

    @Test
    void startsEachEntryWithItsQuestionAndSplitsTheBodyAtHeadings() {
        Corpus corpus = new CorpusLoader().load(Fixtures.FIXTURE_CORPUS);
        List<Chunk> chunks = new Chunker(ChunkingParams.of(256), embedder::countTokens).chunk(corpus);
        List<Chunk> kv = chunks.stream().filter(c -> c.entryId().equals("kv-cache")).toList();
        assertEquals("kv-cache#0", kv.get(0).chunkId());
        assertTrue(kv.get(0).embeddingText().startsWith("What is KV cache and why is it used?"));
        var headings = new java.util.ArrayList<>(List.of("", "Also asked as", "Also asked as"));
        headings.addAll(java.util.Collections.nCopies(4, "Key point"));
        headings.addAll(List.of("Short answer", "Explanation", "Example / math"));
        assertEquals(headings, kv.stream().map(Chunk::heading).toList());
        assertEquals(Chunk.KEY_POINT, kv.get(3).kind());
        assertTrue(kv.get(3).standalone(), "a key point is embedded on its own");
        assertEquals("how much GPU memory does the key/value cache take", kv.get(2).embeddingText(),
                "an alias is embedded on its own");
        kv.forEach(c -> {
            assertEquals("What is KV cache and why is it used?", c.question());
            assertEquals("Transformers", c.section());
        });
        Chunk resource = chunks.stream().filter(c -> c.kind().equals("resource")).findFirst().orElseThrow();
        assertEquals("https://arxiv.org/abs/1706.03762", resource.url());
    }

    @Test
    void keepsEveryChunkWithinTheTokenBudgetAndInsideOneEntry() {
        String paragraph = "Attention with a KV cache stores past keys and values so decoding reuses them. ".repeat(40);
        String body = "## Short answer\nShort.\n\n## Explanation\n" + paragraph + "\n\n" + paragraph + "\n\n## In the interview\n"
                + "word ".repeat(900);
        var a = entry("long-a", body);
        var b = entry("long-b", "## Short answer\nAnother entry entirely.\n");
        int budget = 128;
        List<Chunk> chunks = new Chunker(ChunkingParams.of(budget), embedder::countTokens)
                .chunk(new Corpus(List.of(a, b), List.of()));
        assertTrue(chunks.size() > 8, "long sections must be split, got " + chunks.size());
        for (Chunk c : chunks) {
            int tokens = embedder.countTokens(c.embeddingText());
            assertTrue(tokens <= budget, c.chunkId() + " has " + tokens + " tokens");
            assertTrue(c.chunkId().startsWith(c.entryId() + "#"));
        }
        assertEquals(List.of("entry", "keypoint", "keypoint", "keypoint", "keypoint", "entry"),
                chunks.stream().filter(c -> c.entryId().equals("long-b")).map(Chunk::kind).toList(),
                "the header, one chunk per key point, then the body");
        // Nothing is lost: every word of the long entry's body is in some section chunk.
        String joined = String.join(" ", chunks.stream()
                .filter(c -> c.entryId().equals("long-a") && !c.chunkId().endsWith("#0") && !c.standalone())
                .map(Chunk::text).toList());
        assertEquals(countWords(body.replaceAll("## [^\\n]+", "")), countWords(joined));
    }

    @Test
    void rejectsAChunkSizeTooSmallForAnyText() {
        assertThrows(IllegalArgumentException.class, () -> ChunkingParams.of(8));
    }

    private static int countWords(String s) {
        return s.isBlank() ? 0 : s.strip().split("\\s+").length;
    }

    private static Entry entry(String id, String body) {
        return new Entry(id, "S", "Question " + id + "?", List.of(), List.of(), "seed", 2, List.of("t"), List.of(), List.of(),
                List.of("a", "b", "c", "d"), List.of("e", "f", "g"), body, id + ".md");
    }
}
