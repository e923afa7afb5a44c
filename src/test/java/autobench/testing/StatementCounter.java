package autobench.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Counts (and keeps) the statements a Jdbi executes whose SQL (as written, before binding) matches, until closed;
 * then the logger it replaced is put back. For tests that say how many round trips something costs.
 */
public final class StatementCounter implements AutoCloseable {
    private final Jdbi jdbi;
    private final SqlLogger before;
    private final AtomicInteger count = new AtomicInteger();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    public StatementCounter(Jdbi jdbi, Predicate<String> sql) {
        this.jdbi = jdbi;
        this.before = jdbi.getConfig(SqlStatements.class).getSqlLogger();
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                if (!sql.test(context.getRawSql())) return;
                count.incrementAndGet();
                seen.add(context.getRawSql().strip());
            }
        });
    }

    public int count() {
        return count.get();
    }

    /** The matching statements' SQL, as written, in the order they ran. */
    public List<String> statements() {
        return List.copyOf(seen);
    }

    public void reset() {
        count.set(0);
        seen.clear();
    }

    @Override
    public void close() {
        jdbi.setSqlLogger(before);
    }
}
