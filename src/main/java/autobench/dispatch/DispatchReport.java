package autobench.dispatch;

import java.util.concurrent.atomic.AtomicInteger;

/** Counters of one dispatch run, for the CLI summary and tests. */
public final class DispatchReport {
    final AtomicInteger succeeded = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger claimedElsewhere = new AtomicInteger();
    final AtomicInteger overBudget = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger stopped = new AtomicInteger();

    public int succeeded() {
        return succeeded.get();
    }

    public int failed() {
        return failed.get();
    }
    /** Requests that actually left this process (retries included). */
    public int requests() {
        return requests.get();
    }

    public int claimedElsewhere() {
        return claimedElsewhere.get();
    }

    public int overBudget() {
        return overBudget.get();
    }

    public int errors() {
        return errors.get();
    }
    /** Calls not started, or put back to pending while waiting to retry, because the process was stopping. */
    public int stopped() {
        return stopped.get();
    }

    @Override
    public String toString() {
        return succeeded() + " succeeded, " + failed() + " failed, " + requests() + " requests sent"
                + (claimedElsewhere() > 0 ? ", " + claimedElsewhere() + " claimed by another process" : "")
                + (overBudget() > 0 ? ", " + overBudget() + " left pending by the daily budget" : "")
                + (errors() > 0 ? ", " + errors() + " internal errors (see log)" : "")
                + (stopped() > 0 ? ", " + stopped() + " left pending because the process was stopping" : "");
    }
}
