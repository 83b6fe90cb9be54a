package mltutor.retrieval;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.apache.lucene.util.VectorUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Questions the corpus is known not to answer, grouped by subject, with their vectors: the off-topic
 * reference (software, databases, cooking, ...) and the uncovered-ML reference (topics the notes lack).
 * A query close to one of them, and not closer to the corpus, is probably of the same kind. The vectors
 * are embedded once per model and cached in the data directory with a CRC-32 of everything before it,
 * written to a temporary file and moved into place; a cache that fails the check is logged and embedded again.
 */
public final class ReferenceQuestions {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceQuestions.class);

    /** One reference question and the subject or topic it belongs to. */
    public record Item(String text, String group) {
    }

    /** The most similar reference question, or similarity -1 when there is none. */
    public record Nearest(double similarity, Item item) {
    }

    private final List<Item> items;
    private final List<float[]> vectors;

    public ReferenceQuestions(List<Item> items, List<float[]> vectors) {
        if (items.size() != vectors.size()) {
            throw new IllegalArgumentException(items.size() + " items but " + vectors.size() + " vectors");
        }
        this.items = List.copyOf(items);
        this.vectors = List.copyOf(vectors);
    }

    /** The off-topic subject lines and questions shipped with the service. */
    public static List<Item> offTopicItems() {
        var out = new ArrayList<Item>();
        for (String line : lines("/answerability/off-topic-subjects.txt")) {
            out.add(new Item(line, line));
        }
        out.addAll(tsv("/answerability/off-topic.tsv"));
        return out;
    }

    /** Questions written for the purpose that an entry answers, with that entry's id as the group (training only). */
    public static List<Item> answerableItems() {
        return tsv("/answerability/answerable.tsv");
    }

    /** ML and LLM questions on topics the corpus has no entry for. */
    public static List<Item> uncoveredItems() {
        return tsv("/answerability/uncovered.tsv");
    }

    /** Embeds the items, or reads their vectors from {@code cache} when it holds exactly these texts. */
    public static ReferenceQuestions load(List<Item> items, Function<List<String>, List<float[]>> embed, Path cache) {
        return load(items, embed, cache, "");
    }

    /**
     * {@link #load(List, Function, Path)} with a cache shared by index generations: {@code model} names the model
     * that embeds (see {@code IndexFingerprint.modelStamp}), so vectors of another model are never read.
     */
    public static ReferenceQuestions load(List<Item> items, Function<List<String>, List<float[]>> embed, Path cache,
                                          String model) {
        List<String> texts = items.stream().map(Item::text).toList();
        String key = Integer.toHexString(texts.hashCode()) + ":" + texts.size() + (model.isEmpty() ? "" : ":" + model);
        List<float[]> vectors = readCache(cache, key, texts.size()).orElseGet(() -> {
            List<float[]> fresh = embed.apply(texts);
            writeCache(cache, key, fresh);
            return fresh;
        });
        return new ReferenceQuestions(items, vectors);
    }

    public int size() {
        return items.size();
    }

    /** The nearest reference question, skipping those of {@code excludeGroup} (null skips none). */
    public Nearest nearest(float[] query, String excludeGroup) {
        double best = -1;
        Item item = null;
        for (int i = 0; i < vectors.size(); i++) {
            if (excludeGroup != null && items.get(i).group().equals(excludeGroup)) {
                continue;
            }
            double s = VectorUtil.dotProduct(query, vectors.get(i));
            if (s > best) {
                best = s;
                item = items.get(i);
            }
        }
        return new Nearest(best, item);
    }

    static List<String> lines(String resource) {
        try (var in = ReferenceQuestions.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TSV resource with a header line; the first column is the question, the second its group. */
    static List<Item> tsv(String resource) {
        List<String> lines = lines(resource);
        if (lines.isEmpty() || !lines.get(0).startsWith("question\t")) {
            throw new IllegalStateException(resource + ": the first line must be a header starting 'question<TAB>'");
        }
        var out = new ArrayList<Item>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t");
            if (cols.length < 2) {
                throw new IllegalStateException(resource + ": expected question<TAB>group, got '" + line + "'");
            }
            out.add(new Item(cols[0].strip(), cols[1].strip()));
        }
        return out;
    }

    private static Optional<List<float[]>> readCache(Path file, String key, int expected) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        var crc = new CRC32();
        try (var in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(Files.newInputStream(file)), crc))) {
            if (!in.readUTF().equals(key)) {
                LOG.info("{} holds the vectors of other questions; embedding them again", file);
                return Optional.empty();
            }
            int n = in.readInt();
            int dim = in.readInt();
            if (n != expected || dim <= 0 || dim > 8192) {
                LOG.warn("{} is damaged ({} vectors of dimension {}, expected {}); embedding again", file, n, dim, expected);
                return Optional.empty();
            }
            var out = new ArrayList<float[]>(n);
            for (int i = 0; i < n; i++) {
                float[] v = new float[dim];
                for (int j = 0; j < dim; j++) {
                    v[j] = in.readFloat();
                }
                out.add(v);
            }
            long computed = crc.getValue();
            // The checksum covers everything before it; a flipped byte anywhere means embedding again.
            if (in.readLong() != computed || in.read() != -1) {
                LOG.warn("{} is damaged (its checksum does not match); embedding again", file);
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            LOG.warn("{} cannot be read ({}); embedding again", file, e.toString());
            return Optional.empty();
        }
    }

    private static void writeCache(Path file, String key, List<float[]> vectors) {
        // A name of its own, so two processes starting on one generation never write into the same file; not
        // Files.createTempFile, whose owner-only permissions would hide the cache from other users.
        Path tmp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
        var crc = new CRC32();
        try (var out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)), crc))) {
            out.writeUTF(key);
            out.writeInt(vectors.size());
            out.writeInt(vectors.isEmpty() ? 0 : vectors.get(0).length);
            for (float[] v : vectors) {
                for (float x : v) {
                    out.writeFloat(x);
                }
            }
            out.flush();
            out.writeLong(crc.getValue());
            out.flush();
        } catch (IOException e) {
            // Only a start-up shortcut: without the file the next start embeds again.
            LOG.info("cannot cache the vectors in {} ({}); the next start embeds them again", file, e.toString());
            deleteQuietly(tmp);
            return;
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.info("cannot cache the vectors in {} ({}); the next start embeds them again", file, e.toString());
            deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Deleted with its generation at the latest.
        }
    }
}
