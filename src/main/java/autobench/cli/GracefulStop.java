package autobench.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) as an operator means them: the first asks the process to stop
 * gracefully (claim nothing more, let the calls in flight finish and store their results), the
 * second exits at once. Without this the JVM dies on the spot and every call in flight becomes
 * {@code unknown}: paid for, perhaps, and not re-sent.
 */
final class GracefulStop implements AutoCloseable {
    private final AtomicInteger signal = new AtomicInteger();
    private final CountDownLatch mainDone = new CountDownLatch(1);
    private final Runnable stop;

    private GracefulStop(Runnable stop) {
        this.stop = stop;
    }

    /**
     * @param stop stops the work and returns when the calls in flight have finished or been given
     *             up; run on its own thread so that the signal handler returns at once
     */
    static GracefulStop install(Runnable stop) {
        GracefulStop g = new GracefulStop(stop);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), g::handle);
        }
        return g;
    }

    private void handle(Signal s) {
        if (!signal.compareAndSet(0, s.getNumber())) {
            System.err.println(
                    "autobench: second signal — exiting now; calls in flight are left to their leases (they turn unknown)");
            Runtime.getRuntime().halt(128 + s.getNumber());
        }
        System.err.println(
                "autobench: SIG" + s.getName() + " — stopping: nothing new is claimed, calls in flight may finish;"
                        + " send it again to exit at once");
        Thread t = new Thread(
                () -> {
                    stop.run();
                    // The work has stopped; give the main thread a moment to store and print, then make sure we exit.
                    try {
                        if (!mainDone.await(10, TimeUnit.SECONDS)) System.exit(exitCode());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "graceful-stop");
        t.setDaemon(true);
        t.start();
    }

    boolean requested() {
        return signal.get() != 0;
    }

    /** 128 + the signal's number, as shells report a process stopped by a signal. */
    int exitCode() {
        return 128 + signal.get();
    }

    @Override
    public void close() {
        mainDone.countDown();
    }
}
