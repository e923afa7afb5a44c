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

    private static final String[] SCRIPT_STARTS = {"const ", "let ", "var ", "function ", "function(", "class ",
        "async function", "(function", "(() =>", "(()=>", "'use strict'", "\"use strict\"", "document.", "window."};

    /**
     * Bare JavaScript pasted as text: from the first line that starts like a script to the last that
     * ends like one, kept only if most lines in between look like code (prose around it is dropped).
     */
    static String script(String text) {
        String[] lines = text.split("\n", -1);
        int first = -1;
        for (int i = 0; i < lines.length && first < 0; i++) {
            String t = lines[i].strip();
            for (String start : SCRIPT_STARTS) {
                if (t.startsWith(start)) {
                    first = i;
                    break;
                }
            }
        }
        if (first < 0) return null;
        int last = lines.length - 1;
        while (last >= first && (lines[last].isBlank() || !endsLikeCode(lines[last].strip()))) last--;
        int code = 0;
        int nonBlank = 0;
        for (int i = first; i <= last; i++) {
            String t = lines[i].strip();
            if (t.isEmpty()) continue;
            nonBlank++;
            if (endsLikeCode(t) || t.startsWith("//") || t.startsWith("/*") || t.startsWith("*")) code++;
        }
        if (last < first || nonBlank < 3 || code * 10 < nonBlank * 6) return null;
        String block = String.join("\n", java.util.Arrays.copyOfRange(lines, first, last + 1));
        return Piece.looksLikeScript(Ascii.lower(block)) ? block : null;
    }

    private static boolean endsLikeCode(String t) {
        char c = t.charAt(t.length() - 1);
        return c == ';' || c == '{' || c == '}' || c == ')' || c == ',' || c == '(' || c == '[' || c == ']';
    }

    private static boolean startsLine(String s, int i) {
        int p = i - 1;
        while (p >= 0 && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) p--;
        return p < 0 || s.charAt(p) == '\n';
    }
}
