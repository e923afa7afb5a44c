package autobench.dispatch;

import autobench.provider.ModelConfig;
import autobench.provider.Prompt;
import autobench.task.StoredTask;
import java.time.Duration;

/** The one system prompt every model gets, so that answers differ only by model. */
public final class Prompts {
    private Prompts() {}

    public static final String SYSTEM = """
            You are taking part in a daily coding arena. You get one creative coding task.
            Answer with one complete, self-contained HTML file (inline CSS and JavaScript) in a single
            ```html fenced code block. It runs in a sandboxed iframe with no network access except the
            libraries the task allows. Do not ask questions; make reasonable choices and build it.""";

    public static Prompt forTask(StoredTask task, ModelConfig model) {
        return new Prompt(
                SYSTEM,
                task.prompt(),
                model.maxOutputTokens(),
                model.temperature(),
                Duration.ofSeconds(model.timeoutSeconds()));
    }
}
