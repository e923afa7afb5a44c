package autobench.extract;

import java.util.ArrayList;
import java.util.List;

/** Code written straight into the reply's text, with no fences: a whole page, a fragment, or bare JavaScript. */
final class Prose {
    private Prose() {}

    /**
     * Every page in the text. Each {@code <!doctype html>} starts one, which ends at the last
     * {@code </html>} before the next starts (so a script that mentions "&lt;/html&gt;" does not
     * cut it short). With no doctype, {@code <html>} … last {@code </html>} is the one page.
     */
    static List<String> documents(String text) {
        String lower = Ascii.lower(text);
        List<Integer> starts = new ArrayList<>();
        for (int i = lower.indexOf("<!doctype html"); i >= 0; i = lower.indexOf("<!doctype html", i + 1)) starts.add(i);
        if (starts.isEmpty()) {
            int html = Ascii.indexOfTag(lower, "<html", 0);
            if (html < 0) return List.of();
            starts.add(html);
        }
        List<Integer> ends = new ArrayList<>();
        for (int i = Ascii.indexOfTag(lower, "</html", 0); i >= 0; i = Ascii.indexOfTag(lower, "</html", i + 1)) {
            ends.add(Ascii.endOfTag(lower, i));
        }
        List<String> docs = new ArrayList<>();
        int e = 0;
        for (int s = 0; s < starts.size(); s++) {
            int start = starts.get(s);
            int limit = s + 1 < starts.size() ? starts.get(s + 1) : text.length();
            int end = -1;
            while (e < ends.size() && ends.get(e) <= limit) {
                if (ends.get(e) > start) end = ends.get(e);
                e++;
            }
            docs.add(text.substring(start, end < 0 ? limit : end).strip());
        }
        return docs;
    }

    private static final String[] FRAGMENT_TAGS = {"<script", "<canvas", "<style", "<svg", "<body", "<div", "<link"};
    private static final String[] FRAGMENT_ENDS = {"</script", "</canvas", "</style", "</svg", "</body", "</div"};

    /**
     * A fragment such as {@code <canvas>} plus {@code <script>}: from the first such tag that starts a
     * line (or the script) to the last closing tag. Needs a script: markup alone runs nothing.
     */
    static String fragment(String text) {
        String lower = Ascii.lower(text);
        int script = Ascii.indexOfTag(lower, "<script", 0);
        if (script < 0) return null;
        int start = script;
        for (String tag : FRAGMENT_TAGS) {
            int i = Ascii.indexOfTag(lower, tag, 0);
            if (i >= 0 && i < start && startsLine(lower, i)) start = i;
        }
        int end = -1;
        for (String tag : FRAGMENT_ENDS) {
            int i = Pages.lastIndexOfTag(lower, tag);
            if (i > start) end = Math.max(end, Ascii.endOfTag(lower, i));
        }
        return text.substring(start, end < script ? text.length() : end).strip();
    }

    private static final String[] SCRIPT_STARTS = {
        "const ",
        "let ",
        "var ",
        "function ",
        "function(",
        "class ",
        "async function",
        "(function",
        "(() =>",
        "(()=>",
        "'use strict'",
        "\"use strict\"",
        "document.",
        "window."
    };

    /**
     * Bare JavaScript pasted as text: from the first line that starts like a script to the last that
     * ends like one, kept only if most lines in between look like code (prose around it is dropped).
     * Works on line bounds rather than split lines: the text may be megabytes of one-character lines.
     */
    static String script(String text) {
        int n = text.length();
        int first = -1;
        for (int pos = 0; pos < n && first < 0; pos = lineEnd(text, pos) + 1) {
            int p = skipSpace(text, pos, lineEnd(text, pos));
            for (String start : SCRIPT_STARTS) {
                if (text.startsWith(start, p)) {
                    first = pos;
                    break;
                }
            }
        }
        if (first < 0) return null;
        int last = -1; // end of the last line that ends like code
        int code = 0;
        int nonBlank = 0;
        int codeAtLast = 0;
        int nonBlankAtLast = 0;
        for (int pos = first; pos < n; pos = lineEnd(text, pos) + 1) {
            int end = lineEnd(text, pos);
            int to = end;
            while (to > pos && Ascii.isSpace(text.charAt(to - 1))) to--;
            int from = skipSpace(text, pos, to);
            if (from >= to) continue;
            nonBlank++;
            boolean ends = endsLikeCode(text.charAt(to - 1));
            if (ends || text.startsWith("//", from) || text.startsWith("/*", from) || text.charAt(from) == '*') code++;
            if (ends) {
                last = to;
                codeAtLast = code;
                nonBlankAtLast = nonBlank;
            }
        }
        if (last < 0 || nonBlankAtLast < 3 || codeAtLast * 10 < nonBlankAtLast * 6) return null;
        String block = text.substring(first, last);
        return Piece.looksLikeScript(Ascii.lower(block)) ? block : null;
    }

    private static int lineEnd(String s, int pos) {
        int eol = s.indexOf('\n', pos);
        return eol < 0 ? s.length() : eol;
    }

    private static int skipSpace(String s, int p, int end) {
        while (p < end && Ascii.isSpace(s.charAt(p))) p++;
        return p;
    }

    private static boolean endsLikeCode(char c) {
        return c == ';' || c == '{' || c == '}' || c == ')' || c == ',' || c == '(' || c == '[' || c == ']';
    }

    private static boolean startsLine(String s, int i) {
        int p = i - 1;
        while (p >= 0 && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) p--;
        return p < 0 || s.charAt(p) == '\n';
    }
}
