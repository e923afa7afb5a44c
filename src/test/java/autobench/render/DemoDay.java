package autobench.render;

import autobench.dispatch.Prompts;
import autobench.extract.HtmlExtractor;
import autobench.provider.Completion;
import autobench.provider.ModelConfig;
import autobench.provider.Price;
import autobench.provider.Prompt;
import autobench.provider.ProviderKind;
import autobench.provider.demo.DemoProvider;
import autobench.task.BuiltinLibrary;
import autobench.task.TaskSpec;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pages of one demo day, as `./autobench demo` makes them: the built-in library's three tasks
 * for the date, answered by the four demo models, extracted as the pipeline extracts them.
 */
final class DemoDay {
    private DemoDay() {}

    static List<String> pages(LocalDate day) {
        List<String> pages = new ArrayList<>();
        HtmlExtractor extractor = new HtmlExtractor();
        for (TaskSpec task : new BuiltinLibrary().generate(day, 3, List.of()).tasks()) {
            for (String style : List.of("demo-orbit", "demo-grid", "demo-waves", "demo-blocks")) {
                ModelConfig model = new ModelConfig(
                        style, ProviderKind.DEMO, style, null, null, 8000, null, Price.FREE, true, 60, Map.of());
                Prompt prompt = new Prompt(Prompts.SYSTEM, task.prompt(), 8000, null, Duration.ofSeconds(60));
                if (new DemoProvider(model).complete(prompt) instanceof Completion.Answered a) {
                    String html = extractor.extract(a.text()).html();
                    if (html != null) pages.add(html);
                }
            }
        }
        return pages;
    }
}
