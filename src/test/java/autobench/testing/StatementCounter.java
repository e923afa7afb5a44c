package autobench.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Counts the statements a Jdbi executes whose SQL (as written, before binding) matches, until closed;
 * then the logger it replaced is put back. For tests that say how many round trips something costs.
 */
public final class StatementCounter implements AutoCloseable {
    private final Jdbi jdbi;
    private final SqlLogger before;
    private final AtomicInteger count = new AtomicInteger();

    public StatementCounter(Jdbi jdbi, Predicate<String> sql) {
        this.jdbi = jdbi;
        this.before = jdbi.getConfig(SqlStatements.class).getSqlLogger();
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                if (sql.test(context.getRawSql())) count.incrementAndGet();
            }
        });
    }

    public int count() {
        return count.get();
    }

    public void reset() {
        count.set(0);
    }

    @Override
    public void close() {
        jdbi.setSqlLogger(before);
    }
}
