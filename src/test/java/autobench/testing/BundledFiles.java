package autobench.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The preview libraries' files as the build bundled them into the classes, for tests that read them all. */
public final class BundledFiles {
    static final Path LIBS = Path.of("target/classes/autobench/render/libs");

    private BundledFiles() {}

    /** Every bundled file whose path (as a string) {@code wanted} accepts. */
    public static List<Path> where(Predicate<String> wanted) {
        assertThat(LIBS).as("the build bundles the libraries before the tests").isDirectory();
        try (Stream<Path> s = Files.walk(LIBS)) {
            return s.filter(p -> wanted.test(p.toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
