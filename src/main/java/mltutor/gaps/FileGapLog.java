package mltutor.gaps;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import mltutor.io.FileErrorMessage;

/**
 * A gap log in a local file, one JSON object per line ({@code {"time","question","nearest","score"}}),
 * appended under this instance's lock so concurrent requests never interleave a line. A failure to write is
 * logged and never fails the request that asked. The file stops growing at {@link #MAX_BYTES}, so a client
 * sending uncovered questions in a loop cannot fill the disk.
 */
public final class FileGapLog implements GapLog {
    private static final Logger LOG = LoggerFactory.getLogger(FileGapLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded question. */
    public record Gap(String time, String question, String nearest, double score) {
    }

    static final long MAX_BYTES = 10L * 1024 * 1024;

    private final Path file;
    private boolean full;
    private final Clock clock;

    public FileGapLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public synchronized void record(String question, String nearestEntryId, double score) {
        if (full) {
            return;
        }
        try {
            if (Files.exists(file) && Files.size(file) >= MAX_BYTES) {
                full = true;
                LOG.warn("the gap log {} reached {} bytes; no more questions are recorded until it is emptied", file, MAX_BYTES);
                return;
            }
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            String line = JSON.writeValueAsString(new Gap(Instant.now(clock).toString(), question, nearestEntryId, score));
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("cannot append to the gap log {}: {}", file, FileErrorMessage.reason(e));
        }
    }

    /** Every readable line of a gap log; unreadable lines (a torn write, a hand edit) are counted, not fatal. */
    public static Read read(Path file) throws IOException {
        var gaps = new ArrayList<Gap>();
        int bad = 0;
        if (!Files.exists(file)) {
            return new Read(gaps, 0);
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                Gap g = JSON.readValue(line, Gap.class);
                if (g.question() == null) {
                    bad++;
                } else {
                    gaps.add(g);
                }
            } catch (IOException e) {
                bad++;
            }
        }
        return new Read(gaps, bad);
    }

    /** What a gap log holds. */
    public record Read(List<Gap> gaps, int unreadableLines) {
    }
}
