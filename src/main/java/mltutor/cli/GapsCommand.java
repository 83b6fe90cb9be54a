package mltutor.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import mltutor.config.Setting;
import mltutor.config.TutorConfig;
import mltutor.gaps.FileGapLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import mltutor.io.FileErrorMessage;

/** {@code tutor gaps}: the questions people asked that the notes do not cover, grouped by nearest entry. */
@Command(name = "gaps", mixinStandardHelpOptions = true,
        description = "List the uncovered questions recorded in the gap log (TUTOR_GAP_LOG), grouped by the nearest entry.")
final class GapsCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        TutorConfig config = options.config();
        if (config.gapLog().isEmpty()) {
            System.out.println("the gap log is off (" + Setting.GAP_LOG.env() + "=off)");
            return 0;
        }
        FileGapLog.Read read;
        try {
            read = FileGapLog.read(config.gapLog().get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gap log " + config.gapLog().get() + ": " + FileErrorMessage.reason(e), e);
        }
        Map<String, LinkedHashSet<String>> byEntry = new TreeMap<>();
        Map<String, Integer> asked = new TreeMap<>();
        for (FileGapLog.Gap g : read.gaps()) {
            String nearest = g.nearest() == null ? "(none)" : g.nearest();
            byEntry.computeIfAbsent(nearest, k -> new LinkedHashSet<>()).add(g.question().strip());
            asked.merge(nearest, 1, Integer::sum);
        }
        System.out.printf("%d uncovered questions in %s%s%n", read.gaps().size(), config.gapLog().get(),
                read.unreadableLines() == 0 ? "" : " (" + read.unreadableLines() + " unreadable lines skipped)");
        List<String> order = new ArrayList<>(byEntry.keySet());
        order.sort(Comparator.comparing((String k) -> -asked.get(k)).thenComparing(k -> k));
        for (String entry : order) {
            System.out.printf("%nnearest entry: %s (%d asked)%n", entry, asked.get(entry));
            byEntry.get(entry).forEach(q -> System.out.println("  - " + q));
        }
        return 0;
    }
}
