package autobench.db;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.config.Config;
import autobench.config.ConfigLoader;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.wiring.Assembly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every SQL block of docs/seed.md runs, as written, on each database it says it runs on. */
class SeedQueriesTest {
    static final Pattern BLOCK =
            Pattern.compile("```sql\\n-- runs on: (both|sqlite|postgresql)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path tmp;

    record Query(String runsOn, String sql) {}

    static List<Query> queries() throws Exception {
        List<Query> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(Path.of("docs/seed.md")));
        while (m.find()) out.add(new Query(m.group(1), m.group(2).strip().replaceAll(";$", "")));
        return out;
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void every_query_in_the_seed_doc_runs_as_written_and_answers_as_the_seed_says(Store store) throws Exception {
        List<Query> queries = queries();
        assertThat(queries)
                .as("the seed's three checks and their working forms")
                .hasSizeGreaterThanOrEqualTo(6);
        Config c = new ConfigLoader(Map.of("AUTOBENCH_RENDER_ENABLED", "false"))
                .load(null, true)
                .withDatabase(store.freshUrl(tmp));
        try (Assembly a = TestAssembly.of(c).clock(Clock.systemUTC()).build()) {
            a.pipeline().dailyCycle().run(LocalDate.now(Clock.systemUTC()));
            int tasks =
                    a.storage().tasks().forDay(LocalDate.now(Clock.systemUTC())).size();
            String mine = store == Store.SQLITE ? "sqlite" : "postgresql";
            int ran = 0;
            for (Query q : queries) {
                if (!q.runsOn().equals("both") && !q.runsOn().equals(mine)) continue;
                List<Map<String, Object>> rows = a.storage()
                        .database()
                        .jdbi()
                        .withHandle(h -> h.createQuery(q.sql()).mapToMap().list());
                if (q.sql().contains("HAVING COUNT(*) > 1"))
                    assertThat(rows).as(q.sql()).isEmpty();
                else assertThat(rows).as(q.sql()).hasSize(tasks);
                ran++;
            }
            assertThat(ran).as("queries for " + mine).isGreaterThanOrEqualTo(4);
        }
    }
}
