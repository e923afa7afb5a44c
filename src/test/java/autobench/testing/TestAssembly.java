package autobench.testing;

import autobench.config.Config;
import autobench.dispatch.Sleeper;
import autobench.provider.Provider;
import autobench.wiring.Assembly;
import autobench.wiring.Role;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the process a test needs: every role by default, no environment variables, the system
 * clock, real sleeps, no progress output and the configured providers; each can be changed.
 */
public final class TestAssembly {
    private final Config config;
    private Set<Role> roles = Assembly.ALL;
    private Function<String, String> env = k -> null;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.REAL;
    private Map<String, Provider> providers = Map.of();

    private TestAssembly(Config config) {
        this.config = config;
    }

    public static TestAssembly of(Config config) {
        return new TestAssembly(config);
    }

    /** A process with every role on this config, as the old single-process tests had. */
    public static Assembly build(Config config) {
        return of(config).build();
    }

    public TestAssembly roles(Set<Role> r) {
        this.roles = r;
        return this;
    }

    public TestAssembly env(Function<String, String> e) {
        this.env = e;
        return this;
    }

    public TestAssembly env(Map<String, String> variables) {
        return env(variables::get);
    }

    public TestAssembly clock(Clock c) {
        this.clock = c;
        return this;
    }

    public TestAssembly sleeper(Sleeper s) {
        this.sleeper = s;
        return this;
    }

    /** Adapters to use instead of the configured ones, by model id. */
    public TestAssembly providers(Map<String, Provider> p) {
        this.providers = p;
        return this;
    }

    public Assembly build() {
        return Assembly.assemble(roles, config, new Assembly.Environment(env, clock, sleeper, line -> {}, providers));
    }
}
