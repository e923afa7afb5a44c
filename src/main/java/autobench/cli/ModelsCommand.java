package autobench.cli;

import autobench.config.Config;
import autobench.provider.HttpTransport;
import autobench.provider.ModelConfig;
import autobench.provider.Probe;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "models",
        description = "List the configured models and whether their API keys are present (keys are never printed).")
public final class ModelsCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(
            names = "--probe",
            paramLabel = "ID",
            description =
                    "Send one tiny request to this model and report whether its model id, key and parameters are accepted. Touches no arena data.")
    String probe;

    @Override
    public Integer call() {
        Config c = config.load(false);
        if (probe != null) return probe(c);
        System.out.printf(
                "%-20s %-18s %-28s %-8s %-22s %s%n",
                "ID", "PROVIDER", "MODEL", "ENABLED", "KEY", "PRICE in/out $/Mtok");
        int missing = 0;
        for (ModelConfig m : c.models()) {
            String key;
            if (m.apiKeyEnv() == null) key = m.provider().needsKey() ? "MISSING (no api_key_env)" : "not needed";
            else {
                String v = System.getenv(m.apiKeyEnv());
                key = (v == null || v.isBlank() ? "MISSING " : "present ") + "$" + m.apiKeyEnv();
                if ((v == null || v.isBlank()) && m.enabled()) missing++;
            }
            System.out.printf(
                    "%-20s %-18s %-28s %-8s %-22s %.2f / %.2f%s%n",
                    m.id(),
                    m.provider().wireName(),
                    m.model(),
                    m.enabled() ? "yes" : "no",
                    key,
                    m.price().inputPerMillion(),
                    m.price().outputPerMillion(),
                    m.isDemo() ? "  (demo: not an AI model)" : "");
        }
        if (missing > 0)
            System.out.println(missing
                    + " enabled model(s) lack their key; run-day will refuse to start until they are set or disabled.");
        return missing > 0 ? 1 : 0;
    }

    private int probe(Config c) {
        ModelConfig m = c.model(probe)
                .orElseThrow(() -> new IllegalArgumentException("no model '" + probe + "' in the config (configured: "
                        + String.join(
                                ", ", c.models().stream().map(ModelConfig::id).toList()) + ")"));
        System.out.println(
                "probing " + m.id() + " (" + m.provider().wireName() + " " + m.model() + ") with one tiny request ...");
        Probe.Report r = Probe.run(m, System::getenv, new HttpTransport(Clock.systemUTC()));
        System.out.println((r.accepted() ? "OK" : "FAILED") + "  outcome " + r.outcome()
                + (r.httpStatus() > 0 ? " (HTTP " + r.httpStatus() + ")" : "") + "  latency "
                + r.latency().toMillis() + " ms"
                + (r.modelVersion().isEmpty() ? "" : "  model version " + r.modelVersion()));
        if (!r.hint().isEmpty()) System.out.println("  " + r.hint());
        if (!r.detail().isEmpty()) System.out.println("  provider said: " + r.detail());
        return r.accepted() ? 0 : 1;
    }
}
