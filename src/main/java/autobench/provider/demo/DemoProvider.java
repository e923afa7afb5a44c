package autobench.provider.demo;

import autobench.provider.Completion;
import autobench.provider.Finish;
import autobench.provider.ModelConfig;
import autobench.provider.Prompt;
import autobench.provider.Provider;
import autobench.provider.Usage;

/** PLACEHOLDER while the demo provider is being written; replaced by the real one. */
public final class DemoProvider implements Provider {
    private final ModelConfig model;

    public DemoProvider(ModelConfig model) {
        this.model = model;
    }

    @Override
    public Completion complete(Prompt prompt) {
        String html = "<!doctype html><canvas id=c></canvas><script>/*" + model.id() + "*/</script>";
        return new Completion.Answered("```html\n" + html + "\n```", "", Finish.STOP, new Usage(10, 10, 0), "demo", "");
    }
}
