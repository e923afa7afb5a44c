package autobench.ops;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.config.Config;
import autobench.config.ConfigLoader;
import autobench.cycle.DailyCycle;
import autobench.db.Database;
import autobench.dispatch.ModelStore;
import autobench.dispatch.Submission;
import autobench.leaderboard.SnapshotStore;
import autobench.rating.Outcome;
import autobench.render.Artifact;
import autobench.render.ArtifactStore;
import autobench.render.Checks;
import autobench.render.ConsoleLine;
import autobench.render.RenderOutput;
import autobench.render.RenderStatus;
import autobench.render.Timing;
import autobench.task.TaskStatus;
import autobench.task.TaskStore;
import autobench.testing.ChatStub;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.vote.SimulatedVisitors;
import autobench.vote.VoteStore;
import autobench.wiring.Assembly;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** export → import into a fresh database gives the same arena; a damaged export gives nothing. */
class OpenDataTest {
    static final LocalDate DAY = LocalDate.of(2026, 8, 10);
    static final List<String> MODELS = List.of("strong", "weak", "demo-grid", "demo-waves");

    @TempDir
    Path tmp;

    static Stream<Arguments> storePairs() {
        return Stream.of(Arguments.of(Store.SQLITE, Store.POSTGRES), Arguments.of(Store.POSTGRES, Store.SQLITE));
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("storePairs")
    void an_export_imported_into_a_fresh_database_gives_the_same_leaderboard_snapshots_and_artifacts(
            Store source, Store target) throws Exception {
        try (ChatStub stub = new ChatStub()) {
            Path from = arenaWithVotes(stub, source);
            Path into = config(stub, target.freshUrl(tmp));
            Path export = tmp.resolve("export");

            export(from, export);
            CliRun imported = CliRun.of("import", "--config", into.toString(), export.toString());
            assertThat(imported.code()).as(imported.err()).isZero();

            assertThat(ratings(into)).isEqualTo(ratings(from)).contains("\"strong\"");
            assertThat(ratings(into, "--include-demo"))
                    .isEqualTo(ratings(from, "--include-demo"))
                    .contains("demo-grid");
            try (Assembly a = arena(from);
                    Assembly b = arena(into)) {
                SnapshotStore sa = new SnapshotStore(a.storage().database()),
                        sb = new SnapshotStore(b.storage().database());
                for (String model : MODELS) {
                    for (String method : List.of("bradley_terry", "elo")) {
                        assertThat(sb.history(model, "all", method)).isEqualTo(sa.history(model, "all", method));
                    }
                }
                assertThat(sa.history("strong", "all", "elo")).isNotEmpty();
                // every vote, in order, with its models, outcome, day, time and demo/simulated flags
                assertThat(b.storage().votes().all())
                        .isEqualTo(a.storage().votes().all())
                        .anyMatch(VoteStore.StoredVote::simulated);
                String task = a.storage().tasks().forDay(DAY).get(0).id();
                for (Submission s : a.storage().submissions().forTask(task)) {
                    // leases are left out on purpose: a process identity (host/pid) means nothing elsewhere and names a
                    // machine
                    assertThat(b.storage().submissions().byId(s.id()).orElseThrow())
                            .usingRecursiveComparison()
                            .ignoringFields("leaseOwner", "leaseUntil")
                            .isEqualTo(s);
                    assertThat(b.storage().submissions().texts(s.id()))
                            .isEqualTo(a.storage().submissions().texts(s.id()));
                    assertThat(b.storage().submissions().provenance(s.id()))
                            .isEqualTo(a.storage().submissions().provenance(s.id()));
                }
                Submission first = a.storage().submissions().forTask(task).get(0);
                ArtifactStore.Stored poster =
                        b.storage().artifacts().forSubmission(first.id()).get(0);
                assertThat(b.storage()
                                .artifacts()
                                .blob(poster.sha256())
                                .orElseThrow()
                                .content())
                        .isEqualTo(poster(first.id()).bytes());
                assertThat(b.storage().renders().find(first.id()))
                        .isEqualTo(a.storage().renders().find(first.id()));
            }
        }
    }

    @Test
    void the_exported_votes_file_is_accepted_by_the_ratings_command_and_gives_the_database_leaderboard()
            throws Exception {
        try (ChatStub stub = new ChatStub()) {
            Path cfg = arenaWithVotes(stub, Store.SQLITE);
            Path export = tmp.resolve("export");
            export(cfg, export);

            CliRun fromFile = CliRun.of(
                    "ratings", "--votes", export.resolve("votes.jsonl").toString(), "--json", "--rounds", "50");
            assertThat(fromFile.code()).as(fromFile.err()).isZero();
            assertThat(fromFile.out()).isEqualTo(ratings(cfg)).doesNotContain("demo-grid");
            String votes = Files.readString(export.resolve("votes.jsonl"));
            assertThat(votes).doesNotContain("visitor-").doesNotContain("address");
            assertThat(Files.readString(export.resolve("votes-demo.jsonl")))
                    .contains("demo-grid")
                    .contains("\"simulated\":1");
            assertThat(votes).doesNotContain("\"simulated\":1");
        }
    }

    @Test
    void an_export_leaves_out_a_day_that_is_still_blind_and_carries_its_answers_and_votes_once_it_is_revealed()
            throws Exception {
        try (ChatStub stub = new ChatStub()) {
            Path cfg = arenaWithVotes(stub, Store.SQLITE);
            long noon = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
            Manifest blind, revealed;
            try (Assembly a = arena(cfg, noon)) {
                blind = a.storage().newExporter("test").export(tmp.resolve("blind"), null, null);
            }
            try (Assembly a = arena(cfg, noon + 86_400_000L)) {
                revealed = a.storage().newExporter("test").export(tmp.resolve("revealed"), null, null);
            }
            assertThat(blind.to())
                    .as("the export ends at the last revealed day")
                    .isEqualTo(DAY.minusDays(1).toString());
            for (String file :
                    List.of("tasks.jsonl", "submissions.jsonl", "artifacts.jsonl", "votes.jsonl", "votes-demo.jsonl")) {
                assertThat(rows(blind, file)).as("%s of a blind day", file).isZero();
                assertThat(rows(revealed, file)).as("%s once revealed", file).isPositive();
            }
            assertThat(blind.files()).noneMatch(e -> e.path().startsWith("artifacts/"));
            assertThat(revealed.files()).anyMatch(e -> e.path().startsWith("artifacts/"));
            CliRun fromFile = CliRun.of(
                    "ratings", "--votes", tmp.resolve("revealed/votes.jsonl").toString(), "--json", "--rounds", "50");
            assertThat(fromFile.out()).isEqualTo(ratings(cfg));
        }
    }

    private static long rows(Manifest m, String path) {
        return m.files().stream()
                .filter(e -> e.path().equals(path))
                .findFirst()
                .orElseThrow()
                .rows();
    }

    @Test
    void a_tampered_export_is_refused_and_nothing_is_written() throws Exception {
        try (ChatStub stub = new ChatStub()) {
            Path cfg = arenaWithVotes(stub, Store.SQLITE);
            Path export = tmp.resolve("export");
            export(cfg, export);
            Path votes = export.resolve("votes.jsonl");
            // one winner changed, file size unchanged: only the checksum can tell
            Files.writeString(
                    votes, Files.readString(votes).replaceFirst("\"winner\":\"left\"", "\"winner\":\"tie!\""));

            String url = Store.SQLITE.freshUrl(tmp);
            CliRun r = CliRun.of("import", "--config", config(stub, url).toString(), export.toString());
            assertThat(r.code()).isNotZero();
            assertThat(r.err())
                    .contains("votes.jsonl does not match the manifest")
                    .contains("nothing was imported");
            try (Database db = Database.open(url, null, null)) {
                assertThat(new TaskStore(db).count()).isZero();
                assertThat(new ModelStore(db).count()).isZero();
            }
        }
    }

    @Test
    void an_export_with_a_missing_or_altered_artifact_fails_verification() throws Exception {
        try (ChatStub stub = new ChatStub()) {
            Path cfg = arenaWithVotes(stub, Store.SQLITE);
            Path export = tmp.resolve("export");
            export(cfg, export);
            assertThat(CliRun.of("import", "--verify-only", export.toString()).code())
                    .isZero();
            List<Path> artifacts;
            try (var files = Files.list(export.resolve("artifacts"))) {
                artifacts = files.sorted().toList();
            }
            Files.write(artifacts.get(0), "not the picture".getBytes(StandardCharsets.UTF_8));
            CliRun altered = CliRun.of("import", "--verify-only", export.toString());
            assertThat(altered.code()).isNotZero();
            assertThat(altered.err())
                    .contains(export.relativize(artifacts.get(0)).toString().replace('\\', '/'))
                    .contains("does not match the manifest");
            Files.delete(artifacts.get(0));
            assertThat(CliRun.of("import", "--verify-only", export.toString()).err())
                    .contains("is listed in the manifest but missing");
        }
    }

    @Test
    void an_import_into_a_database_that_holds_rows_is_refused() throws Exception {
        try (ChatStub stub = new ChatStub()) {
            Path cfg = arenaWithVotes(stub, Store.SQLITE);
            Path export = tmp.resolve("export");
            export(cfg, export);
            String before = ratings(cfg);
            CliRun r = CliRun.of("import", "--config", cfg.toString(), export.toString());
            assertThat(r.code()).isNotZero();
            assertThat(r.err()).contains("refusing to import into a database that already holds rows");
            assertThat(ratings(cfg)).isEqualTo(before);
        }
    }

    /** Two days of an arena on the stub: tasks, answers, a poster per answer, votes, and the first day's snapshot. */
    private Path arenaWithVotes(ChatStub stub, Store store) {
        stub.answerAll(ChatStub.ok());
        Path cfg = config(stub, store.freshUrl(tmp));
        long noon = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        try (Assembly a = arena(cfg, noon)) {
            DailyCycle.Result r = a.pipeline().dailyCycle().run(DAY);
            Random rnd = new Random(7);
            int n = 0;
            for (var task : r.tasks()) {
                Map<String, Submission> byModel = new HashMap<>();
                a.storage().submissions().forTask(task.id()).forEach(s -> byModel.put(s.modelId(), s));
                for (Submission s : byModel.values()) {
                    a.storage().renders().createPending(s.id(), 42, noon);
                    assertThat(a.storage().renders().claim(s.id(), "test", noon + 60_000, noon))
                            .isTrue();
                    a.storage()
                            .renders()
                            .complete(
                                    s.id(),
                                    "test",
                                    new RenderOutput(
                                            RenderStatus.OK,
                                            null,
                                            new Checks(true, true, true, false, 0.4, 0.1, 0),
                                            List.of(),
                                            List.of(new ConsoleLine("log", "hi")),
                                            List.of(),
                                            List.of("https://cdn.example/x.js"),
                                            new Timing(12L, 34L, 56L),
                                            List.of("library substituted: three@0.160.0 → three@0.160.1")),
                                    noon);
                    a.storage().artifacts().put(s.id(), poster(s.id()), noon);
                }
                for (int i = 0; i < 15; i++, n++) {
                    boolean strongLeft = rnd.nextBoolean();
                    Submission l = byModel.get(strongLeft ? "strong" : "weak"),
                            rr = byModel.get(strongLeft ? "weak" : "strong");
                    String visitor = "visitor-" + (n % 4);
                    String battle = a.storage().votes().issueBattle(task.id(), l.id(), rr.id(), visitor, noon + n);
                    Outcome o = i % 5 == 0
                            ? Outcome.TIE
                            : i % 7 == 0 ? Outcome.BOTH_BAD : (strongLeft ? Outcome.LEFT : Outcome.RIGHT);
                    assertThat(a.storage().votes().vote(battle, visitor, o, "address-hash-" + n, noon + n))
                            .isTrue();
                }
                String demo = a.storage()
                        .votes()
                        .issueBattle(
                                task.id(),
                                byModel.get("demo-grid").id(),
                                byModel.get("weak").id(),
                                "d",
                                noon);
                assertThat(a.storage().votes().vote(demo, "d", Outcome.LEFT, null, noon + 1))
                        .isTrue();
            }
            // the demo's simulated visitors (they vote on published tasks): kept, exported, never on the leaderboard
            for (var task : r.tasks())
                a.storage().tasks().advance(task.id(), TaskStatus.DISPATCHED, TaskStatus.PUBLISHED, noon);
            assertThat(new SimulatedVisitors(a.website().battles(), 3)
                            .run(List.of(DAY), 6)
                            .cast())
                    .isPositive();
        }
        try (Assembly a = arena(cfg, noon + 86_400_000L)) {
            a.pipeline().dailyCycle().run(DAY.plusDays(1));
        }
        return cfg;
    }

    private static Artifact poster(String submissionId) {
        return new Artifact(Artifact.POSTER, "image/png", ("png of " + submissionId).getBytes(StandardCharsets.UTF_8));
    }

    private Path config(ChatStub stub, String url) {
        return TestConfigs.write(
                tmp,
                TestConfigs.base(url, 2) + TestConfigs.stubModel("strong", stub.port(), 30)
                        + TestConfigs.stubModel("weak", stub.port(), 30)
                        + "  - {id: demo-grid, provider: demo, model: demo-grid}\n"
                        + "  - {id: demo-waves, provider: demo, model: demo-waves}\n");
    }

    private Assembly arena(Path cfg) {
        return arena(cfg, System.currentTimeMillis());
    }

    private Assembly arena(Path cfg, long now) {
        Config c = new ConfigLoader(Map.of()).load(cfg, false);
        return TestAssembly.of(c)
                .clock(Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC))
                .build();
    }

    private static String ratings(Path cfg, String... more) {
        List<String> args = new ArrayList<>(List.of("ratings", "--config", cfg.toString(), "--json", "--rounds", "50"));
        args.addAll(List.of(more));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    private static void export(Path cfg, Path dir) {
        CliRun r = CliRun.of("export", "--config", cfg.toString(), "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
    }
}
