package autobench.web;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.gallery.Gallery;
import autobench.gallery.TaskHeading;
import autobench.gallery.TaskView;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A battle is drawn and voted on many times a second: its page and its reveal read the task's heading
 * (title, prompt, blindness) with one statement, not the task with every answer, render and label.
 */
@ResourceLock(WebFixture.LOCK)
class BattlePageQueriesTest {
    static WebFixture site;
    static Jdbi jdbi;
    static final AtomicInteger statements = new AtomicInteger();
    static SqlLogger before;

    @BeforeAll
    static void start() {
        site = WebFixture.shared();
        jdbi = site.arena.storage().database().jdbi();
        before = jdbi.getConfig(SqlStatements.class).getSqlLogger();
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                statements.incrementAndGet();
            }
        });
    }

    @AfterAll
    static void stop() {
        if (jdbi != null) jdbi.setSqlLogger(before);
    }

    @Test
    void a_task_heading_says_what_the_task_view_says_with_one_statement() {
        Gallery gallery = site.arena.website().gallery();
        String id = site.firstTaskId();
        TaskView full = gallery.task(id).orElseThrow();
        statements.set(0);
        TaskHeading heading = gallery.heading(id).orElseThrow();
        assertThat(statements.get()).isEqualTo(1);
        assertThat(heading.id()).isEqualTo(full.id());
        assertThat(heading.title()).isEqualTo(full.title());
        assertThat(heading.prompt()).isEqualTo(full.prompt());
        assertThat(heading.revealAt()).isEqualTo(full.revealAt());
        assertThat(heading.blind()).isEqualTo(full.blind());
        statements.set(0);
        gallery.task(id);
        assertThat(statements.get())
                .as("the full view, which the battle handlers no longer read, costs more (so the check above can fail)")
                .isGreaterThan(1);
        assertThat(gallery.heading("no-such-task")).isEmpty();
    }
}
