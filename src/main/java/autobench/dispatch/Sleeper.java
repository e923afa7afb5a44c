package autobench.dispatch;

import java.time.Duration;

/** Waiting between attempts, injected so tests can observe the waits. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis());
}
