package autobench.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The exports an operator offers for download (config {@code web.export_dir}): the directory holds
 * one export (a {@code manifest.json} at its top) or several, one per subdirectory; the latest is
 * the one whose manifest says it was exported last. Only files listed in that manifest can be
 * fetched, by their exact manifest path: a request can never name anything else on the disk.
 */
public final class ExportShelf {
    private final Path root;

    /** @param root the configured export directory, or {@code null}: nothing is offered */
    public ExportShelf(Path root) {
        this.root = root;
    }

    public boolean configured() {
        return root != null;
    }

    /** The latest export: where it is and what its manifest says. */
    public record Latest(Path dir, String name, Manifest manifest) {}

    /** The latest readable export, if the directory holds one. */
    public Optional<Latest> latest() {
        if (root == null || !Files.isDirectory(root)) return Optional.empty();
        if (Files.isRegularFile(root.resolve(Manifest.FILE)))
            return readable(root).map(m -> new Latest(root, ".", m));
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> Files.isRegularFile(d.resolve(Manifest.FILE)))
                    .flatMap(d ->
                            readable(d).map(m -> new Latest(d, d.getFileName().toString(), m)).stream())
                    .max(Comparator.comparing((Latest l) -> exportedAt(l.manifest()))
                            .thenComparing(Latest::name));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A file of the latest export by its manifest path, if the manifest lists it and it is a regular
     * file inside the export directory. Anything else, "../" included, is simply not found.
     */
    public Optional<Path> file(String manifestPath) {
        if (manifestPath == null) return Optional.empty();
        return latest().flatMap(l -> l.manifest().entry(manifestPath).flatMap(e -> {
            Path base = l.dir().toAbsolutePath().normalize();
            Path f = base.resolve(e.path()).normalize();
            if (!f.startsWith(base) || !Files.isRegularFile(f) || Files.isSymbolicLink(f)) return Optional.empty();
            try { // a linked directory on the way must not lead outside either
                if (!f.toRealPath().startsWith(base.toRealPath())) return Optional.empty();
            } catch (IOException ex) {
                return Optional.empty();
            }
            return Optional.of(f);
        }));
    }

    /** The files of the latest export (JSONL tables first), for the download page. */
    public List<Manifest.Entry> files(Latest l) {
        return l.manifest().files().stream()
                .sorted(Comparator.comparing((Manifest.Entry e) -> e.rows() == null)
                        .thenComparing(Manifest.Entry::path))
                .toList();
    }

    /** When the manifest says it was exported; unreadable or missing instants sort first. */
    static Instant exportedAt(Manifest m) {
        try {
            return m.exportedAt() == null ? Instant.MIN : Instant.parse(m.exportedAt());
        } catch (DateTimeParseException e) {
            return Instant.MIN;
        }
    }

    private static Optional<Manifest> readable(Path dir) {
        try {
            return Optional.of(Manifest.read(dir));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
