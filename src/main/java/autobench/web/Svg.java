package autobench.web;

import autobench.gallery.HistoryPoint;
import autobench.rating.DayRatings;
import autobench.rating.HeadToHead;
import autobench.rating.Leaderboard;
import autobench.rating.LeaderboardRow;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Server-rendered charts: plain SVG strings with every text escaped, so pages need no chart
 * script. Each chart has a title and description for screen readers; the tables next to them
 * carry the same numbers.
 *
 * <p>Readable on a phone: an SVG scales its text with its width, so a chart laid out for 720 units
 * shows 12-unit labels at 6 px on a 375 px screen. A chart that must fit the column is therefore
 * drawn twice, laid out for {@link #WIDE} and for {@link #NARROW} units with larger type (names
 * above their line instead of beside it), and the stylesheet shows one of them by the screen's
 * width (site.css, "boards"). The head-to-head matrix is drawn once at its natural size (one unit
 * one pixel) and scrolls inside its own box when a board has too many models for the screen.
 */
final class Svg {
    static final int WIDE = 720;
    static final int NARROW = 340;

    /** Dark enough for 3:1 against white (lines are graphics); past ten models the dashes tell them apart. */
    private static final String[] COLOURS = {
        "#1d4ed8", "#b45309", "#047857", "#be185d", "#6d28d9", "#0e7490", "#4d7c0f", "#b91c1c", "#374151", "#a16207"
    };

    private static final String[] DASHES = {"", "6 3", "2 3"};

    private Svg() {}

    /** Type and spacing of one of the two layouts. */
    private record Layout(int width, double tick, double name, boolean narrow) {
        static final Layout W = new Layout(WIDE, 12, 13, false);
        static final Layout N = new Layout(NARROW, 13, 14, true);

        String cls() {
            return narrow ? "narrow" : "wide";
        }

        /** Room the axis labels need: about one label per 70 units at most. */
        int maxTicks() {
            return narrow ? 5 : 9;
        }
    }

    /** One row per model: the rating as a dot, the interval as a whisker. */
    static String ratings(List<LeaderboardRow> rows, String label) {
        if (rows.isEmpty()) return "";
        return ratings(rows, label, Layout.W) + ratings(rows, label, Layout.N);
    }

    private static String ratings(List<LeaderboardRow> rows, String label, Layout l) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (LeaderboardRow r : rows) {
            lo = Math.min(lo, finite(r.ciLow(), r.rating()));
            hi = Math.max(hi, finite(r.ciHigh(), r.rating()));
        }
        double[] range = padded(lo, hi);
        lo = range[0];
        hi = range[1];
        int longest = rows.stream().mapToInt(r -> r.model().length()).max().orElse(8);
        // Wide: names in a column on the left. Narrow: each name above its whisker, the plot full width.
        int left = l.narrow() ? 8 : (int) Math.min(260, Math.max(90, textWidth(longest, l.name()) + 16));
        int right = l.width() - 16;
        int rowH = l.narrow() ? 46 : 30, top = 8;
        int height = top + rows.size() * rowH + 30;
        String id = label + "-" + l.cls();
        StringBuilder s = open(
                l,
                height,
                id,
                "Ratings with 95% intervals",
                "Bradley–Terry rating of each model as a dot, its 95% bootstrap interval as a line;"
                        + " a hollow dot marks a provisional model (too few votes).");
        double flo = lo, fhi = hi;
        DoubleUnaryOperator x = v -> left + (v - flo) / (fhi - flo) * (right - left);
        for (int tick : ticks(lo, hi, l.maxTicks())) {
            double tx = x.applyAsDouble(tick);
            s.append(fmt(
                    "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", tx, top, tx, height - 24));
            s.append(fmt(
                    "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"%s\">%d</text>",
                    tx, height - 8, num(l.tick()), tick));
        }
        for (int i = 0; i < rows.size(); i++) {
            LeaderboardRow r = rows.get(i);
            double y = top + i * rowH + (l.narrow() ? rowH - 12 : rowH / 2.0);
            double cx = x.applyAsDouble(r.rating());
            double x1 = x.applyAsDouble(finite(r.ciLow(), r.rating()));
            double x2 = x.applyAsDouble(finite(r.ciHigh(), r.rating()));
            if (l.narrow()) {
                s.append(fmt(
                        "<text class=\"name\" x=\"%d\" y=\"%.1f\" font-size=\"%s\">%s</text>",
                        left, y - 14, num(l.name()), esc(r.model())));
            } else {
                s.append(fmt(
                        "<text class=\"name\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"%s\">%s</text>",
                        left - 8, y + 4, num(l.name()), esc(r.model())));
            }
            s.append(fmt("<line class=\"whisker\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x1, y, x2, y));
            s.append(fmt(
                    "<line class=\"whisker\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x1, y - 5, x1, y + 5));
            s.append(fmt(
                    "<line class=\"whisker\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x2, y - 5, x2, y + 5));
            s.append(fmt(
                    "<circle class=\"dot%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\">"
                            + "<title>%s: %.0f (%.0f–%.0f)</title></circle>",
                    r.provisional() ? " provisional" : "",
                    cx,
                    y,
                    esc(r.model()),
                    r.rating(),
                    finite(r.ciLow(), r.rating()),
                    finite(r.ciHigh(), r.rating())));
        }
        return s.append("</svg>").toString();
    }

    /**
     * The head-to-head matrix: row model against column model, the share of their battles won
     * outright that the row model won (ties and both-bad say nothing about which is better; the
     * counts are in each cell's tooltip). Models in board order, numbered; columns carry the numbers.
     */
    static String matrix(Leaderboard board, String label) {
        List<LeaderboardRow> rows = board.rows();
        if (rows.size() < 2) return "";
        Map<String, HeadToHead> cells = new HashMap<>();
        for (HeadToHead h : board.pairs()) cells.put(h.a() + "\n" + h.b(), h);
        int n = rows.size(),
                longest = rows.stream().mapToInt(r -> r.model().length()).max().orElse(8);
        double font = 13;
        int cell = 44, head = 26, left = (int) Math.min(240, textWidth(longest + 4, font) + 12);
        int width = left + n * cell + 4, height = head + n * cell + 4;
        String id = label + "-matrix";
        StringBuilder s = new StringBuilder(fmt(
                "<svg class=\"matrix\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\""
                        + " aria-labelledby=\"%s-t %s-d\" xmlns=\"http://www.w3.org/2000/svg\">",
                width, height, width, height, id, id));
        s.append("<title id=\"").append(id).append("-t\">Head to head</title>");
        s.append("<desc id=\"").append(id).append("-d\">");
        StringBuilder desc = new StringBuilder();
        for (int i = 0; i < n; i++) {
            desc.append(i == 0 ? "" : " ")
                    .append(i + 1)
                    .append(" is ")
                    .append(rows.get(i).model())
                    .append('.');
        }
        desc.append(
                " Each cell: the share of the battles won outright that the row model won against the column model.");
        s.append(esc(desc.toString())).append("</desc>");
        for (int j = 0; j < n; j++) {
            s.append(fmt(
                    "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"%s\">%d</text>",
                    left + j * cell + cell / 2.0, head - 8, num(font), j + 1));
        }
        for (int i = 0; i < n; i++) {
            String a = rows.get(i).model();
            double y = head + i * cell;
            s.append(fmt(
                    "<text class=\"name\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"%s\">%d %s</text>",
                    left - 8, y + cell / 2.0 + 4.5, num(font), i + 1, esc(a)));
            for (int j = 0; j < n; j++) {
                String b = rows.get(j).model();
                double x = left + j * cell;
                String fill, text, tip;
                if (i == j) {
                    fill = "#e5e7eb";
                    text = "";
                    tip = a;
                } else {
                    HeadToHead h = cell(cells, a, b);
                    double share = h.aWinShare();
                    fill = Double.isNaN(share) ? "#ffffff" : heat(share);
                    text = h.battles() == 0 ? "·" : Double.isNaN(share) ? "tie" : Math.round(share * 100) + "%";
                    tip = fmt(
                            "%s against %s: %d won, %d lost, %d tied, %d both bad",
                            a, b, h.aWins(), h.bWins(), h.ties(), h.bothBad());
                }
                s.append(fmt(
                        "<g><title>%s</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"%s\""
                                + " stroke=\"#ffffff\"/>",
                        esc(tip), x, y, cell, cell, fill));
                if (!text.isEmpty()) {
                    s.append(fmt(
                            "<text class=\"cell\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"%s\">%s</text>",
                            x + cell / 2.0, y + cell / 2.0 + 4.5, num(font), text));
                }
                s.append("</g>");
            }
        }
        return s.append("</svg>").toString();
    }

    /** Every model's rating at the end of each day with votes, one line each, in board order. */
    static String overTime(List<DayRatings> days, List<LeaderboardRow> rows, String label) {
        if (days.isEmpty() || rows.isEmpty()) return "";
        return overTime(days, rows, label, Layout.W) + overTime(days, rows, label, Layout.N);
    }

    private static String overTime(List<DayRatings> days, List<LeaderboardRow> rows, String label, Layout l) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (DayRatings d : days)
            for (double v : d.ratings().values()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        double[] range = padded(lo, hi);
        lo = range[0];
        hi = range[1];
        int left = l.narrow() ? 44 : 50, right = l.width() - 14, top = 10, plotH = l.narrow() ? 200 : 240;
        int longest = rows.stream().mapToInt(r -> r.model().length()).max().orElse(8);
        int colW = (int) Math.max(150, textWidth(longest, l.name()) + 34);
        int columns = Math.max(1, (l.width() - 8) / colW);
        int legendRows = (rows.size() + columns - 1) / columns;
        int axis = top + plotH, height = axis + 30 + legendRows * 22 + 6;
        String id = label + "-time-" + l.cls();
        StringBuilder s = open(
                l,
                height,
                id,
                "Ratings over time",
                "Each model's Bradley–Terry rating at the end of every day with votes, from the votes on tasks"
                        + " of that day and before; one line per model, named in the legend below the plot.");
        LocalDate first = days.get(0).day(), last = days.getLast().day();
        long span = Math.max(1, ChronoUnit.DAYS.between(first, last));
        double flo = lo, fhi = hi;
        DoubleUnaryOperator y = v -> top + (fhi - v) / (fhi - flo) * plotH;
        ToDoubleFunction<LocalDate> x = d -> days.size() == 1
                ? (left + right) / 2.0
                : left + ChronoUnit.DAYS.between(first, d) / (double) span * (right - left);
        for (int tick : ticks(lo, hi, l.narrow() ? 5 : 7)) {
            double ty = y.applyAsDouble(tick);
            s.append(fmt("<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", left, ty, right, ty));
            s.append(fmt(
                    "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"%s\">%d</text>",
                    left - 5, ty + 4, num(l.tick()), tick));
        }
        s.append(fmt(
                "<text class=\"tick\" x=\"%d\" y=\"%d\" font-size=\"%s\">%s</text>",
                left, axis + 18, num(l.tick()), first));
        if (days.size() > 1)
            s.append(fmt(
                    "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"%s\">%s</text>",
                    right, axis + 18, num(l.tick()), last));
        boolean dots = days.size() <= 60;
        for (int m = 0; m < rows.size(); m++) {
            String model = rows.get(m).model();
            String colour = COLOURS[m % COLOURS.length], dash = DASHES[(m / COLOURS.length) % DASHES.length];
            StringBuilder path = new StringBuilder(), points = new StringBuilder();
            for (DayRatings d : days) {
                Double v = d.ratings().get(model);
                if (v == null) continue;
                double px = x.applyAsDouble(d.day()), py = y.applyAsDouble(v);
                path.append(path.isEmpty() ? "M" : "L").append(fmt("%.1f %.1f", px, py));
                if (dots || d == days.getLast())
                    points.append(fmt(
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s on %s: %.0f</title></circle>",
                            px, py, colour, esc(model), d.day(), v));
            }
            s.append("<g><title>").append(esc(model)).append("</title>");
            s.append(fmt(
                    "<path class=\"series\" d=\"%s\" stroke=\"%s\"%s/>",
                    path, colour, dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\""));
            s.append(points).append("</g>");
            double lx = 8 + (m % columns) * colW, ly = axis + 30 + (m / columns) * 22 + 12;
            s.append(fmt(
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"%s/>",
                    lx, ly - 4, lx + 22, ly - 4, colour, dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\""));
            s.append(fmt(
                    "<text class=\"name\" x=\"%.1f\" y=\"%.1f\" font-size=\"%s\">%s</text>",
                    lx + 28, ly, num(l.name()), esc(model)));
        }
        return s.append("</svg>").toString();
    }

    /** A model's rating over days, with its interval as a band. */
    static String history(List<HistoryPoint> points) {
        if (points.isEmpty()) return "";
        return history(points, Layout.W) + history(points, Layout.N);
    }

    private static String history(List<HistoryPoint> points, Layout l) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (HistoryPoint p : points) {
            lo = Math.min(lo, p.ciLow() == null ? p.rating() : p.ciLow());
            hi = Math.max(hi, p.ciHigh() == null ? p.rating() : p.ciHigh());
        }
        double[] range = padded(lo, hi);
        lo = range[0];
        hi = range[1];
        int width = l.width(), height = l.narrow() ? 230 : 250, left = l.narrow() ? 44 : 50, top = 10;
        int plotW = width - left - 14, plotH = height - top - 40;
        int n = points.size();
        double flo = lo, fhi = hi;
        DoubleUnaryOperator y = v -> top + (fhi - v) / (fhi - flo) * plotH;
        StringBuilder line = new StringBuilder(), upper = new StringBuilder(), lower = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < n; i++) {
            HistoryPoint p = points.get(i);
            double x = left + (n == 1 ? plotW / 2.0 : i * plotW / (double) (n - 1));
            line.append(i == 0 ? "M" : "L").append(fmt("%.1f %.1f", x, y.applyAsDouble(p.rating())));
            upper.append(i == 0 ? "M" : "L")
                    .append(fmt("%.1f %.1f", x, y.applyAsDouble(p.ciHigh() == null ? p.rating() : p.ciHigh())));
            lower.insert(0, fmt("L%.1f %.1f", x, y.applyAsDouble(p.ciLow() == null ? p.rating() : p.ciLow())));
            dots.append(fmt(
                    "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\"><title>%s: %.0f</title></circle>",
                    x, y.applyAsDouble(p.rating()), p.day(), p.rating()));
        }
        StringBuilder s = open(
                l,
                height,
                "h-" + l.cls(),
                "Rating history",
                "Bradley–Terry rating at the end of each day, with its 95% interval as a band.");
        for (int tick : ticks(lo, hi, l.narrow() ? 5 : 7)) {
            double ty = y.applyAsDouble(tick);
            s.append(fmt(
                    "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", left, ty, left + plotW, ty));
            s.append(fmt(
                    "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"%s\">%d</text>",
                    left - 5, ty + 4, num(l.tick()), tick));
        }
        s.append("<path class=\"band\" d=\"").append(upper).append(lower).append("Z\"/>");
        s.append("<path class=\"line\" d=\"").append(line).append("\"/>").append(dots);
        s.append(fmt(
                "<text class=\"tick\" x=\"%d\" y=\"%d\" font-size=\"%s\">%s</text>",
                left, height - 10, num(l.tick()), points.get(0).day()));
        if (n > 1)
            s.append(fmt(
                    "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"%s\">%s</text>",
                    left + plotW, height - 10, num(l.tick()), points.get(n - 1).day()));
        return s.append("</svg>").toString();
    }

    private static StringBuilder open(Layout l, int height, String id, String title, String desc) {
        StringBuilder s = new StringBuilder(fmt(
                "<svg class=\"chart %s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\""
                        + " aria-labelledby=\"%s-t %s-d\" xmlns=\"http://www.w3.org/2000/svg\">",
                l.cls(), l.width(), height, l.width(), height, id, id));
        s.append("<title id=\"").append(id).append("-t\">").append(esc(title)).append("</title>");
        s.append("<desc id=\"").append(id).append("-d\">").append(esc(desc)).append("</desc>");
        return s;
    }

    private static HeadToHead cell(Map<String, HeadToHead> cells, String a, String b) {
        HeadToHead h = a.compareTo(b) < 0 ? cells.get(a + "\n" + b) : cells.get(b + "\n" + a);
        return h == null ? new HeadToHead(a, b, 0, 0, 0, 0) : h.from(a);
    }

    /** Pale red (0 %) through grey (50 %) to pale blue (100 %): dark text stays above 10:1 on every cell. */
    static String heat(double share) {
        int[] red = {0xfe, 0xca, 0xca}, mid = {0xf3, 0xf4, 0xf6}, blue = {0xbf, 0xdb, 0xfe};
        int[] from = share < 0.5 ? red : mid, to = share < 0.5 ? mid : blue;
        double t = share < 0.5 ? share * 2 : (share - 0.5) * 2;
        StringBuilder c = new StringBuilder("#");
        for (int k = 0; k < 3; k++)
            c.append(String.format(Locale.ROOT, "%02x", (int) Math.round(from[k] + (to[k] - from[k]) * t)));
        return c.toString();
    }

    /** The range widened to at least 20 points and padded by 5% each side, so dots never sit on the edge. */
    private static double[] padded(double lo, double hi) {
        if (hi - lo < 20) {
            lo -= 10;
            hi += 10;
        }
        double pad = (hi - lo) * 0.05;
        return new double[] {lo - pad, hi + pad};
    }

    /** Round ticks inside [lo, hi], at most {@code max} of them. */
    static int[] ticks(double lo, double hi, int max) {
        double span = hi - lo;
        int step = 10;
        for (int s : new int[] {10, 20, 50, 100, 200, 500, 1000, 2000, 5000}) {
            step = s;
            if (span / s < max) break;
        }
        int first = (int) Math.ceil(lo / step) * step;
        int count = Math.max(0, (int) Math.floor((hi - first) / step) + 1);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = first + i * step;
        return out;
    }

    /** A safe over-estimate of a system-ui label's width: 0.62 em per character. */
    private static double textWidth(int chars, double font) {
        return chars * font * 0.62;
    }

    private static double finite(double v, double fallback) {
        return Double.isFinite(v) ? v : fallback;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
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
