package autobench.task;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The built-in themes and the shared palette and finishing-touch pools, read from the YAML files
 * under {@code src/main/resources/autobench/task/themes/} (one per category, plus
 * {@code shared.yaml}). The themes are prose, so they live in data files where they read as
 * prose; this class turns them into records and refuses a malformed file at start-up.
 */
record ThemeCatalog(List<Theme> themes, List<Theme.Slot> palettes, List<String> finishes) {

    ThemeCatalog {
        themes = List.copyOf(themes);
        palettes = List.copyOf(palettes);
        finishes = List.copyOf(finishes);
    }

    private static final String DIR = "/autobench/task/themes/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private record ThemeFile(
            String key,
            String title,
            String brief,
            List<String> rules,
            List<String> subjects,
            List<String> twists,
            List<String> inputs) {}

    private record SharedFile(List<String> palettes, List<String> finishes) {}

    private static ThemeCatalog loaded;

    /**
     * The catalog, read once per process (the files are on the class path and cannot change while it
     * runs; the test suite builds a generator for every arena it assembles). A malformed file fails
     * every call, not only the first.
     */
    static synchronized ThemeCatalog load() {
        if (loaded == null) loaded = readAll();
        return loaded;
    }

    private static ThemeCatalog readAll() {
        List<Theme> themes = new ArrayList<>();
        for (Category c : Category.values()) {
            List<ThemeFile> files = read(c.wireName() + ".yaml", new TypeReference<>() {});
            for (ThemeFile f : files) themes.add(toTheme(c, f));
        }
        SharedFile shared = read("shared.yaml", new TypeReference<>() {});
        ThemeCatalog catalog = new ThemeCatalog(
                themes, shared.palettes().stream().map(p -> slot(p, "palette")).toList(), shared.finishes());
        catalog.check();
        return catalog;
    }

    private static Theme toTheme(Category c, ThemeFile f) {
        String where = "theme '" + f.key() + "'";
        return new Theme(
                f.key(),
                c,
                f.title(),
                f.brief(),
                f.rules(),
                f.subjects().stream().map(s -> slot(s, where + " subject")).toList(),
                f.twists().stream().map(s -> slot(s, where + " twist")).toList(),
                f.inputs());
    }

    /** Slots are written "Label | full text" so a slot stays on one line of the data file. */
    private static Theme.Slot slot(String line, String where) {
        int bar = line.indexOf(" | ");
        if (bar <= 0) throw new IllegalStateException(where + " needs 'Label | text': " + line);
        return new Theme.Slot(
                line.substring(0, bar).strip(), line.substring(bar + 3).strip());
    }

    /** Each theme must give 5 to 8 requirements per task and enough slot values to vary for months. */
    private void check() {
        Set<String> keys = new HashSet<>();
        for (Theme t : themes) {
            String where = "theme '" + t.key() + "'";
            if (!keys.add(t.key())) throw new IllegalStateException(where + " appears twice");
            int n = t.rules().size() + Theme.SLOT_REQUIREMENTS;
            if (n < 5 || n > 8) throw new IllegalStateException(where + " would give " + n + " requirements");
            if (t.subjects().size() < 5 || t.twists().size() < 5 || t.inputs().size() < 3) {
                throw new IllegalStateException(where + " needs at least 5 subjects, 5 twists and 3 inputs");
            }
            if (!t.title().contains("{subject}") || !t.title().contains("{twist}")) {
                throw new IllegalStateException(where + " title must name both {subject} and {twist}");
            }
            if (!t.brief().contains("{subject}")) throw new IllegalStateException(where + " brief must use {subject}");
        }
        if (palettes.size() < 8 || finishes.size() < 8) throw new IllegalStateException("shared pools are too small");
    }

    private static <T> T read(String name, TypeReference<T> type) {
        try (InputStream in = ThemeCatalog.class.getResourceAsStream(DIR + name)) {
            if (in == null) throw new IllegalStateException("missing theme file " + DIR + name);
            return YAML.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read theme file " + name + ": " + e.getMessage(), e);
        }
    }
}
