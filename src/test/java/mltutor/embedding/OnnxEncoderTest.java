package mltutor.embedding;

import static org.junit.jupiter.api.Assertions.*;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import mltutor.Fixtures;
import mltutor.chunking.Chunk;
import mltutor.chunking.Chunker;
import mltutor.chunking.ChunkingParams;
import mltutor.corpus.CorpusLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The direct ONNX Runtime path gives the vectors LangChain4j's wrapper gives, so stored indexes stay valid. */
class OnnxEncoderTest {
    private final LocalEmbedder embedder = Fixtures.embedder();

    @Test
    @Tag("slow")
    void embedsRealChunksQueriesAndLongTextsAsLangChainsWrapperDoes() {
        EmbeddingModelSpec spec = embedder.spec();
        var wrapper = new OnnxEmbeddingModel(spec.modelFile(), spec.tokenizerFile(), spec.pooling());
        var chunks = new Chunker(ChunkingParams.of(256), embedder::countTokens)
                .content(new CorpusLoader().load(Fixtures.REAL_CORPUS)).chunks();
        var texts = new ArrayList<String>();
        // Every 137th chunk of the real corpus: headings, formulas, lists, standalone phrasings.
        IntStream.range(0, chunks.size()).filter(i -> i % 137 == 0).mapToObj(chunks::get).map(Chunk::embeddingText)
                .forEach(texts::add);
        texts.add("Ünïcödé, naïve café: ∑ᵢ wᵢxᵢ — “quotes” and emoji 🙂 and tabs\tand\nnew lines");
        // Over 510 tokens: the wrapper splits it into parts and averages them.
        texts.add(String.join(" ", java.util.Collections.nCopies(300, "gradient descent minimises the loss")));
        List<float[]> direct = embedder.embedTexts(texts);
        assertEquals(texts.size(), direct.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] expected = LocalEmbedder.normalized(wrapper.embed(texts.get(i)).content().vector());
            assertArrayEquals(expected, direct.get(i), 1e-5f, "text " + i + ": " + texts.get(i));
        }
        String query = "why divide by sqrt dk";
        assertArrayEquals(LocalEmbedder.normalized(wrapper.embed(spec.queryPrefix() + query).content().vector()),
                embedder.embedUncached(query), 1e-5f);
        assertTrue(embedder.countTokens(texts.get(texts.size() - 1)) > 510, "the long text must need two parts");
    }

    @Test
    void keepsTheInputOrderAcrossWorkersAndReportsProgress() {
        List<String> texts = IntStream.range(0, 40).mapToObj(i -> "passage number " + i + " about topic " + (i * 7 % 13)).toList();
        var reported = new ArrayList<Integer>();
        List<float[]> all = embedder.embedPassages(texts, reported::add);
        assertEquals(List.of(16, 32, 40), reported);
        for (int i : new int[] {0, 17, 39}) {
            assertArrayEquals(embedder.embedPassages(List.of(texts.get(i)), n -> { }).get(0), all.get(i), 1e-6f);
        }
    }

    @Test
    void refusesAnEmptyText() {
        var e = assertThrows(IllegalArgumentException.class, () -> embedder.embedTexts(List.of("")));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
