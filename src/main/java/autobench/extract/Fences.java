package autobench.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * Fenced code blocks, read line by line the way CommonMark reads them (a run of three or more
 * backticks or tildes opens; a line of at least as many of the same character closes), with two
 * leniencies models need: any indentation, and a block still open at the end of the reply is kept
 * (a reply cut off at the token limit ends inside its code). No regular expressions: one pass.
 */
final class Fences {
    private Fences() {}

    /** One fenced block. {@code language} is the first word of the info string, lower-cased ("" if none). */
    record Fence(String language, String body, boolean closed) {}

    /** The blocks in order, and the text outside them (where an unfenced document may still be). */
    record Scan(List<Fence> fences, String prose) {}

    /** An opening fence line: its marker character, run length and info string. */
    record Opening(char marker, int length, String info) {}

    static Scan scan(String text) {
        List<Fence> fences = new ArrayList<>();
        StringBuilder prose = new StringBuilder();
        Opening open = null;
        int bodyStart = 0;
        int n = text.length();
        int pos = 0;
        while (pos < n) {
            int eol = text.indexOf('\n', pos);
            int lineEnd = eol < 0 ? n : eol;
            int next = eol < 0 ? n : eol + 1;
            if (open == null) {
                Opening o = opening(text, pos, lineEnd);
                if (o != null) {
                    open = o;
                    bodyStart = next;
                } else {
                    prose.append(text, pos, next);
                }
            } else if (closes(text, pos, lineEnd, open)) {
                fences.add(new Fence(language(open.info()), text.substring(bodyStart, pos), true));
                open = null;
            }
            pos = next;
        }
        if (open != null) fences.add(new Fence(language(open.info()), text.substring(Math.min(bodyStart, n)), false));
        return new Scan(fences, prose.toString());
    }

    /** The opening fence on the line [from, lineEnd), or {@code null} if the line is not one. */
    static Opening opening(String s, int from, int lineEnd) {
        int p = skipIndent(s, from, lineEnd);
        if (p >= lineEnd) return null;
        char c = s.charAt(p);
        if (c != '`' && c != '~') return null;
        int run = runOf(s, p, lineEnd, c);
        if (run < 3) return null;
        String info = s.substring(p + run, lineEnd).strip();
        // CommonMark: a backtick fence's info string has no backticks, so ```x``` on one line is inline code
        if (c == '`' && info.indexOf('`') >= 0) return null;
        return new Opening(c, run, info);
    }

    static boolean closes(String s, int from, int lineEnd, Opening open) {
        int p = skipIndent(s, from, lineEnd);
        int run = runOf(s, p, lineEnd, open.marker());
        return run >= open.length() && Ascii.isBlank(s, p + run, lineEnd);
    }

    /** "html" from "html", "HTML index.html", "{.html}", "html:index.html"; "" when there is none. */
    static String language(String info) {
        int i = 0;
        while (i < info.length() && (info.charAt(i) == '{' || info.charAt(i) == '.')) i++;
        int start = i;
        while (i < info.length() && isLanguageChar(info.charAt(i))) i++;
        return Ascii.lower(info.substring(start, i));
    }

    private static boolean isLanguageChar(char c) {
        return Character.isLetterOrDigit(c) || c == '+' || c == '#' || c == '-' || c == '_';
    }

    private static int skipIndent(String s, int p, int end) {
        while (p < end && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) p++;
        return p;
    }

    private static int runOf(String s, int p, int end, char c) {
        int q = p;
        while (q < end && s.charAt(q) == c) q++;
        return q - p;
    }
}
