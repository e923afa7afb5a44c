package autobench.render;

import autobench.runtime.Libraries;
import autobench.runtime.Libraries.Library;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The style sheet Google Fonts would send for Material Icons and Material Symbols, written here
 * with font URLs that the bundle answers (the npm packages material-icons and material-symbols).
 * Answers load these icon fonts from fonts.googleapis.com far more often than from a package URL,
 * and without the font every icon is drawn as its ligature's name ("shopping_cart"). Other families
 * in the same request are left out: they get the fallback fonts, as before.
 */
final class GoogleIconFonts {
    private GoogleIconFonts() {}

    /** A family as Google names it: its CSS class, the kept woff2 file, and which package keeps it. */
    private record Family(String cssClass, String pkg, String file, boolean symbols) {}

    private static final Map<String, Family> FAMILIES = Map.of(
            "material icons", new Family("material-icons", "material-icons", "iconfont/material-icons.woff2", false),
            "material icons outlined",
                    new Family(
                            "material-icons-outlined",
                            "material-icons",
                            "iconfont/material-icons-outlined.woff2",
                            false),
            "material icons round",
                    new Family("material-icons-round", "material-icons", "iconfont/material-icons-round.woff2", false),
            "material icons sharp",
                    new Family("material-icons-sharp", "material-icons", "iconfont/material-icons-sharp.woff2", false),
            "material icons two tone",
                    new Family(
                            "material-icons-two-tone",
                            "material-icons",
                            "iconfont/material-icons-two-tone.woff2",
                            false),
            // One style of Symbols is kept (Libraries says why): rounded and sharp are drawn with it.
            "material symbols outlined",
                    new Family(
                            "material-symbols-outlined", "material-symbols", "material-symbols-outlined.woff2", true),
            "material symbols rounded",
                    new Family("material-symbols-rounded", "material-symbols", "material-symbols-outlined.woff2", true),
            "material symbols sharp",
                    new Family("material-symbols-sharp", "material-symbols", "material-symbols-outlined.woff2", true));

    /** The style sheet for a fonts.googleapis.com URL naming at least one icon family; empty otherwise. */
    static Optional<byte[]> css(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (uri.getHost() == null
                || !uri.getHost().equalsIgnoreCase("fonts.googleapis.com")
                || uri.getRawQuery() == null) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String param : uri.getRawQuery().split("&")) {
            if (!param.startsWith("family=")) continue;
            String value = URLDecoder.decode(param.substring("family=".length()), StandardCharsets.UTF_8);
            for (String family : value.split("\\|")) {
                int colon = family.indexOf(':');
                names.add((colon < 0 ? family : family.substring(0, colon))
                        .strip()
                        .toLowerCase(Locale.ROOT));
            }
        }
        List<String> rules = new ArrayList<>();
        for (String name : names) {
            Family f = FAMILIES.get(name);
            if (f == null) continue;
            Library lib = Libraries.byPackage(f.pkg()).orElseThrow();
            String src = LibraryRoutes.canonical(lib, lib.bundles().getLast(), f.file());
            String display = titleCase(name);
            rules.add("@font-face {\n  font-family: '" + display + "';\n  font-style: normal;\n  font-weight: "
                    + (f.symbols() ? "100 700" : "400") + ";\n  font-display: block;\n  src: url(" + src
                    + ") format('woff2');\n}\n"
                    + "." + f.cssClass() + " {\n  font-family: '" + display
                    + "';\n  font-weight: normal;\n  font-style: normal;\n"
                    + "  font-size: 24px;\n  line-height: 1;\n  letter-spacing: normal;\n  text-transform: none;\n"
                    + "  display: inline-block;\n  white-space: nowrap;\n  word-wrap: normal;\n  direction: ltr;\n"
                    + "  -webkit-font-smoothing: antialiased;\n  font-feature-settings: 'liga';\n}\n");
        }
        if (rules.isEmpty()) return Optional.empty();
        return Optional.of(("/* icon fonts from the AutoBench bundle */\n" + String.join("", rules))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String titleCase(String lower) {
        StringBuilder b = new StringBuilder();
        for (String w : lower.split(" ")) {
            if (!b.isEmpty()) b.append(' ');
            b.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return b.toString();
    }
}
