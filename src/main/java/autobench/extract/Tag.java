package autobench.extract;

/** Reads attributes from one lower-cased start tag, e.g. {@code <script src="a.js" defer>}. Hand-written: tags come from untrusted text. */
final class Tag {
    private Tag() {}

    /** The attribute's value (quotes removed), "" for a bare attribute, or {@code null} if absent. */
    static String attribute(String tag, String name) {
        int i = find(tag, name);
        if (i < 0) return null;
        int p = i + name.length();
        while (p < tag.length() && Ascii.isSpace(tag.charAt(p))) p++;
        if (p >= tag.length() || tag.charAt(p) != '=') return "";
        p++;
        while (p < tag.length() && Ascii.isSpace(tag.charAt(p))) p++;
        if (p >= tag.length()) return "";
        char q = tag.charAt(p);
        if (q == '"' || q == '\'') {
            int end = tag.indexOf(q, p + 1);
            return tag.substring(p + 1, end < 0 ? tag.length() : end);
        }
        int end = p;
        while (end < tag.length() && !Ascii.isSpace(tag.charAt(end)) && tag.charAt(end) != '>') end++;
        return tag.substring(p, end);
    }

    static boolean has(String tag, String name) {
        return find(tag, name) >= 0;
    }

    /** Where the attribute's name starts: after whitespace, and followed by "=", whitespace or the tag's end. */
    private static int find(String tag, String name) {
        int i = tag.indexOf(name);
        while (i >= 0) {
            int after = i + name.length();
            boolean startsWord = i > 0 && Ascii.isSpace(tag.charAt(i - 1));
            boolean endsWord =
                    after >= tag.length() || tag.charAt(after) == '=' || Ascii.endsTagName(tag.charAt(after));
            if (startsWord && endsWord) return i;
            i = tag.indexOf(name, i + 1);
        }
        return -1;
    }
}
