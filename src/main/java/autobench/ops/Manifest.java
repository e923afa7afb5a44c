package autobench.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code manifest.json}: what an export holds and how to check it. Every file of the export is
 * listed with its SHA-256 and size (and, for JSONL, its row count), so a reader can tell a
 * complete, untouched export from a damaged or edited one before using any of it.
 *
 * @param format           {@link #FORMAT}; a reader refuses formats it does not know
 * @param autobenchVersion the version that wrote the export
 * @param schemaVersion    the database schema (newest Flyway migration) the rows come from
 * @param exportedAt       ISO instant; rows created after it are not in the export
 * @param from             first arena day included (ISO date), or null for no lower bound
 * @param to               last arena day included, or null for no upper bound
 * @param files            every file, paths relative to the export directory, with '/' separators
 */
public record Manifest(
        String format,
        String autobenchVersion,
        String schemaVersion,
        String exportedAt,
        String from,
        String to,
        List<Entry> files) {
    public static final String FORMAT = "autobench-export/1";
    public static final String FILE = "manifest.json";

    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param rows JSONL rows, or null for an artifact (a file of bytes named by its SHA-256)
     */
    public record Entry(String path, String sha256, long bytes, Long rows) {}

    void write(Path dir) throws IOException {
        JSON.writeValue(dir.resolve(FILE).toFile(), this);
    }

    static Manifest read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f))
            throw new IllegalArgumentException(dir + " is not an AutoBench export: no " + FILE);
        try {
            Manifest m = JSON.readValue(f.toFile(), Manifest.class);
            if (!FORMAT.equals(m.format())) {
                throw new IllegalArgumentException(
                        f + ": unknown format '" + m.format() + "' (this version reads " + FORMAT + ")");
            }
            if (m.files() == null) throw new IllegalArgumentException(f + ": no file list");
            return m;
        } catch (IOException e) {
            throw new IllegalArgumentException(f + " is not a readable manifest: " + e.getMessage(), e);
        }
    }

    Optional<Entry> entry(String path) {
        return files.stream().filter(e -> e.path().equals(path)).findFirst();
    }
}
