package autobench.render;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a module's imports of one package by bare name ({@code from "three"},
 * {@code import("three/addons/…")}) to URLs. Bare names resolve only through an import map; the
 * modules we serve must not depend on the page having one that agrees with us.
 */
final class BareImports {
    private BareImports() {}

    /**
     * @param url from the part after the package name ("" for the package itself, else e.g.
     *            "examples/jsm/controls/OrbitControls.js") to the URL to import instead
     */
    static String rewrite(String module, String pkg, UnaryOperator<String> url) {
        Pattern p = Pattern.compile(
                "(\\bfrom\\s*|\\bimport\\s*\\(\\s*|\\bimport\\s+)([\"'])" + Pattern.quote(pkg) + "(/[^\"'\\s]*)?\\2");
        Matcher m = p.matcher(module);
        StringBuilder out = new StringBuilder(module.length() + 256);
        while (m.find()) {
            String sub = m.group(3) == null ? "" : m.group(3).substring(1);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + url.apply(sub) + m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
