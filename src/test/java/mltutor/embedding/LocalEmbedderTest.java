package mltutor.embedding;

import static org.junit.jupiter.api.Assertions.*;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mltutor.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEmbedderTest {
    private final LocalEmbedder embedder = Fixtures.embedder();

    @Test
    void loadsTheDefaultModelFromModelsDirectoryByPath() {
        EmbeddingModelSpec spec = embedder.spec();
        assertEquals("bge-small-en-v1.5-q", spec.name());
        assertEquals(Path.of("models/bge-small-en-v1.5-q/bge-small-en-v1.5-q.onnx"), spec.modelFile());
        assertTrue(Files.isRegularFile(spec.modelFile()));
        assertEquals(384, embedder.dimension());
    }

    @Test
    void producesUnitVectorsWhoseSimilarityFollowsMeaning() {
        float[] q = embedder.embedQuery("how does the kv cache speed up decoding");
        List<float[]> passages = embedder.embedPassages(List.of(
                "The KV cache keeps past keys and values so each decoding step only processes the new token.",
                "Sourdough starter needs feeding with flour and water every day."), n -> { });
        assertEquals(1.0, LocalEmbedder.dot(q, q), 1e-4);
        assertTrue(LocalEmbedder.dot(q, passages.get(0)) > LocalEmbedder.dot(q, passages.get(1)) + 0.1);
    }

    @Test
    void asALangChainEmbeddingModelEmbedsSegmentsAsPassages() {
        EmbeddingModel model = embedder;
        List<String> texts = List.of("The KV cache keeps past keys and values.", "Dropout zeroes random activations.");
        List<Embedding> viaInterface = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        List<float[]> viaProject = embedder.embedPassages(texts, n -> { });
        assertEquals(2, viaInterface.size());
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(viaProject.get(i), viaInterface.get(i).vector(), 1e-6f);
        }
        assertArrayEquals(viaProject.get(0), model.embed(texts.get(0)).content().vector(), 1e-6f);
        assertEquals(384, model.dimension());
        assertEquals("bge-small-en-v1.5-q", model.modelName());
    }

    @Test
    void asALangChainEmbeddingModelEmbedsAQueryRequestWithTheQueryPrefix() {
        EmbeddingModel model = embedder;
        String query = "how does the kv cache speed up decoding";
        var request = EmbeddingRequest.builder().input(query).inputType(EmbeddingInputType.QUERY).build();
        float[] viaInterface = model.embed(request).embeddings().get(0).vector();
        assertArrayEquals(embedder.embedQuery(query), viaInterface, 1e-6f);
        float[] asPassage = model.embed(query).content().vector();
        assertTrue(LocalEmbedder.dot(viaInterface, asPassage) < 0.999,
                "the query prefix must make a query vector differ from the same text as a passage");
    }

    @Test
    void servesARepeatedQueryFromTheCache() {
        String query = "cache test query " + System.nanoTime();
        embedder.clearQueryCache(); // the shared embedder's bounded cache may be full from earlier tests
        int before = embedder.cachedQueries();
        float[] first = embedder.embedQuery(query);
        float[] second = embedder.embedQuery(query);
        assertSame(first, second, "the second call must not run the model");
        assertEquals(before + 1, embedder.cachedQueries());
        assertArrayEquals(first, embedder.embedUncached(query), 1e-5f);
    }

    @Test
    void boundsTheQueryCache() {
        var cache = new QueryEmbeddingCache(2);
        cache.put("a", new float[1]);
        cache.put("b", new float[1]);
        cache.get("a");
        cache.put("c", new float[1]);
        assertNotNull(cache.get("a"));
        assertNull(cache.get("b"), "the least recently used entry is evicted");
        assertEquals(2, cache.size());
    }

    @Test
    void namesTheMissingFileAndTheFixWhenTheModelIsAbsent(@TempDir Path dir) {
        var spec = ModelPreset.BGE_SMALL_Q.spec(dir);
        var e = assertThrows(ModelLoadException.class, () -> new LocalEmbedder(spec, 10));
        assertTrue(e.getMessage().contains(spec.modelFile().toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("mvn package"), e.getMessage());
    }

    @Test
    void reportsAnUnreadableModelFileClearly(@TempDir Path dir) throws Exception {
        var spec = ModelPreset.BGE_SMALL_Q.spec(dir);
        Files.createDirectories(spec.modelFile().getParent());
        Files.writeString(spec.modelFile(), "not an onnx model");
        Files.copy(Fixtures.embedder().spec().tokenizerFile(), spec.tokenizerFile());
        var e = assertThrows(ModelLoadException.class, () -> new LocalEmbedder(spec, 10));
        assertTrue(e.getMessage().startsWith("cannot load embedding model " + spec.modelFile()), e.getMessage());
    }

    @Test
    void neverCallsTheCloudMetadataAddressWhenTheTokenizerLoads() throws Exception {
        // DJL stamps Ec2Utils.lastCheckIn just before it contacts 169.254.169.254; opted out, it stays 0.
        assertNotNull(Fixtures.embedder());
        new dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator(embedder.spec().tokenizerFile());
        assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
        Field lastCheckIn = Class.forName("ai.djl.util.Ec2Utils").getDeclaredField("lastCheckIn");
        lastCheckIn.setAccessible(true);
        assertEquals(0L, lastCheckIn.getLong(null), "the tokenizer library tried to phone home");
    }
}
