package autobench.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Starts the test classes that take longest first (junit-platform.properties), so the suite's lanes
 * end together instead of one long class running alone at the end: in the order Maven found them,
 * the last minute of a clean clone's run was AnswersCorpusTest by itself. The seconds come from
 * {@code test-class-seconds.txt} on the test classpath (a clean clone's surefire reports); a class
 * not listed counts as 0 and keeps its place among the others. Order only: every class still runs.
 */
public final class LongestFirst implements ClassOrderer {
    static final String SECONDS = "/test-class-seconds.txt";

    private final Map<String, Double> seconds;

    public LongestFirst() {
        this(read(LongestFirst.class.getResourceAsStream(SECONDS)));
    }

    LongestFirst(Map<String, Double> seconds) {
        this.seconds = seconds;
    }

    @Override
    public void orderClasses(ClassOrdererContext context) {
        // A stable sort: unlisted classes (0 s) keep the order they were found in, after the listed ones.
        context.getClassDescriptors()
                .sort(Comparator.comparingDouble((ClassDescriptor d) ->
                                seconds.getOrDefault(d.getTestClass().getName(), 0.0))
                        .reversed());
    }

    /** Lines of {@code seconds fully.qualified.ClassName}; {@code #} starts a comment. */
    static Map<String, Double> read(InputStream in) {
        Map<String, Double> out = new HashMap<>();
        if (in == null) return out; // no list: found order, as without this orderer
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                String[] parts = l.split("\\s+");
                if (parts.length != 2) {
                    throw new IllegalArgumentException(
                            SECONDS + " line " + n + ": expected 'seconds class', got: " + l);
                }
                try {
                    out.put(parts[1], Double.parseDouble(parts[0]));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            SECONDS + " line " + n + ": '" + parts[0] + "' is not a number of seconds", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
