package autobench.provider.demo;

import java.util.Locale;
import java.util.Map;

/** Small text helpers for writing programs: escaping for HTML and JavaScript, and {{name}} templates. */
final class Text {
    private Text() {}

    static String html(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A double-quoted JavaScript string literal; anything outside printable ASCII, and {@code <}, as \\u escapes. */
    static String js(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e || c == '<' || c == '>') b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    /** Replaces each {@code {{name}}}; a name without a value is a bug in the program template. */
    static String fill(String template, Map<String, String> values) {
        StringBuilder b = new StringBuilder(template.length() + 256);
        int from = 0;
        for (int open = template.indexOf("{{"); open >= 0; open = template.indexOf("{{", from)) {
            int close = template.indexOf("}}", open);
            if (close < 0) break;
            String name = template.substring(open + 2, close);
            String value = values.get(name);
            if (value == null) throw new IllegalStateException("template has no value for {{" + name + "}}");
            b.append(template, from, open).append(value);
            from = close + 2;
        }
        return b.append(template, from, template.length()).toString();
    }

    /** A number for JavaScript source, always with a dot (never a locale's comma). */
    static String num(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }
}
