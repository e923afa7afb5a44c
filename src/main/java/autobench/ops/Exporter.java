package autobench.ops;

import autobench.vote.Reveal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes the open-data export: one JSONL file per kind of row, the artifact bytes as files named
 * by their SHA-256, and {@link Manifest}. Every table is streamed row by row, never held whole.
 * Rows created after the export started are left out, so every row's parents are in the export
 * too (a parent is always created before its children); models are written last for the same
 * reason. Visitors become per-export pseudonyms; address hashes are never read. Days whose tasks
 * are still blind are never exported (their answers, artifacts and votes would name the models
 * in battles now): the export ends at the last revealed day.
 */
public final class Exporter {
    static final String MODELS = "models.jsonl",
            TASKS = "tasks.jsonl",
            SUBMISSIONS = "submissions.jsonl",
            RENDERS = "render_results.jsonl",
            BLOBS = "blobs.jsonl",
            ARTIFACTS = "artifacts.jsonl",
            VOTES = "votes.jsonl",
            DEMO_VOTES = "votes-demo.jsonl",
            SNAPSHOTS = "rating_snapshots.jsonl",
            ARTIFACT_DIR = "artifacts/";
    static final String FIRST_DAY = "0000-01-01", LAST_DAY = "9999-12-31";

    private final DataTables tables;
    private final Supplier<String> schemaVersion;
    private final String autobenchVersion;
    private final Clock clock;
    private final Reveal reveal;

    /** An exporter for an arena where nothing is blind (reveal_after_days: 0). */
    public Exporter(DataTables tables, Supplier<String> schemaVersion, String autobenchVersion, Clock clock) {
        this(tables, schemaVersion, autobenchVersion, new Reveal(0, ZoneOffset.UTC, clock));
    }

    /** @param reveal days after the last revealed one are left out, whatever --to says */
    public Exporter(DataTables tables, Supplier<String> schemaVersion, String autobenchVersion, Reveal reveal) {
        this.tables = tables;
        this.schemaVersion = schemaVersion;
        this.autobenchVersion = autobenchVersion;
        this.clock = reveal.clock();
        this.reveal = reveal;
    }

    /**
     * Exports the arena days in [from, to] (either may be null: no bound) into {@code dir}, which
     * must be empty or not exist yet.
     */
    public Manifest export(Path dir, LocalDate from, LocalDate to) throws IOException {
        if (from != null && to != null && from.isAfter(to))
            throw new IllegalArgumentException("--from " + from + " is after --to " + to);
        if (Files.exists(dir) && (!Files.isDirectory(dir) || hasEntries(dir))) {
            throw new IllegalArgumentException(dir + " exists and is not an empty directory; export into a new one");
        }
        Files.createDirectories(dir);
        long before = clock.millis();
        LocalDate revealed = reveal.revealedThrough(before);
        if (to == null ? !reveal.never() : to.isAfter(revealed)) to = revealed;
        String f = from == null ? FIRST_DAY : from.toString(), t = to == null ? LAST_DAY : to.toString();
        String startedAt = clock.instant().toString();
        List<Manifest.Entry> files = new ArrayList<>();

        files.add(table(dir, TASKS, sink -> tables.tasks().exportRows(f, t, before, sink)));
        files.add(table(dir, SUBMISSIONS, sink -> tables.submissions().exportRows(f, t, before, sink)));
        files.add(table(dir, RENDERS, sink -> tables.renders().exportRows(f, t, before, sink)));
        files.add(table(dir, ARTIFACTS, sink -> tables.artifacts().exportRows(f, t, before, sink)));
        List<Manifest.Entry> blobFiles = new ArrayList<>();
        files.add(table(
                dir,
                BLOBS,
                sink -> tables.artifacts().exportBlobs(f, t, before, row -> {
                    blobFiles.add(writeBlob(dir, (String) row.get("sha256"), (byte[]) row.remove("content")));
                    sink.accept(row);
                })));
        files.addAll(votes(dir, f, t, before));
        files.add(table(dir, SNAPSHOTS, sink -> tables.snapshots().exportRows(f, t, sink)));
        files.add(table(dir, MODELS, sink -> tables.models().exportRows(sink)));
        files.addAll(blobFiles);

        Manifest m = new Manifest(
                Manifest.FORMAT,
                autobenchVersion,
                schemaVersion.get(),
                startedAt,
                from == null ? null : f,
                to == null ? null : t,
                files);
        m.write(dir);
        return m;
    }

    /**
     * Votes by people between real models, in the shape `ratings --votes` reads; votes involving a
     * demo model, and the demo's simulated votes, in a file of their own.
     */
    private List<Manifest.Entry> votes(Path dir, String from, String to, long before) throws IOException {
        Pseudonyms visitors = new Pseudonyms();
        try (Jsonl.Writer real = new Jsonl.Writer(dir, VOTES);
                Jsonl.Writer demo = new Jsonl.Writer(dir, DEMO_VOTES)) {
            tables.votes().exportRows(from, to, before, row -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("left", row.get("left_model"));
                v.put("right", row.get("right_model"));
                v.put("winner", row.get("outcome"));
                v.put("category", row.get("category"));
                v.put("date", row.get("day"));
                v.put("id", row.get("id"));
                v.put("task_id", row.get("task_id"));
                v.put("cast_at", row.get("cast_at"));
                v.put("visitor", visitors.of(String.valueOf(row.get("visitor"))));
                int simulated = ((Number) row.get("simulated")).intValue();
                v.put("simulated", simulated);
                // what the leaderboard leaves out goes apart: demo models, and the demo's simulated visitors
                (((Number) row.get("demo")).intValue() == 1 || simulated == 1 ? demo : real).write(v);
            });
            return List.of(real.finish(), demo.finish());
        }
    }

    private interface Source {
        void rows(Consumer<Map<String, Object>> sink);
    }

    private static Manifest.Entry table(Path dir, String name, Source source) throws IOException {
        try (Jsonl.Writer w = new Jsonl.Writer(dir, name)) {
            source.rows(w::write);
            return w.finish();
        }
    }

    private static Manifest.Entry writeBlob(Path dir, String sha, byte[] bytes) {
        String actual = HexFormat.of().formatHex(Jsonl.sha256().digest(bytes));
        if (!actual.equals(sha))
            throw new IllegalStateException(
                    "stored blob " + sha + " does not hash to its address (it hashes to " + actual + ")");
        try {
            Path f = dir.resolve(ARTIFACT_DIR + sha);
            Files.createDirectories(f.getParent());
            Files.write(f, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write artifact " + sha, e);
        }
        return new Manifest.Entry(ARTIFACT_DIR + sha, sha, bytes.length, null);
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    /**
     * Visitor ids replaced by an HMAC under a key drawn for this export and then forgotten: votes
     * by one visitor share a pseudonym within an export, but exports cannot be joined on it and
     * nobody, the operator included, can turn it back into the cookie id.
     */
    static final class Pseudonyms {
        private final Mac mac;

        Pseudonyms() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new AssertionError("every JDK has HmacSHA256", e);
            }
        }

        String of(String visitor) {
            byte[] h = mac.doFinal(visitor.getBytes(StandardCharsets.UTF_8));
            return "p-" + HexFormat.of().formatHex(h, 0, 12);
        }
    }
}
