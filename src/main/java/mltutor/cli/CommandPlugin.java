package mltutor.cli;

import java.util.List;

/**
 * Subcommands that live outside the production jar (the benchmarks and evaluation in the eval jar), found at
 * start-up through {@link java.util.ServiceLoader}: a jar adds commands by listing its implementation in
 * {@code META-INF/services/mltutor.cli.CommandPlugin}. Without such a jar on the class path, {@code tutor} has
 * only its built-in commands.
 */
public interface CommandPlugin {
    /** New picocli command objects (classes annotated with {@code @Command}), added under {@code tutor}. */
    List<Object> commands();
}
