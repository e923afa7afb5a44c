package autobench.rating.io;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Strict YYYY-MM-DD parsing, faster than the general formatter, and remembering the last day seen
 * because consecutive votes in an export mostly share a day.
 */
final class Days {
    private String lastText;
    private LocalDate lastDay;

    LocalDate parse(String s, long line) throws MalformedVoteException {
        if (s.equals(lastText)) return lastDay;
        LocalDate day = strict(s);
        if (day == null) throw new MalformedVoteException(line, "date '" + s + "' is not a YYYY-MM-DD day");
        lastText = s;
        lastDay = day;
        return day;
    }

    private static LocalDate strict(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') return null;
        int year = digits(s, 0, 4), month = digits(s, 5, 7), day = digits(s, 8, 10);
        if (year < 0 || month < 0 || day < 0) return null;
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null; // e.g. 2025-02-30
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
