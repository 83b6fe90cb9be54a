package mltutor.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A BERT-style ONNX encoder called through ONNX Runtime directly, with session options chosen for embedding many
 * passages on all cores (see the constructor). It replaces LangChain4j's {@code OnnxEmbeddingModel}, whose session
 * runs with the defaults, and turns text into token ids exactly as that wrapper does (tokenize, split at 510 tokens on word
 * boundaries, rebuild the text, encode it with special tokens) and pools the same way (CLS token or mean over
 * real tokens, a token-weighted average of the parts, L2-normalised), so its vectors match the wrapper's;
 * {@code OnnxEncoderTest} holds it to 1e-5.
 */
final class OnnxEncoder implements AutoCloseable {
    /** The wrapper's part length: 512 positions minus [CLS] and [SEP]. */
    private static final int MAX_SEQUENCE_LENGTH = 510;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final Set<String> inputs;
    private final HuggingFaceTokenizer tokenizer;
    private final PoolingMode pooling;
    private final int dimension;

    /**
     * Loads the model with one intra-op thread and no spin-waiting: callers run one text per thread on every
     * core, which measured faster than one call at a time over all cores, and threads that spin while waiting
     * steal the cores that other callers (and other processes on a shared machine) need.
     */
    OnnxEncoder(Path model, Path tokenizerFile, PoolingMode pooling) {
        try {
            this.environment = OrtEnvironment.getEnvironment();
            try (var options = new OrtSession.SessionOptions()) {
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.setMemoryPatternOptimization(true);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                this.session = environment.createSession(model.toString(), options);
            }
            this.inputs = session.getInputNames();
            this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerFile, Map.of("padding", "false"));
            this.pooling = pooling;
            var info = (TensorInfo) session.getOutputInfo().values().iterator().next().getInfo();
            long[] shape = info.getShape();
            this.dimension = (int) shape[shape.length - 1];
        } catch (OrtException | IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    int dimension() {
        return dimension;
    }

    /** Token ids of one part of a text, with special tokens, as the wrapper feeds them to the model. */
    private record Part(long[] ids, long[] types, int weight) {
    }

    /**
     * One text's L2-normalised vector. Each part is its own model call: padded batches were measured slower on
     * two cores, and the int8 model quantizes activations per tensor, so a batch changes every vector in it
     * (by up to 0.04 per component against the wrapper). Safe to call from several threads at once.
     */
    float[] embed(String text) {
        List<Part> parts = parts(text);
        if (parts.size() == 1) {
            return LocalEmbedder.normalized(run(parts.get(0)));
        }
        float[] sum = new float[dimension];
        int weight = 0;
        for (Part p : parts) {
            float[] v = run(p);
            for (int j = 0; j < dimension; j++) {
                sum[j] += v[j] * p.weight();
            }
            weight += p.weight();
        }
        for (int j = 0; j < dimension; j++) {
            sum[j] /= weight;
        }
        return LocalEmbedder.normalized(sum);
    }

    private List<Part> parts(String text) {
        List<String> tokens = tokenizer.tokenize(text);
        var out = new ArrayList<Part>();
        for (List<String> partition : partition(tokens)) {
            Encoding encoding = tokenizer.encode(toText(partition), true, false);
            out.add(new Part(encoding.getIds(), encoding.getTypeIds(), partition.size()));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("cannot embed an empty text");
        }
        return out;
    }

    /** The wrapper's split of a long text: parts of up to 510 tokens that do not cut a word. */
    private static List<List<String>> partition(List<String> tokens) {
        var partitions = new ArrayList<List<String>>();
        int from = 1; // after [CLS]
        while (from < tokens.size() - 1) { // before [SEP]
            int to = from + MAX_SEQUENCE_LENGTH;
            if (to >= tokens.size() - 1) {
                to = tokens.size() - 1;
            } else {
                while (tokens.get(to).startsWith("##")) {
                    to--;
                }
            }
            partitions.add(tokens.subList(from, to));
            from = to;
        }
        return partitions;
    }

    /** The part's text as the wrapper rebuilds it from its tokens. */
    private String toText(List<String> tokens) {
        String text = tokenizer.buildSentence(tokens);
        var again = new LinkedList<>(tokenizer.tokenize(text));
        again.removeFirst();
        again.removeLast();
        return again.equals(tokens) ? text : String.join("", tokens);
    }

    /** One model call on one part; its pooled (not yet normalised) vector. */
    private float[] run(Part part) {
        int length = part.ids().length;
        long[] mask = new long[length];
        Arrays.fill(mask, 1L);
        long[] shape = {1, length};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(part.ids()), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(part.types()), shape)) {
            var feed = new HashMap<String, OnnxTensor>();
            feed.put("input_ids", idTensor);
            feed.put("attention_mask", maskTensor);
            if (inputs.contains("token_type_ids")) {
                feed.put("token_type_ids", typeTensor);
            }
            try (OrtSession.Result result = session.run(feed)) {
                return pool(((OnnxTensor) result.get(0)).getFloatBuffer(), length); // [1, length, dimension]
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model failed: " + e.getMessage(), e);
        }
    }

    /** CLS: the first token's state; mean: the average over all tokens (there is no padding). */
    private float[] pool(FloatBuffer hidden, int length) {
        float[] v = new float[dimension];
        if (pooling == PoolingMode.CLS) {
            hidden.get(0, v);
            return v;
        }
        for (int t = 0; t < length; t++) {
            for (int j = 0; j < dimension; j++) {
                v[j] += hidden.get(t * dimension + j);
            }
        }
        for (int j = 0; j < dimension; j++) {
            v[j] /= length;
        }
        return v;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing at shutdown: nothing to recover.
        }
        tokenizer.close();
    }
}
