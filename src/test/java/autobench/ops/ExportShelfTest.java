package autobench.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which export the download page offers, and which files it will hand out. */
class ExportShelfTest {
    @TempDir
    Path tmp;

    static void export(Path dir, String exportedAt, String... files) throws Exception {
        Files.createDirectories(dir);
        List<Manifest.Entry> entries = new ArrayList<>();
        for (String f : files) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "content of " + f);
            entries.add(new Manifest.Entry(f, "00", Files.size(p), 1L));
        }
        new Manifest(Manifest.FORMAT, "test", "6", exportedAt, null, null, entries).write(dir);
    }

    @Test
    void the_latest_export_is_the_one_exported_last_whatever_the_instants_precision_or_directory_names()
            throws Exception {
        export(tmp.resolve("b-older"), "2026-11-01T10:00:00.005Z", "tasks.jsonl");
        export(tmp.resolve("a-newer"), "2026-11-01T10:00:01Z", "tasks.jsonl");
        Files.createDirectories(tmp.resolve("not-an-export"));
        export(tmp.resolve("broken"), "yesterday", "tasks.jsonl");
        ExportShelf shelf = new ExportShelf(tmp);
        assertThat(shelf.latest().orElseThrow().name()).isEqualTo("a-newer");
        assertThat(new ExportShelf(null).latest()).isEmpty();
        assertThat(new ExportShelf(null).configured()).isFalse();
        assertThat(new ExportShelf(tmp.resolve("missing")).latest()).isEmpty();
    }

    @Test
    void only_files_listed_in_the_manifest_and_inside_the_export_are_served() throws Exception {
        Path dir = tmp.resolve("shelf");
        export(dir.resolve("e1"), "2026-11-01T10:00:00Z", "tasks.jsonl", "artifacts/ab");
        Files.writeString(dir.resolve("e1/unlisted.txt"), "x");
        Files.writeString(tmp.resolve("secret.txt"), "secret");
        // A manifest that names a path outside its directory is not obeyed.
        new Manifest(
                        Manifest.FORMAT,
                        "test",
                        "6",
                        "2026-11-02T10:00:00Z",
                        null,
                        null,
                        List.of(
                                new Manifest.Entry("../../secret.txt", "00", 6, null),
                                new Manifest.Entry("link", "00", 6, null),
                                new Manifest.Entry("outside/secret.txt", "00", 6, null)))
                .write(Files.createDirectories(dir.resolve("e2")));
        Files.createSymbolicLink(dir.resolve("e2/link"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(dir.resolve("e2/outside"), tmp);
        ExportShelf shelf = new ExportShelf(dir);
        assertThat(shelf.latest().orElseThrow().name()).isEqualTo("e2");
        assertThat(shelf.file("../../secret.txt")).isEmpty();
        assertThat(shelf.file("link")).as("a symbolic link").isEmpty();
        assertThat(shelf.file("outside/secret.txt"))
                .as("through a linked directory")
                .isEmpty();

        Files.delete(dir.resolve("e2/manifest.json"));
        assertThat(shelf.file("tasks.jsonl"))
                .contains(dir.resolve("e1/tasks.jsonl").toAbsolutePath().normalize());
        assertThat(shelf.file("artifacts/ab")).isPresent();
        assertThat(shelf.file("unlisted.txt")).isEmpty();
        assertThat(shelf.file("e1/tasks.jsonl")).isEmpty();
        assertThat(shelf.file("./tasks.jsonl")).isEmpty();
        assertThat(shelf.file(null)).isEmpty();
    }
}
