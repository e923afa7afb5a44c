package autobench.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Number formats shared by the templates. */
public final class Fmt {
    private Fmt() {}

    public static String usd(double v) {
        if (v == 0) return "$0";
        return v < 0.01 ? String.format(Locale.ROOT, "$%.4f", v) : String.format(Locale.ROOT, "$%.2f", v);
    }

    public static String ms(double v) {
        return v >= 10_000
                ? String.format(Locale.ROOT, "%.0f s", v / 1000)
                : v >= 1000 ? String.format(Locale.ROOT, "%.1f s", v / 1000) : String.format(Locale.ROOT, "%.0f ms", v);
    }

    public static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }

    public static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f", v) : "–";
    }

    /** A price per million tokens: "$2.50", "$0.075". */
    public static String perMillion(double v) {
        return v >= 0.1 || v == 0
                ? String.format(Locale.ROOT, "$%.2f", v)
                : "$"
                        + BigDecimal.valueOf(v)
                                .round(new MathContext(2))
                                .stripTrailingZeros()
                                .toPlainString();
    }

    /** A context window: "128,000 tokens". */
    public static String tokens(int n) {
        return String.format(Locale.ROOT, "%,d tokens", n);
    }

    public static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A check's state as a word, for badges: text, not colour alone, carries the meaning. */
    public static String check(Boolean v) {
        return v == null ? "not checked" : v ? "yes" : "no";
    }

    public static String checkClass(Boolean v) {
        return v == null ? "badge" : v ? "badge ok" : "badge no";
    }

    public static String label(String wire) {
        if (wire == null) return "";
        String s = wire.replace('_', ' ');
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** An epoch-millisecond instant as ISO UTC to the second. */
    public static String time(long millis) {
        return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A reveal time for people: the UTC minute (the {@code <time datetime>} beside it carries the exact instant). */
    public static String when(Instant at) {
        return at.atOffset(ZoneOffset.UTC)
                        .toLocalDateTime()
                        .truncatedTo(ChronoUnit.MINUTES)
                        .toString()
                        .replace('T', ' ')
                + " UTC";
    }

    /** A file size in bytes, KiB or MiB. */
    public static String bytes(long n) {
        return n >= 1 << 20
                ? String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0)
                : n >= 1024 ? String.format(Locale.ROOT, "%.1f KiB", n / 1024.0) : n + " B";
    }
}
