package autobench.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a block of code already appears in a page. Compares a few of the block's longest lines,
 * each capped in length, rather than the whole block: the page may be re-indented, and searching
 * for a huge untrusted pattern in a huge untrusted page could take quadratic time.
 */
final class Repeats {
    private Repeats() {}

    private static final int PROBES = 3;
    private static final int MIN_LINE = 12;
    private static final int MAX_LINE = 120;

    static boolean isIn(String code, String page) {
        List<String> lines = new ArrayList<>();
        int pos = 0;
        int n = code.length();
        while (pos < n) {
            int eol = code.indexOf('\n', pos);
            int end = eol < 0 ? n : eol;
            String t = code.substring(pos, end).strip();
            if (t.length() >= MIN_LINE) lines.add(t.length() > MAX_LINE ? t.substring(0, MAX_LINE) : t);
            pos = end + 1;
        }
        if (lines.isEmpty()) return false;
        lines.sort(Comparator.comparingInt(String::length).reversed());
        for (String probe : lines.subList(0, Math.min(PROBES, lines.size()))) {
            if (!page.contains(probe)) return false;
        }
        return true;
    }
}
