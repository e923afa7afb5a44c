package autobench.render;

import java.util.function.UnaryOperator;

/**
 * Rewrites a module's imports of one package by bare name ({@code from "three"},
 * {@code import("three/addons/…")}) to URLs. Bare names resolve only through an import map; the
 * modules we serve must not depend on the page having one that agrees with us.
 *
 * <p>What is rewritten is exactly what the regular expression
 * {@code (\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])PKG(/[^"'\s]*)?\2} finds (Java's {@code \b}
 * and {@code \s}), but found by looking for the quoted package name first and checking the words
 * before it: that expression tried its three alternatives at every character of every module, which
 * for three.js's add-ons (two thousand files) cost seconds of the build and of every process that
 * serves them. {@code BareImportsTest} holds the expression as the reference.
 */
final class BareImports {
    private BareImports() {}

    /**
     * @param url from the part after the package name ("" for the package itself, else e.g.
     *            "examples/jsm/controls/OrbitControls.js") to the URL to import instead
     */
    static String rewrite(String module, String pkg, UnaryOperator<String> url) {
        StringBuilder out = null;
        int copied = 0; // module[0, copied) is in out already
        int from = 0;
        String doubled = '"' + pkg, single = '\'' + pkg;
        int nextDouble = module.indexOf(doubled), nextSingle = module.indexOf(single);
        while (true) {
            // each kind of quote is looked for again only once the search has passed its last find
            if (nextDouble >= 0 && nextDouble < from) nextDouble = module.indexOf(doubled, from);
            if (nextSingle >= 0 && nextSingle < from) nextSingle = module.indexOf(single, from);
            int q = nextDouble < 0 ? nextSingle : nextSingle < 0 ? nextDouble : Math.min(nextDouble, nextSingle);
            if (q < 0) break;
            char quote = module.charAt(q);
            int nameEnd = q + 1 + pkg.length();
            int end = nameEnd; // the closing quote, once found
            if (end < module.length() && module.charAt(end) == '/') {
                end++;
                while (end < module.length() && !stopsPath(module.charAt(end))) end++;
            }
            boolean closed = end < module.length() && module.charAt(end) == quote;
            if (!closed || !importsBefore(module, q, copied)) {
                from = q + 1;
                continue;
            }
            if (out == null) out = new StringBuilder(module.length() + 256);
            String sub = end == nameEnd ? "" : module.substring(nameEnd + 1, end);
            out.append(module, copied, q + 1).append(url.apply(sub)).append(quote);
            copied = end + 1;
            from = end + 1;
        }
        if (out == null) return module;
        return out.append(module, copied, module.length()).toString();
    }

    /** {@code [^"'\s]} ends: a quote or one of Java's {@code \s} characters. */
    private static boolean stopsPath(char c) {
        return c == '"' || c == '\'' || isSpace(c);
    }

    /** Java's {@code \s}: {@code [ \t\n\x0B\f\r]}. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /**
     * Whether the quote at {@code q} comes right after {@code from\s*}, {@code import\s*(\s*} or
     * {@code import\s+}, each starting at a word boundary and not before {@code floor} (the end of
     * the previous rewrite, where the expression's next search would begin).
     */
    private static boolean importsBefore(String s, int q, int floor) {
        int i = q;
        while (i > floor && isSpace(s.charAt(i - 1))) i--;
        boolean spaced = i < q;
        if (endsWithWord(s, i, floor, "from")) return true;
        if (spaced && endsWithWord(s, i, floor, "import")) return true;
        if (i > floor && s.charAt(i - 1) == '(') {
            int j = i - 1;
            while (j > floor && isSpace(s.charAt(j - 1))) j--;
            return endsWithWord(s, j, floor, "import");
        }
        return false;
    }

    /** Whether {@code word} ends at {@code end}, starts at or after {@code floor}, and has a word boundary before it. */
    private static boolean endsWithWord(String s, int end, int floor, String word) {
        int start = end - word.length();
        if (start < floor || !s.startsWith(word, start)) return false;
        return start == 0 || !isWordBefore(s, start);
    }

    /**
     * Whether the character before {@code start} is a word character as Java's {@code \b} sees it
     * (since Java 19): {@code [a-zA-Z0-9_]}, or a non-spacing mark after any letter or digit.
     */
    private static boolean isWordBefore(String s, int start) {
        int ch = s.codePointBefore(start);
        if (ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) return true;
        if (Character.getType(ch) != Character.NON_SPACING_MARK) return false;
        for (int x = start - 1; x >= 0; x--) { // as java.util.regex walks it: by char, not by code point
            int c = s.codePointAt(x);
            if (Character.isLetterOrDigit(c)) return true;
            if (Character.getType(c) != Character.NON_SPACING_MARK) return false;
        }
        return false;
    }
}
