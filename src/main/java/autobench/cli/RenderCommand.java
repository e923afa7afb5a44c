package autobench.cli;

import autobench.cycle.RenderStage;
import autobench.wiring.Assembly;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "render",
        description =
                "Render a day's answers in headless Chromium (each once), store posters, previews and checks, and publish finished tasks.")
public final class RenderCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            description = "Arena day (default: today in the configured zone).")
    LocalDate date;

    @Option(
            names = "--rerender",
            paramLabel = "SUBMISSION_ID",
            description = "Render this submission again, replacing its artifacts.")
    String rerender;

    @Override
    public Integer call() {
        try (Assembly arena = Assembly.assemble(Assembly.PIPELINE, config.load(false))) {
            RenderStage stage = arena.pipeline().renderStage();
            RenderStage.Report r = rerender != null
                    ? stage.rerender(rerender)
                    : stage.renderDay(date == null ? arena.today().date() : date);
            if (r.skipped() != null) {
                System.out.println("render: skipped — " + r.skipped());
                return 1;
            }
            System.out.println("render: " + r.rendered() + " rendered, " + r.failed() + " renderer failures, "
                    + r.published() + " tasks published");
            return 0;
        }
    }
}
