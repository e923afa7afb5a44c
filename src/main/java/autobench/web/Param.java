package autobench.web;

import autobench.gallery.Standings;
import autobench.task.Category;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The request parameters a route may read whose values are checked before the route answers: a
 * value no handler can use is one 400, the same on every route that reads it, and never reaches the
 * page cache (so invented values cannot fill it). A blank value counts as absent.
 */
enum Param {
    /** A task category's wire name ({@code game}, {@code ui_widget}, …). */
    CATEGORY("category", false),
    /** A pool of votes: {@code real}, {@code demo} or {@code simulated}. */
    POOL("pool", false),
    /** The first day of a window, YYYY-MM-DD. */
    FROM("from", false),
    /** The last day of a window, YYYY-MM-DD; not before {@link #FROM}. */
    TO("to", false),
    /** A day in the path ({@code /api/v1/days/{day}}), YYYY-MM-DD. */
    DAY("day", true),
    /** A page number, 1 or more. */
    PAGE("page", false),
    /** A submission to run on the task page; any value (an unknown one runs nothing). */
    RUN("run", false),
    /** The operator pages' notice after an action; any value (it is escaped, and cut when long). */
    NOTICE("notice", false);

    static final List<String> CATEGORIES =
            Arrays.stream(Category.values()).map(Category::wireName).toList();
    static final List<String> POOLS = List.of(Standings.REAL, Standings.DEMO, Standings.SIMULATED);

    final String wire;
    final boolean inPath;

    Param(String wire, boolean inPath) {
        this.wire = wire;
        this.inPath = inPath;
    }

    /** Why {@code value} cannot be used, or null when it can (or is absent). */
    String problem(String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        return switch (this) {
            case CATEGORY ->
                CATEGORIES.contains(v)
                        ? null
                        : "unknown category '" + clip(v) + "'; one of " + String.join(", ", CATEGORIES);
            case POOL ->
                POOLS.contains(v) ? null : "unknown pool '" + clip(v) + "'; one of " + String.join(", ", POOLS);
            case FROM, TO, DAY ->
                date(v) != null ? null : wire + " '" + clip(v) + "' is not a date; dates are written YYYY-MM-DD";
            case PAGE -> v.matches("[1-9][0-9]{0,8}") ? null : "page '" + clip(v) + "' is not a page number (1, 2 …)";
            case RUN, NOTICE -> null;
        };
    }

    /**
     * The first problem of the parameters {@code reads} names in this request, or null. A window whose
     * first day is after its last is a problem too.
     */
    static String problem(Set<Param> reads, Context ctx) {
        for (Param p : values()) {
            if (!reads.contains(p)) continue;
            String problem = p.problem(p.value(ctx));
            if (problem != null) return problem;
        }
        if (reads.contains(FROM) && reads.contains(TO)) {
            LocalDate from = date(FROM.value(ctx)), to = date(TO.value(ctx));
            if (from != null && to != null && from.isAfter(to))
                return "the window is empty: from " + from + " is after to " + to;
        }
        return null;
    }

    String value(Context ctx) {
        return inPath ? ctx.pathParam(wire) : ctx.queryParam(wire);
    }

    /** The query parameters among {@code reads}, by wire name, in this enum's order. */
    static List<String> inQuery(Collection<Param> reads) {
        return queryParams(reads).stream().map(p -> p.wire).toList();
    }

    /** The query parameters among {@code reads}, in this enum's order. */
    static List<Param> queryParams(Collection<Param> reads) {
        return Arrays.stream(values())
                .filter(p -> reads.contains(p) && !p.inPath)
                .toList();
    }

    /**
     * Whether a decoded, trimmed, non-blank value may be part of a page-cache key: one the route can use,
     * in its one spelling (a date as {@link LocalDate} writes it). A submission to run is any short value
     * here; the task page answers 400 for one that is not among its answers, and a 400 is never kept.
     */
    boolean canonical(String v) {
        if (v.isBlank() || problem(v) != null) return false;
        return switch (this) {
            case FROM, TO, DAY -> date(v).toString().equals(v);
            case CATEGORY, POOL, PAGE, NOTICE -> true;
            case RUN -> v.length() <= 64;
        };
    }

    private static LocalDate date(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A bad value is echoed in the message, never at length. */
    private static String clip(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }
}
