package autobench.provider.demo;

import autobench.provider.ModelConfig;
import autobench.provider.Price;
import autobench.provider.Prompt;
import autobench.provider.ProviderKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded task prompts shaped like the task generator's: a "# Title" line, then requirements. */
final class DemoPrompts {
    private DemoPrompts() {}

    private static final String[] ADJECTIVES = {
        "Drifting", "Neon", "Tiny", "Endless", "Paper", "Glowing", "Quiet", "Restless"
    };
    private static final String[] NOUNS = {
        "Aquarium", "Metronome", "Galaxy", "Garden", "Traffic Jam", "Snowfall", "Maze", "Kaleidoscope"
    };

    static List<Prompt> seeded(long seed, int count) {
        Random rnd = new Random(seed);
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String title =
                    ADJECTIVES[rnd.nextInt(ADJECTIVES.length)] + " " + NOUNS[rnd.nextInt(NOUNS.length)] + " " + (i + 1);
            prompts.add(prompt("# " + title + "\n\nBuild an interactive browser piece.\n1. Animate something.\n"
                    + "2. React to the mouse.\n3. Seed " + rnd.nextInt(1_000_000) + ".\n"));
        }
        return prompts;
    }

    static Prompt prompt(String user) {
        return new Prompt("You write single-file web programs.", user, 8000, 0.7, Duration.ofSeconds(30));
    }

    static DemoProvider provider(String model) {
        return new DemoProvider(new ModelConfig(
                "id-" + model, ProviderKind.DEMO, model, null, null, 8000, null, Price.FREE, true, 30, null));
    }
}
