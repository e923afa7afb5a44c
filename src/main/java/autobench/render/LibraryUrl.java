package autobench.render;

import autobench.runtime.Libraries;
import autobench.runtime.Libraries.Library;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A library URL as models write it, taken apart: which package, which version (as written: exact,
 * partial such as "7" or "0.160", or none for the newest), which file inside the package ("" for
 * the package's own entry) and whether the host answers with an ES module. Knows the hosts and
 * their URL shapes; knows nothing of what we keep.
 *
 * @param spec    the version as written, normalised ("r128" is "0.128.0", "^7.1" is "7.1"), or null
 * @param path    the file inside the package, without a leading '/', or "" for the entry
 * @param module  the host answers with an ES module whatever the file (esm.sh, Skypack, /+esm, ?module)
 * @param plugins a Tailwind play CDN URL asking for its plugins
 */
record LibraryUrl(Library library, String spec, String path, boolean module, boolean plugins) {
    private static final Pattern D3_ORG = Pattern.compile("/d3\\.v(\\d+)(?:\\.min)?\\.js");
    private static final Pattern ESM_SH_PREFIX = Pattern.compile("^(?:v\\d+|stable|pin/v\\d+)/");
    private static final Pattern DIGITS = Pattern.compile("\\d+(?:\\.\\d+){0,2}");
    private static final Pattern JQUERY =
            Pattern.compile("/jquery-(\\d+(?:\\.\\d+){0,2})((?:\\.slim)?)(?:\\.min)?\\.js");
    private static final Pattern PLOTLY = Pattern.compile("/plotly-(latest|\\d+\\.\\d+\\.\\d+)(?:\\.min)?\\.js");
    private static final Pattern FONT_AWESOME = Pattern.compile("/releases/v(\\d+(?:\\.\\d+){0,2})/(.+)");
    private static final Pattern BOOTSTRAP_CDN =
            Pattern.compile("/(font-awesome|bootstrap)/v?(\\d+\\.\\d+\\.\\d+)/(.+)");
    private static final Pattern VERSION_DIR = Pattern.compile("/v?(\\d+\\.\\d+\\.\\d+)/(.+)");
    /** npm packages that are the same library under another name: answered by the one kept. */
    private static final Map<String, String> SAME_AS = Map.of(
            "plotly.js-dist",
            "plotly.js-dist-min",
            "plotly.js",
            "plotly.js-dist-min",
            "@fortawesome/fontawesome-free-webfonts",
            "@fortawesome/fontawesome-free");

    /** Empty for a URL that is not a library URL of a known host and package. */
    static Optional<LibraryUrl> parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawPath() == null)
            return Optional.empty();
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getPath();
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        return switch (host) {
            case "cdn.jsdelivr.net" ->
                path.startsWith("/npm/")
                        ? npm(path.substring(5), false)
                        : path.startsWith("/gh/mrdoob/three.js@")
                                ? npm("three@" + path.substring("/gh/mrdoob/three.js@".length()), false)
                                : path.startsWith("/gh/highlightjs/cdn-release@")
                                        ? npm(
                                                "@highlightjs/cdn-assets@"
                                                        + path.substring("/gh/highlightjs/cdn-release@".length())
                                                                .replaceFirst("/build/", "/"),
                                                false)
                                        : Optional.empty();
            // the libraries' own hosts, as answers write them
            case "code.jquery.com" -> {
                Matcher m = JQUERY.matcher(path);
                yield m.matches()
                        ? of("jquery", m.group(1), "dist/jquery" + m.group(2) + ".min.js", false, false)
                        : Optional.empty();
            }
            case "ajax.googleapis.com" ->
                path.startsWith("/ajax/libs/jquery/")
                        ? cdnjs("/ajax/libs/jquery/" + path.substring("/ajax/libs/jquery/".length()))
                        : Optional.empty();
            case "cdn.plot.ly" -> {
                Matcher m = PLOTLY.matcher(path);
                // plotly-latest.min.js froze at 1.58.5 when 2.0 came out
                yield m.matches()
                        ? of(
                                "plotly.js-dist-min",
                                m.group(1).equals("latest") ? "1.58.5" : m.group(1),
                                "plotly.min.js",
                                false,
                                false)
                        : Optional.empty();
            }
            case "cdn.babylonjs.com" -> {
                Matcher m = VERSION_DIR.matcher(path);
                String file = m.matches() ? m.group(2) : path.substring(1);
                yield file.equals("babylon.js") || file.equals("babylon.max.js")
                        ? of("babylonjs", m.matches() ? m.group(1) : null, "babylon.js", false, false)
                        : Optional.empty();
            }
            // Firebase's own CDN: /firebasejs/<version>/<file>
            case "www.gstatic.com" -> {
                Matcher m = VERSION_DIR.matcher(path.startsWith("/firebasejs/") ? path.substring(11) : "");
                yield m.matches() ? of("firebase", m.group(1), m.group(2), false, false) : Optional.empty();
            }
            // BootstrapCDN: /font-awesome/<version>/<file> and /bootstrap/<version>/<file> (the package's dist/)
            case "maxcdn.bootstrapcdn.com", "stackpath.bootstrapcdn.com", "netdna.bootstrapcdn.com" -> {
                Matcher m = BOOTSTRAP_CDN.matcher(path);
                yield !m.matches()
                        ? Optional.empty()
                        : m.group(1).equals("font-awesome")
                                ? of("font-awesome", m.group(2), m.group(3), false, false)
                                : of("bootstrap", m.group(2), "dist/" + m.group(3), false, false);
            }
            case "cdn.socket.io" -> {
                Matcher m = VERSION_DIR.matcher(path);
                yield m.matches()
                        ? of("socket.io-client", m.group(1), "dist/" + m.group(2), false, false)
                        : Optional.empty();
            }
            case "use.fontawesome.com" -> {
                Matcher m = FONT_AWESOME.matcher(path);
                yield m.matches()
                        ? of("@fortawesome/fontawesome-free", m.group(1), m.group(2), false, false)
                        : Optional.empty();
            }
            case "unpkg.com" -> npm(path.substring(1), query.matches("(?:.*&)?module(?:[=&].*)?"));
            case "esm.sh" -> npm(ESM_SH_PREFIX.matcher(path.substring(1)).replaceFirst(""), true);
            case "cdn.skypack.dev" -> npm(path.substring(1), true);
            case "cdnjs.cloudflare.com" -> cdnjs(path);
            case "d3js.org" -> {
                Matcher m = D3_ORG.matcher(path);
                yield m.matches() ? of("d3", m.group(1), "", false, false) : Optional.empty();
            }
            case "threejs.org" ->
                path.startsWith("/build/") || path.startsWith("/examples/")
                        ? of("three", null, path.substring(1), false, false)
                        : Optional.empty();
            case "pixijs.download" -> {
                String[] parts = path.substring(1).split("/", 2);
                yield parts.length == 2
                        ? of("pixi.js", parts[0].equals("release") ? null : parts[0], "dist/" + parts[1], false, false)
                        : Optional.empty();
            }
            case "cdn.tailwindcss.com" ->
                of(
                        "tailwindcss-cdn",
                        path.length() > 1 ? path.substring(1) : null,
                        "",
                        false,
                        query.contains("plugins="));
            default -> Optional.empty();
        };
    }

    /** {@code name[@version][/file][/+esm]}, name possibly scoped. */
    private static Optional<LibraryUrl> npm(String rest, boolean module) {
        if (rest.endsWith("/+esm") || rest.equals("+esm")) {
            rest = rest.substring(0, rest.length() - "+esm".length());
            if (rest.endsWith("/")) rest = rest.substring(0, rest.length() - 1);
            module = true;
        }
        int nameEnd = rest.startsWith("@") ? rest.indexOf('/', rest.indexOf('/') + 1) : rest.indexOf('/');
        String head = nameEnd < 0 ? rest : rest.substring(0, nameEnd);
        String file = nameEnd < 0 ? "" : rest.substring(nameEnd + 1);
        int at = head.indexOf('@', 1);
        String name = at < 0 ? head : head.substring(0, at);
        String version = at < 0 ? null : head.substring(at + 1);
        return of(name, version, file, module, false);
    }

    /**
     * {@code /ajax/libs/<cdnjs name>/<version>/<file>}: the file is found by its name alone. Where two
     * packages share a cdnjs name (font-awesome: version 4, then @fortawesome's 5 on), the one keeping
     * a version of the same major answers.
     */
    private static Optional<LibraryUrl> cdnjs(String path) {
        String[] parts = path.split("/", 6);
        if (parts.length < 6 || !parts[1].equals("ajax") || !parts[2].equals("libs")) return Optional.empty();
        String version = version(parts[4]);
        String major = version == null ? null : version.split("\\.")[0] + ".";
        Library first = null;
        for (Library lib : Libraries.SERVED) {
            if (!parts[3].equals(lib.cdnjs())) continue;
            if (first == null) first = lib;
            if (major != null
                    && lib.bundles().stream().anyMatch(b -> b.version().startsWith(major))) {
                first = lib;
                break;
            }
        }
        return first == null
                ? Optional.empty()
                : Optional.of(new LibraryUrl(first, version, "*/" + parts[5], false, false));
    }

    private static Optional<LibraryUrl> of(String pkg, String version, String path, boolean module, boolean plugins) {
        String file = path;
        if (SAME_AS.containsKey(pkg) && !path.isEmpty())
            file = "*/" + path.substring(path.lastIndexOf('/') + 1); // by name, as on cdnjs
        String kept = file;
        return Libraries.byPackage(SAME_AS.getOrDefault(pkg, pkg))
                .map(lib -> new LibraryUrl(lib, version(version), kept, module, plugins));
    }

    /** "latest" and none are null; "r128" (three.js's names) is 0.128.0; range signs and ".x" go. */
    static String version(String written) {
        if (written == null) return null;
        String v = written.strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty() || v.equals("latest")) return null;
        if (v.matches("r\\d+")) return "0." + v.substring(1) + ".0";
        v = v.replaceFirst("^(?:\\^|~|>=|=|v)+", "").replaceAll("(?:\\.[x*])+$", "");
        Matcher m = DIGITS.matcher(v);
        return m.lookingAt() && m.end() == v.length()
                ? v
                : written; // anything else stays as written and matches nothing
    }
}
