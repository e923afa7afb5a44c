package autobench.render;

import autobench.runtime.Libraries;
import autobench.runtime.Libraries.Bundle;
import autobench.runtime.Libraries.Library;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers library URLs, as models write them, from the copies bundled at build time: one table
 * ({@link Libraries}), one code path, for the renderer and for the live-preview sandbox alike.
 *
 * <p>Public for the sandbox: {@link #resolve} maps a request URL to bytes and a content type, or
 * to a refusal that the caller must turn into a failed request. Thread-safe. How a URL is read is
 * {@link LibraryUrl}'s business; this class picks the version and the file, and shapes the answer:
 * <ul>
 *   <li>a classic build is answered as it is;</li>
 *   <li>an ES module lives at one canonical URL (jsDelivr's, of the version kept), and every other
 *       URL for it is answered with a module re-exporting that one, so a page that imports three.js
 *       from two hosts, or from an import map and an add-on, gets one instance. Inside the modules
 *       kept, imports of the library's own package by bare name (three.js add-ons import "three")
 *       point at the canonical URLs too, so they work with or without the page's import map;</li>
 *   <li>a module asked of a library kept only as a classic build is answered with a module that
 *       loads the classic build once and re-exports its global.</li>
 * </ul>
 */
public final class LibraryRoutes {
    static final String INDEX = "files.txt";
    static final String EXPORTS = ".exports";
    private static final String CANONICAL = "https://cdn.jsdelivr.net/npm/";
    private static final String FIREBASE = "https://www.gstatic.com/firebasejs/";
    private static final String JS = "application/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    /** Hosts of web fonts: refused like everything else, but said plainly, because pages use them a lot. */
    private static final Set<String> FONT_HOSTS = Set.of(
            "fonts.googleapis.com",
            "fonts.gstatic.com",
            "use.typekit.net",
            "fonts.bunny.net",
            "rsms.me",
            "api.fontshare.com",
            "cdn.fontshare.com");

    /** What a library URL gets. */
    public sealed interface Resolution {
        /** @param substituted set when another version of the same API line answers, e.g. "three@0.160.0 → three@0.160.1" */
        record Served(byte[] body, String contentType, Optional<String> substituted) implements Resolution {}

        /** The request must fail; {@code reason} is for people. */
        record Refused(String reason) implements Resolution {}
    }

    private final Map<Bundle, Set<String>> files = new ConcurrentHashMap<>();
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

    private LibraryRoutes() {}

    private static LibraryRoutes shared;

    /**
     * The routes for {@link Libraries#SERVED}, one instance per process: the bundle is on the class
     * path and cannot change while the process runs, so every renderer lane and the previews share
     * one set of read and rewritten bodies rather than each reading and rewriting its own (the test
     * suite opens dozens of renderers in one JVM). Fails if the build did not bundle one of them.
     */
    public static synchronized LibraryRoutes bundled() {
        if (shared == null) shared = read();
        return shared;
    }

    private static LibraryRoutes read() {
        LibraryRoutes routes = new LibraryRoutes();
        for (Library lib : Libraries.SERVED) {
            for (Bundle b : lib.bundles())
                routes.files.put(
                        b, Set.copyOf(routes.text(lib, b, INDEX).lines().toList()));
        }
        return routes;
    }

    /** The answer for {@code url}; the query string and fragment matter only where a host gives them meaning. */
    public Resolution resolve(String url) {
        Optional<byte[]> icons = GoogleIconFonts.css(url);
        if (icons.isPresent()) return new Resolution.Served(icons.get(), CSS, Optional.empty());
        Optional<LibraryUrl> parsed = LibraryUrl.parse(url);
        if (parsed.isEmpty()) {
            String host = host(url);
            return new Resolution.Refused(
                    FONT_HOSTS.contains(host)
                            ? "web fonts are not available offline (fallback fonts are used)"
                            : "not an allowed library URL");
        }
        LibraryUrl u = parsed.get();
        Library lib = u.library();
        Optional<Choice> choice = choose(lib, u);
        if (choice.isEmpty()) {
            return new Resolution.Refused(lib.npmPackage() + (u.spec() == null ? "" : "@" + u.spec()) + " is not kept"
                    + (u.path().isEmpty() ? "" : " with the file " + u.path()));
        }
        Bundle b = choice.get().bundle();
        String file = choice.get().file();
        Optional<String> substituted = choice.get().substituted()
                ? Optional.of("library substituted: " + lib.npmPackage() + "@" + u.spec() + " → " + lib.npmPackage()
                        + "@" + b.version())
                : Optional.empty();
        boolean isModule = isModule(b, file);
        if (u.module() && !isModule) {
            if (lib.global() == null || !file.equals(b.classic()))
                return new Resolution.Refused(lib.npmPackage() + " has no module build kept");
            return new Resolution.Served(facade(lib, b), JS, substituted);
        }
        String canonical = canonical(lib, b, file);
        if (isModule && !strip(url).equals(canonical)) {
            return new Resolution.Served(reexport(lib, b, file, canonical), JS, substituted);
        }
        return new Resolution.Served(body(lib, b, file), contentType(file), substituted);
    }

    record Choice(Bundle bundle, String file, boolean substituted) {}

    /**
     * The exact version if kept; for a partial version ("7", "0.160") the newest kept that it
     * names; else the nearest kept version of the same API line that has the file.
     */
    Optional<Choice> choose(Library lib, LibraryUrl u) {
        List<Bundle> newestFirst = lib.bundles().stream()
                .sorted(Comparator.comparing((Bundle b) -> key(b.version())).reversed())
                .toList();
        String spec = u.spec();
        for (Bundle b : newestFirst) {
            if (spec != null && !b.version().equals(spec) && !b.version().startsWith(spec + ".")) continue;
            Optional<String> f = file(b, u);
            if (f.isPresent()) return Optional.of(new Choice(b, f.get(), false));
        }
        if (spec == null || !spec.matches("\\d+(\\.\\d+){0,2}")) return Optional.empty();
        long wanted = key(spec);
        long line = line(lib, wanted);
        if (line < 0) return Optional.empty();
        return newestFirst.stream()
                .filter(b -> line(lib, key(b.version())) == line)
                .filter(b -> file(b, u).isPresent())
                .min(Comparator.comparingLong((Bundle b) -> Math.abs(key(b.version()) - wanted)))
                .map(b -> new Choice(b, file(b, u).orElseThrow(), true));
    }

    /** Which kept file a URL's path means: as written, its minified or plain twin, or (cdnjs) by name. */
    private Optional<String> file(Bundle b, LibraryUrl u) {
        Set<String> kept = files.get(b);
        String path = u.path();
        if (path.isEmpty()) {
            String entry = u.plugins()
                    ? "tailwindcss-with-all-plugins.js"
                    : u.module() && b.module() != null ? b.module() : b.classic();
            return Optional.ofNullable(entry).filter(kept::contains);
        }
        if (path.startsWith("addons/")) path = "examples/jsm/" + path.substring("addons/".length());
        if (path.equals("addons")) path = "examples/jsm/Addons.js";
        for (String candidate : twins(path)) {
            if (candidate.startsWith("*/")) {
                String name = candidate.substring(1);
                Optional<String> byName = kept.stream()
                        .filter(f -> ("/" + f).endsWith(name) && !f.startsWith("examples/"))
                        .sorted()
                        .findFirst();
                if (byName.isPresent()) return byName;
            } else if (kept.contains(candidate)) {
                return Optional.of(candidate);
            }
        }
        // A module host's export subpath: a kept module of that name (preact/hooks, htm/preact/standalone),
        // else the package's entry stands for it (chart.js/auto, pixi.js/browser).
        if (u.module() && !path.contains(".") && !path.startsWith("examples/")) {
            String last = path.substring(path.lastIndexOf('/') + 1);
            for (String sub :
                    List.of(path + "/dist/" + last + ".module.js", path + ".module.js", path + "/index.module.js")) {
                if (kept.contains(sub)) return Optional.of(sub);
            }
            String entry = b.module() != null ? b.module() : b.classic();
            return Optional.ofNullable(entry).filter(kept::contains);
        }
        return Optional.empty();
    }

    /**
     * The file as written and the names that stand for it: minified or not, and a development build
     * answered by the production build of the same version (React's umd/*.development.js, Vue's
     * vue.global.js): the same API, without the warnings.
     */
    private static List<String> twins(String path) {
        if (path.endsWith(".development.js")) {
            String base = path.substring(0, path.length() - ".development.js".length());
            return List.of(path, base + ".production.min.js", base + ".production.js");
        }
        if (path.matches(".*\\.(global|esm-browser)(\\.min)?\\.js")) {
            String base = path.replaceFirst("(\\.min)?\\.js$", "");
            return List.of(path, base + ".prod.js", base + ".js");
        }
        if (path.endsWith(".min.css")) return List.of(path, path.substring(0, path.length() - 8) + ".css");
        if (path.endsWith(".css")) return List.of(path, path.substring(0, path.length() - 4) + ".min.css");
        if (path.endsWith(".woff2") || path.endsWith(".json")) return List.of(path);
        if (path.endsWith(".min.js")) return List.of(path, path.substring(0, path.length() - 7) + ".js");
        if (path.endsWith(".min.mjs")) return List.of(path, path.substring(0, path.length() - 8) + ".mjs");
        if (path.endsWith(".js")) return List.of(path, path.substring(0, path.length() - 3) + ".min.js");
        if (path.endsWith(".mjs")) return List.of(path, path.substring(0, path.length() - 4) + ".min.mjs");
        return List.of(path, path + ".js"); // esm.sh and Skypack let models leave the extension out
    }

    /** The API line a version belongs to: the index of the last line start at or below it, -1 below all. */
    private static long line(Library lib, long version) {
        long line = -1;
        for (int i = 0; i < lib.lineStarts().size(); i++)
            if (key(lib.lineStarts().get(i)) <= version) line = i;
        return line;
    }

    /** "0.160.1" as one comparable number; missing parts are 0. */
    static long key(String version) {
        String[] p = version.split("\\.");
        long k = 0;
        for (int i = 0; i < 3; i++)
            k = k * 100_000
                    + (i < p.length
                            ? Long.parseLong(
                                    p[i].replaceAll("\\D.*", "").isEmpty() ? "0" : p[i].replaceAll("\\D.*", ""))
                            : 0);
        return k;
    }

    private static boolean isModule(Bundle b, String file) {
        return file.equals(b.module())
                || firebaseModule(b, file)
                || file.startsWith("examples/jsm/")
                || file.endsWith(".mjs")
                || file.endsWith(".module.js")
                || file.endsWith(".esm.js");
    }

    /**
     * Firebase from 9 on: every firebase-<product>.js beside the module entry is a module; the
     * -compat ones are classic builds.
     */
    private static boolean firebaseModule(Bundle b, String file) {
        return b.module() != null
                && b.module().startsWith("firebase-")
                && file.startsWith("firebase-")
                && !file.contains("-compat");
    }

    /**
     * The one URL a module is evaluated from. Firebase's modules import the app by its gstatic URL,
     * so theirs is canonical: a page naming another version, or jsDelivr, gets a re-export of it.
     */
    static String canonical(Library lib, Bundle b, String file) {
        if (lib.npmPackage().equals("firebase")) return FIREBASE + b.version() + "/" + file;
        return CANONICAL + lib.npmPackage() + "@" + b.version() + "/" + file;
    }

    private byte[] reexport(Library lib, Bundle b, String file, String canonical) {
        String quoted = "\"" + canonical + "\"";
        String text = "export * from " + quoted + ";\n";
        if (hasDefault(body(lib, b, file))) text += "export { default } from " + quoted + ";\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A module for a classic build: loads the build once as a classic script (evaluating it as a
     * module would run it in strict mode, which some builds do not survive), then exports its global
     * as default and under its own name, and each name it carries.
     */
    private byte[] facade(Library lib, Bundle b) {
        return bodies.computeIfAbsent("facade:" + lib.npmPackage() + "@" + b.version(), k -> {
            String g = lib.global();
            List<String> names = text(lib, b, b.classic() + EXPORTS)
                    .lines()
                    .filter(n -> !n.isBlank() && !RESERVED.contains(n) && !n.equals(g))
                    .toList();
            StringBuilder s = new StringBuilder();
            // What the build needs loaded before it runs (ReactDOM needs React): imported first, so
            // the module graph runs them first. Scripts added to a page run in the order they
            // arrive, so two facades loading at once would otherwise race.
            for (String dependency : classicDependencies(lib, b))
                s.append("import \"").append(dependency).append("\";\n");
            // One load per build however many module URLs stand for it (esm.sh and jsDelivr, two
            // versions substituted by one): a second copy would replace the global the first bound.
            String src = canonical(lib, b, b.classic());
            s.append("const loads = (globalThis[Symbol.for(\"autobench.classic\")] ??= new Map());\n")
                    .append("if (globalThis[\"")
                    .append(g)
                    .append("\"] === undefined) {\n")
                    .append("  const src = \"")
                    .append(src)
                    .append("\";\n")
                    .append("  if (!loads.has(src)) loads.set(src, new Promise((ok, fail) => {\n")
                    .append("    const s = document.createElement('script');\n")
                    .append("    s.src = src;\n")
                    .append("    s.onload = ok; s.onerror = () => fail(new Error('could not load ' + src));\n")
                    .append("    document.head.appendChild(s);\n  }));\n")
                    .append("  await loads.get(src);\n}\n")
                    .append("const g = globalThis[\"")
                    .append(g)
                    .append("\"];\n")
                    .append("export default g;\nexport { g as ")
                    .append(g)
                    .append(" };\n");
            if (!names.isEmpty())
                s.append("export const { ").append(String.join(", ", names)).append(" } = g;\n");
            // Chart.js's module build exports the parts to register; its classic build has them all
            // registered already, so registering none is the same chart.
            if (lib.npmPackage().equals("chart.js") && !names.contains("registerables"))
                s.append("export const registerables = [];\n");
            return s.toString().getBytes(StandardCharsets.UTF_8);
        });
    }

    /** A UMD build's AMD line names what it needs: {@code define(["exports","react"], ...)}. */
    private static final Pattern AMD_DEPENDENCIES = Pattern.compile("define\\(\\s*\\[([^\\]]*)\\]");

    /**
     * Module URLs of the kept classic libraries this build needs before it runs: of the same
     * version where the other library keeps one (react-dom 17 with react 17), else its default.
     */
    List<String> classicDependencies(Library lib, Bundle b) {
        Matcher m = AMD_DEPENDENCIES.matcher(text(lib, b, b.classic()));
        if (!m.find()) return List.of();
        List<String> urls = new ArrayList<>();
        for (String quoted : m.group(1).split(",")) {
            String name = quoted.strip().replaceAll("^[\"']|[\"']$", "");
            Libraries.SERVED.stream()
                    .filter(d -> d.npmPackage().equals(name) && d.global() != null && d != lib)
                    .findFirst()
                    .ifPresent(d -> {
                        String version = d.bundles().stream()
                                .map(Bundle::version)
                                .filter(v -> v.equals(b.version()))
                                .findFirst()
                                .orElse(d.version());
                        urls.add(CANONICAL + d.npmPackage() + "@" + version + "/+esm");
                    });
        }
        return urls;
    }

    private static final Set<String> RESERVED = Set.of(
            "break",
            "case",
            "catch",
            "class",
            "const",
            "continue",
            "debugger",
            "default",
            "delete",
            "do",
            "else",
            "enum",
            "export",
            "extends",
            "false",
            "finally",
            "for",
            "function",
            "if",
            "import",
            "in",
            "instanceof",
            "new",
            "null",
            "return",
            "super",
            "switch",
            "this",
            "throw",
            "true",
            "try",
            "typeof",
            "var",
            "void",
            "while",
            "with",
            "yield",
            "let",
            "static",
            "implements",
            "interface",
            "package",
            "private",
            "protected",
            "public",
            "await",
            "arguments",
            "eval",
            "g",
            "loads");

    private static boolean hasDefault(byte[] module) {
        String s = new String(module, StandardCharsets.UTF_8);
        return s.contains("export default") || s.matches("(?s).*\\bas\\s+default\\s*[,}].*");
    }

    /** The files kept of a bundle, as the build's index lists them. */
    Set<String> keptFiles(Bundle b) {
        return files.get(b);
    }

    /** What {@link #resolve} answers for a kept file at its own URL. */
    byte[] servedBody(Library lib, Bundle b, String file) {
        return body(lib, b, file);
    }

    /** The file's bytes; in modules, the library's own bare imports point at its canonical URLs. */
    private byte[] body(Library lib, Bundle b, String file) {
        return bodies.computeIfAbsent(resourceRoot(lib.npmPackage(), b.version()) + "/" + file, path -> {
            byte[] raw = read(path, lib);
            if (!isModule(b, file) || b.module() == null) return raw;
            String text = new String(raw, StandardCharsets.UTF_8);
            String rewritten = BareImports.rewrite(
                    text,
                    lib.npmPackage(),
                    sub -> canonical(
                            lib,
                            b,
                            sub.isEmpty()
                                    ? b.module()
                                    : sub.startsWith("addons/") ? "examples/jsm/" + sub.substring(7) : sub));
            return rewritten.getBytes(StandardCharsets.UTF_8);
        });
    }

    private String text(Library lib, Bundle b, String file) {
        return new String(read(resourceRoot(lib.npmPackage(), b.version()) + "/" + file, lib), StandardCharsets.UTF_8);
    }

    static String resourceRoot(String npmPackage, String version) {
        return "autobench/render/libs/" + npmPackage + "@" + version;
    }

    private static byte[] read(String path, Library lib) {
        try (InputStream in = LibraryRoutes.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("library " + lib.name() + " is not bundled (missing resource " + path
                        + "); build with ./mvnw package, which fetches it from the npm registry");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String strip(String url) {
        int cut = url.length();
        int q = url.indexOf('?');
        int h = url.indexOf('#');
        if (q >= 0) cut = Math.min(cut, q);
        if (h >= 0) cut = Math.min(cut, h);
        return url.substring(0, cut);
    }

    private static String host(String url) {
        try {
            String h = URI.create(url).getHost();
            return h == null ? "" : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    static String contentType(String file) {
        if (file.endsWith(".js") || file.endsWith(".mjs")) return JS;
        if (file.endsWith(".json")) return "application/json";
        if (file.endsWith(".css")) return CSS;
        if (file.endsWith(".woff2")) return "font/woff2";
        return "application/octet-stream";
    }
}
