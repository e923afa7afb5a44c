package autobench.cli;

import autobench.Config;
import autobench.provider.ModelConfig;
import autobench.provider.Providers;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "models", description = "List the configured models and whether their API keys are present (keys are never printed).")
public final class ModelsCommand implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Override
    public Integer call() {
        Config c = config.load(false);
        System.out.printf("%-20s %-18s %-28s %-8s %-22s %s%n", "ID", "PROVIDER", "MODEL", "ENABLED", "KEY", "PRICE in/out $/Mtok");
        int missing = 0;
        for (ModelConfig m : c.models()) {
            String key;
            if (m.apiKeyEnv() == null) key = Providers.needsKey(m.provider()) ? "MISSING (no api_key_env)" : "not needed";
            else {
                String v = System.getenv(m.apiKeyEnv());
                key = (v == null || v.isBlank() ? "MISSING " : "present ") + "$" + m.apiKeyEnv();
                if ((v == null || v.isBlank()) && m.enabled()) missing++;
            }
            System.out.printf("%-20s %-18s %-28s %-8s %-22s %.2f / %.2f%s%n", m.id(), m.provider(), m.model(), m.enabled() ? "yes" : "no",
                    key, m.price().inputPerMillion(), m.price().outputPerMillion(), m.isDemo() ? "  (demo: not an AI model)" : "");
        }
        if (missing > 0) System.out.println(missing + " enabled model(s) lack their key; run-day will refuse to start until they are set or disabled.");
        return missing > 0 ? 1 : 0;
    }
}
