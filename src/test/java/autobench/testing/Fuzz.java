package autobench.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Seeded generators of hostile text for the property tests. Every case is derived from one seed, so
 * a failing case is reproduced by its seed alone (the assertion messages print it). The number of
 * seeds per property is {@code -Dfuzz.cases=N} (default per test), so a longer run is one flag, and
 * {@code -Dfuzz.seed=S} runs that one seed.
 */
public final class Fuzz {
    private Fuzz() {}

    /**
     * Seeds 1..n, where n is {@code -Dfuzz.cases} if set, else {@code defaultCases}; only the one seed
     * {@code -Dfuzz.seed=S} if that is set (to replay a failure).
     */
    public static LongStream seeds(int defaultCases) {
        Long one = Long.getLong("fuzz.seed");
        return one != null ? LongStream.of(one) : LongStream.rangeClosed(1, Long.getLong("fuzz.cases", defaultCases));
    }

    /** Pieces that steer the scanners: fences, reasoning tags, page structure, script edges. */
    public static final List<String> MARKUP = List.of(
            "```",
            "```html",
            "```HTML index.html",
            "````",
            "~~~",
            "~~~js",
            "```js",
            "```javascript",
            "```css",
            "```python",
            "```{.html}",
            "``` ",
            "`",
            "``",
            "<think>",
            "</think>",
            "<thinking>",
            "</thinking>",
            "<reasoning>",
            "</reason",
            "<!DOCTYPE html>",
            "<!doctype html>",
            "<html>",
            "</html>",
            "<head>",
            "</head>",
            "<body>",
            "</body>",
            "<script>",
            "</script>",
            "<script src=\"app.js\">",
            "<script src=",
            "<style>",
            "</style>",
            "<link rel=stylesheet href=style.css>",
            "<canvas id=c>",
            "<div>",
            "</div>",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "<",
            ">",
            "</",
            "/>",
            "\"",
            "'",
            "\\",
            "const x = 1;",
            "function f() {",
            "}",
            "{",
            "def main():",
            "import numpy",
            "print('x')",
            "document.body",
            "<svg>",
            "<iframe src=javascript:alert(1)>",
            "&lt;",
            "&#0;",
            "\n",
            "\r\n",
            "\r",
            "\t",
            "    ",
            "\u0000",
            "\uFEFF",
            "\u2028",
            "\uD800",
            "\uDFFF",
            "\uD83D\uDE00",
            "\uFFFD",
            "<\u0000script>");

    /** A random mix of markup pieces, random characters and decoded random bytes, of about {@code length} chars. */
    public static String text(SplittableRandom r, int length) {
        StringBuilder sb = new StringBuilder(length + 64);
        while (sb.length() < length) {
            switch (r.nextInt(10)) {
                case 0, 1, 2, 3 -> sb.append(MARKUP.get(r.nextInt(MARKUP.size())));
                case 4 -> sb.append('\n');
                case 5 -> sb.append(ascii(r, 1 + r.nextInt(40)));
                case 6 -> sb.append((char) r.nextInt(0x10000)); // any UTF-16 unit, lone surrogates included
                case 7 -> sb.append(utf8(r, 1 + r.nextInt(16)));
                case 8 -> sb.append(MARKUP.get(r.nextInt(MARKUP.size())).repeat(1 + r.nextInt(50)));
                default -> sb.append(' ');
            }
        }
        return sb.toString();
    }

    /** Printable ASCII. */
    public static String ascii(SplittableRandom r, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append((char) (32 + r.nextInt(95)));
        return sb.toString();
    }

    /** Random bytes decoded as the JDK's HTTP client decodes a body: UTF-8, malformed input replaced. */
    public static String utf8(SplittableRandom r, int bytes) {
        return new String(bytes(r, bytes), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** Fewer than {@code most} pieces drawn from {@code from} (repeats allowed), joined: text made of a scanner's tokens. */
    public static String pieces(SplittableRandom r, List<String> from, int most) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(most);
        for (int i = 0; i < n; i++) b.append(pick(r, from));
        return b.toString();
    }

    public static <T> T pick(SplittableRandom r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    /** A number that does not fit where a number is expected: huge, negative, fractional, exponent, NaN-like. */
    public static String giantNumber(SplittableRandom r) {
        return pick(
                r,
                List.of(
                        "9".repeat(1 + r.nextInt(400)),
                        "-" + "9".repeat(1 + r.nextInt(40)),
                        "1e" + r.nextInt(100_000),
                        "-1e309",
                        "1e-400",
                        "9223372036854775808",
                        "-9223372036854775809",
                        "2147483648",
                        "0.5",
                        "-0",
                        "1" + "0".repeat(2000),
                        "123456789012345678901234567890.5e30",
                        "-1"));
    }

    /** The message every property assertion carries, so the failing case can be replayed. */
    public static String seed(String property, long seed) {
        return property + " (replay with seed " + seed + ")";
    }
}
