package autobench.extract;

import java.util.List;

/**
 * Bare scripts usually draw on a canvas the model assumed the page has. Without one the script
 * throws at its first line, so the wrapper adds the canvas the script looks up (by its id).
 */
final class Canvas {
    private Canvas() {}

    /** The canvas element the scripts need but nobody creates, or {@code null}. */
    static String missingFor(List<String> scripts) {
        String all = Ascii.lower(String.join("\n", scripts));
        if (!all.contains("getcontext(")) return null;
        if (all.contains("createelement('canvas')")
                || all.contains("createelement(\"canvas\")")
                || all.contains("createelement(`canvas`)")
                || all.contains("createcanvas(")) {
            return null;
        }
        String id = firstId(String.join("\n", scripts), all);
        return id == null ? "<canvas></canvas>" : "<canvas id=\"" + id + "\"></canvas>";
    }

    /** The id of the first element looked up by {@code getElementById('…')} or {@code querySelector('#…')}. */
    private static String firstId(String code, String lower) {
        String id = quoted(code, lower, "getelementbyid(", "");
        return id != null ? id : quoted(code, lower, "queryselector(", "#");
    }

    private static String quoted(String code, String lower, String call, String prefix) {
        int i = lower.indexOf(call);
        if (i < 0) return null;
        int q = i + call.length();
        if (q >= code.length()) return null;
        char quote = code.charAt(q);
        if (quote != '\'' && quote != '"' && quote != '`' || !code.startsWith(prefix, q + 1)) return null;
        int start = q + 1 + prefix.length();
        int end = code.indexOf(quote, start);
        if (end <= start || end - start > 64) return null;
        String id = code.substring(start, end);
        for (int k = 0; k < id.length(); k++) {
            char c = id.charAt(k);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) return null;
        }
        return id;
    }
}
