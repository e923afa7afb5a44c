package autobench.web;

import autobench.gallery.HistoryPoint;
import autobench.rating.LeaderboardRow;
import java.util.List;
import java.util.Locale;

/**
 * Server-rendered charts: plain SVG strings with every text escaped, so pages need no chart
 * script. Each chart has a title and description for screen readers; the tables next to them
 * carry the same numbers.
 */
final class Svg {
    private Svg() {}

    /** One row per model: the rating as a dot, the interval as a whisker. */
    static String ratings(List<LeaderboardRow> rows, String label) {
        if (rows.isEmpty()) return "";
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (LeaderboardRow r : rows) {
            lo = Math.min(lo, finite(r.ciLow(), r.rating()));
            hi = Math.max(hi, finite(r.ciHigh(), r.rating()));
        }
        if (hi - lo < 20) {
            lo -= 10;
            hi += 10;
        }
        double pad = (hi - lo) * 0.05;
        lo -= pad;
        hi += pad;
        int rowH = 28, left = 150, width = 640, plot = width - left - 20, height = rows.size() * rowH + 40;
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-t %s-d\" xmlns=\"http://www.w3.org/2000/svg\">",
                width,
                height,
                label,
                label));
        s.append("<title id=\"").append(label).append("-t\">Ratings with 95% intervals</title>");
        s.append("<desc id=\"")
                .append(label)
                .append(
                        "-d\">Bradley–Terry rating of each model as a dot, its 95% bootstrap interval as a line.</desc>");
        for (int tick : ticks(lo, hi)) {
            double x = left + (tick - lo) / (hi - lo) * plot;
            s.append(String.format(
                    Locale.ROOT,
                    "<line class=\"grid\" x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%d\"/>",
                    x,
                    x,
                    height - 24));
            s.append(String.format(
                    Locale.ROOT,
                    "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>",
                    x,
                    height - 8,
                    tick));
        }
        for (int i = 0; i < rows.size(); i++) {
            LeaderboardRow r = rows.get(i);
            double y = 10 + i * rowH + rowH / 2.0;
            double x = left + (r.rating() - lo) / (hi - lo) * plot;
            double x1 = left + (finite(r.ciLow(), r.rating()) - lo) / (hi - lo) * plot;
            double x2 = left + (finite(r.ciHigh(), r.rating()) - lo) / (hi - lo) * plot;
            s.append(String.format(
                    Locale.ROOT,
                    "<text class=\"name\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    left - 8,
                    y + 4,
                    esc(r.model())));
            s.append(String.format(
                    Locale.ROOT,
                    "<line class=\"whisker\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                    x1,
                    y,
                    x2,
                    y));
            s.append(String.format(
                    Locale.ROOT,
                    "<line class=\"whisker\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                    x1,
                    y - 5,
                    x1,
                    y + 5));
            s.append(String.format(
                    Locale.ROOT,
                    "<line class=\"whisker\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                    x2,
                    y - 5,
                    x2,
                    y + 5));
            s.append(String.format(
                    Locale.ROOT,
                    "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\"><title>%s: %.0f (%.0f–%.0f)</title></circle>",
                    x,
                    y,
                    esc(r.model()),
                    r.rating(),
                    finite(r.ciLow(), r.rating()),
                    finite(r.ciHigh(), r.rating())));
        }
        return s.append("</svg>").toString();
    }

    /** A model's rating over days, with its interval as a band. */
    static String history(List<HistoryPoint> points) {
        if (points.isEmpty()) return "";
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (HistoryPoint p : points) {
            lo = Math.min(lo, p.ciLow() == null ? p.rating() : p.ciLow());
            hi = Math.max(hi, p.ciHigh() == null ? p.rating() : p.ciHigh());
        }
        if (hi - lo < 20) {
            lo -= 10;
            hi += 10;
        }
        int width = 640, height = 240, left = 50, top = 10, plotW = width - left - 20, plotH = height - top - 40;
        int n = points.size();
        StringBuilder line = new StringBuilder(), upper = new StringBuilder(), lower = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < n; i++) {
            HistoryPoint p = points.get(i);
            double x = left + (n == 1 ? plotW / 2.0 : i * plotW / (double) (n - 1));
            double finalLo = lo, finalHi = hi;
            java.util.function.DoubleUnaryOperator y = v -> top + (finalHi - v) / (finalHi - finalLo) * plotH;
            line.append(i == 0 ? "M" : "L")
                    .append(String.format(Locale.ROOT, "%.1f %.1f", x, y.applyAsDouble(p.rating())));
            upper.append(i == 0 ? "M" : "L")
                    .append(String.format(
                            Locale.ROOT,
                            "%.1f %.1f",
                            x,
                            y.applyAsDouble(p.ciHigh() == null ? p.rating() : p.ciHigh())));
            lower.insert(
                    0,
                    String.format(
                            Locale.ROOT, "L%.1f %.1f", x, y.applyAsDouble(p.ciLow() == null ? p.rating() : p.ciLow())));
            dots.append(String.format(
                    Locale.ROOT,
                    "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\"><title>%s: %.0f</title></circle>",
                    x,
                    y.applyAsDouble(p.rating()),
                    p.day(),
                    p.rating()));
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"h-t h-d\" xmlns=\"http://www.w3.org/2000/svg\">",
                width,
                height));
        s.append(
                "<title id=\"h-t\">Rating history</title><desc id=\"h-d\">Bradley–Terry rating at the end of each day, with its 95% interval as a band.</desc>");
        for (int tick : ticks(lo, hi)) {
            double y = top + (hi - tick) / (hi - lo) * plotH;
            s.append(String.format(
                    Locale.ROOT,
                    "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
                    left,
                    y,
                    width - 20,
                    y));
            s.append(String.format(
                    Locale.ROOT,
                    "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>",
                    left - 6,
                    y + 4,
                    tick));
        }
        s.append("<path class=\"band\" d=\"").append(upper).append(lower).append("Z\"/>");
        s.append("<path class=\"line\" d=\"").append(line).append("\"/>").append(dots);
        s.append(String.format(
                Locale.ROOT,
                "<text class=\"tick\" x=\"%d\" y=\"%d\">%s</text>",
                left,
                height - 10,
                points.get(0).day()));
        if (n > 1)
            s.append(String.format(
                    Locale.ROOT,
                    "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                    width - 20,
                    height - 10,
                    points.get(n - 1).day()));
        return s.append("</svg>").toString();
    }

    private static int[] ticks(double lo, double hi) {
        double span = hi - lo;
        int step = span > 400 ? 100 : span > 200 ? 50 : span > 80 ? 20 : 10;
        int first = (int) Math.ceil(lo / step) * step;
        int count = Math.max(0, (int) Math.floor((hi - first) / step) + 1);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = first + i * step;
        return out;
    }

    private static double finite(double v, double fallback) {
        return Double.isFinite(v) ? v : fallback;
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
