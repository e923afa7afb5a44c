package autobench.extract;

/**
 * Case-insensitive search without regular expressions. Tags and fence markers are ASCII, so a
 * lower-cased copy that keeps every index in place lets the scanners use the JDK's fast
 * {@link String#indexOf}; {@code toLowerCase} could change the length of non-ASCII text and shift indices.
 */
final class Ascii {
    private Ascii() {}

    static String lower(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            char ch = c[i];
            if (ch >= 'A' && ch <= 'Z') c[i] = (char) (ch + 32);
        }
        return new String(c);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
    }

    /** True if {@code c} may follow a tag name ({@code <canvas>}, {@code <canvas id=…}, {@code <br/>}). */
    static boolean endsTagName(char c) {
        return isSpace(c) || c == '>' || c == '/';
    }

    /** First index of {@code tag} (e.g. "&lt;script") at or after {@code from} that is a whole tag name, or -1. */
    static int indexOfTag(String lower, String tag, int from) {
        int i = lower.indexOf(tag, from);
        while (i >= 0) {
            int after = i + tag.length();
            if (after >= lower.length() || endsTagName(lower.charAt(after))) return i;
            i = lower.indexOf(tag, i + 1);
        }
        return -1;
    }

    /** Index just past the {@code >} that ends the tag starting at {@code start}, or the text's end. */
    static int endOfTag(String s, int start) {
        int gt = s.indexOf('>', start);
        return gt < 0 ? s.length() : gt + 1;
    }

    static boolean isBlank(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) if (!isSpace(s.charAt(i))) return false;
        return true;
    }
}
