package mltutor.eval;

import java.util.List;
import mltutor.cli.CommandPlugin;

/**
 * The eval jar's commands ({@code eval}, {@code bench}, {@code bench-ask}, {@code fit-answerability},
 * {@code grading-check}), which
 * {@code tutor} finds through {@code META-INF/services/mltutor.cli.CommandPlugin} when this jar is on the class
 * path; they measure the service, so the production jar does not carry them.
 */
public final class EvalCommands implements CommandPlugin {
    @Override
    public List<Object> commands() {
        return List.of(new EvalCommand(), new BenchCommand(), new BenchAskCommand(), new FitAnswerabilityCommand(),
                new GradingCheckCommand());
    }
}
