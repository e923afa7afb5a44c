package autobench.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Loads an export into an empty database. {@link #verify} runs first and reads every byte: a file
 * missing, edited or truncated stops the import before anything is written. Tables then go in
 * parents first, one transaction each.
 */
public final class Importer {
    /** The files an import reads, in the order it loads them; each must be listed in the manifest. */
    static final List<String> REQUIRED = List.of(
            Exporter.MODELS,
            Exporter.TASKS,
            Exporter.SUBMISSIONS,
            Exporter.RENDERS,
            Exporter.BLOBS,
            Exporter.ARTIFACTS,
            Exporter.VOTES,
            Exporter.DEMO_VOTES,
            Exporter.SNAPSHOTS);

    private final DataTables tables;
    private final Supplier<String> schemaVersion;

    public Importer(DataTables tables, Supplier<String> schemaVersion) {
        this.tables = tables;
        this.schemaVersion = schemaVersion;
    }

    /** Rows inserted per file. */
    public record Result(Map<String, Long> rows) {}

    /**
     * Checks an export against its manifest without touching any database: every listed file is
     * present, inside the export, of the listed size and SHA-256 and (JSONL) row count.
     *
     * @throws IllegalArgumentException naming the first file that does not match
     */
    public static Manifest verify(Path dir) {
        Manifest m = Manifest.read(dir);
        for (String name : REQUIRED) {
            if (m.entry(name).isEmpty())
                throw new IllegalArgumentException(dir + ": the manifest does not list " + name);
        }
        Path root = dir.toAbsolutePath().normalize();
        for (Manifest.Entry e : m.files()) {
            Path f = root.resolve(e.path()).normalize();
            if (!f.startsWith(root) || e.path().contains("\\")) {
                throw new IllegalArgumentException(dir + ": the manifest lists a path outside the export: " + e.path());
            }
            if (!Files.isRegularFile(f))
                throw new IllegalArgumentException(dir + ": " + e.path() + " is listed in the manifest but missing");
            Check c = check(f);
            if (c.bytes != e.bytes() || !c.sha256.equals(e.sha256())) {
                throw new IllegalArgumentException(
                        dir + ": " + e.path() + " does not match the manifest (expected SHA-256 "
                                + e.sha256() + ", " + e.bytes() + " bytes; found " + c.sha256 + ", " + c.bytes
                                + " bytes): the export is damaged or was edited; nothing was imported");
            }
            if (e.rows() != null && c.lines != e.rows()) {
                throw new IllegalArgumentException(
                        dir + ": " + e.path() + " has " + c.lines + " rows, the manifest says " + e.rows());
            }
            if (e.path().startsWith(Exporter.ARTIFACT_DIR) && !e.path().equals(Exporter.ARTIFACT_DIR + e.sha256())) {
                throw new IllegalArgumentException(dir + ": artifact " + e.path() + " is not named by its SHA-256");
            }
        }
        // Every blob row must have its bytes among the verified files, or the import would stop half-way.
        Set<String> listed = new HashSet<>();
        m.files().forEach(e -> listed.add(e.path()));
        for (Iterator<Map<String, Object>> it = Jsonl.read(dir.resolve(Exporter.BLOBS)); it.hasNext(); ) {
            Object sha = it.next().get("sha256");
            if (!listed.contains(Exporter.ARTIFACT_DIR + sha)) {
                throw new IllegalArgumentException(
                        dir + ": " + Exporter.BLOBS + " names artifact " + sha + ", which the manifest does not list");
            }
        }
        return m;
    }

    /**
     * Imports a verified export. Refuses a database that holds any rows: merging two arenas is not
     * an import, and a half-filled database would not reproduce the source's leaderboard.
     */
    public Result load(Path dir, Manifest m) {
        if (compareVersions(m.schemaVersion(), schemaVersion.get()) > 0) {
            throw new IllegalArgumentException(dir + " was exported from schema version " + m.schemaVersion()
                    + ", newer than this database's " + schemaVersion.get() + "; upgrade AutoBench first");
        }
        requireEmpty();
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put(Exporter.MODELS, tables.models().importRows(Jsonl.read(dir.resolve(Exporter.MODELS))));
        rows.put(Exporter.TASKS, tables.tasks().importRows(Jsonl.read(dir.resolve(Exporter.TASKS))));
        rows.put(Exporter.SUBMISSIONS, tables.submissions().importRows(Jsonl.read(dir.resolve(Exporter.SUBMISSIONS))));
        rows.put(Exporter.RENDERS, tables.renders().importRows(Jsonl.read(dir.resolve(Exporter.RENDERS))));
        rows.put(
                Exporter.BLOBS,
                tables.artifacts().importBlobs(map(Jsonl.read(dir.resolve(Exporter.BLOBS)), b -> withContent(dir, b))));
        rows.put(Exporter.ARTIFACTS, tables.artifacts().importRows(Jsonl.read(dir.resolve(Exporter.ARTIFACTS))));
        rows.put(
                Exporter.VOTES,
                tables.votes().importRows(map(Jsonl.read(dir.resolve(Exporter.VOTES)), Importer::vote)));
        rows.put(
                Exporter.DEMO_VOTES,
                tables.votes().importRows(map(Jsonl.read(dir.resolve(Exporter.DEMO_VOTES)), Importer::vote)));
        rows.put(Exporter.SNAPSHOTS, tables.snapshots().importRows(Jsonl.read(dir.resolve(Exporter.SNAPSHOTS))));
        return new Result(rows);
    }

    private void requireEmpty() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("models", tables.models().count());
        counts.put("tasks", tables.tasks().count());
        counts.put("submissions", tables.submissions().count());
        counts.put("render_results", tables.renders().count());
        counts.put("artifacts", (long) tables.artifacts().count());
        counts.put("blobs", tables.artifacts().blobCount());
        counts.put("battles and votes", tables.votes().count());
        counts.put("rating_snapshots", tables.snapshots().count());
        List<String> filled = new ArrayList<>();
        counts.forEach((table, n) -> {
            if (n > 0) filled.add(table + " (" + n + ")");
        });
        if (!filled.isEmpty()) {
            throw new IllegalStateException(
                    "refusing to import into a database that already holds rows: " + String.join(", ", filled)
                            + "; import into a new, empty database (no other command may have run against it first)");
        }
    }

    /** A votes-file row back into the columns the vote owner binds. */
    private static Map<String, Object> vote(Map<String, Object> v) {
        Map<String, Object> row = new LinkedHashMap<>(v);
        row.put("left_model", v.get("left"));
        row.put("right_model", v.get("right"));
        row.put("outcome", v.get("winner"));
        return row;
    }

    private static Map<String, Object> withContent(Path dir, Map<String, Object> blob) {
        try {
            blob.put("content", Files.readAllBytes(dir.resolve(Exporter.ARTIFACT_DIR + blob.get("sha256"))));
            return blob;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + blob.get("sha256"), e);
        }
    }

    private static <A, B> Iterator<B> map(Iterator<A> in, Function<A, B> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public B next() {
                return f.apply(in.next());
            }
        };
    }

    private record Check(String sha256, long bytes, long lines) {}

    private static Check check(Path f) {
        MessageDigest d = Jsonl.sha256();
        long bytes = 0, lines = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(f)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
                bytes += n;
                for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + f + ": " + e.getMessage(), e);
        }
        return new Check(HexFormat.of().formatHex(d.digest()), bytes, lines);
    }

    /** Flyway-style versions ("4", "4.1") compared part by part. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0, q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) return Long.compare(p, q);
        }
        return 0;
    }
}
