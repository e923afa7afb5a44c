package autobench.rating.io;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.testing.Fuzz;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: a votes file of any bytes is either read (every vote valid) or refused with a
 * {@link MalformedVoteException} naming a line of the file; no other exception escapes. Files are
 * valid votes with some lines broken: truncated, wrong types, giant numbers, deep nesting, random
 * bytes, invalid UTF-8, NUL bytes, with or without a byte order mark and CRLF line ends.
 */
class VoteFileFuzzTest {

    static LongStream seeds() {
        return Fuzz.seeds(3000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void any_votes_file_is_read_or_refused_with_its_line(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] file = file(r);
        long lines = 1; // as the parser counts them: LF, CRLF and a lone CR each end a line
        for (int i = 0; i < file.length; i++) {
            if (file[i] == '\n' || file[i] == '\r' && (i + 1 == file.length || file[i + 1] != '\n')) lines++;
        }
        String why = Fuzz.seed("votes file of " + file.length + " bytes, " + lines + " lines", seed);
        try {
            long votes = VoteFile.forEach(new ByteArrayInputStream(file), v -> {});
            assertThat(votes).as(why).isBetween(0L, lines);
        } catch (MalformedVoteException e) {
            assertThat(e.line()).as(why + ": " + e.getMessage()).isBetween(1L, lines);
            assertThat(e.getMessage()).as(why).startsWith("line " + e.line() + ": ");
        } catch (Exception | StackOverflowError e) {
            throw new AssertionError(Fuzz.seed("reading threw " + e, seed), e);
        }
    }

    static byte[] file(SplittableRandom r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (r.nextInt(5) == 0) out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        String eol = r.nextBoolean() ? "\n" : "\r\n";
        int n = r.nextInt(30);
        for (int i = 0; i < n; i++) {
            out.writeBytes(line(r));
            out.writeBytes(eol.getBytes(StandardCharsets.UTF_8));
        }
        if (r.nextInt(4) == 0) out.writeBytes(line(r)); // a last line without its end
        byte[] b = out.toByteArray();
        if (r.nextInt(6) == 0 && b.length > 0) { // cut anywhere, even inside a UTF-8 sequence
            byte[] cut = new byte[r.nextInt(b.length)];
            System.arraycopy(b, 0, cut, 0, cut.length);
            return cut;
        }
        return b;
    }

    private static byte[] line(SplittableRandom r) {
        if (r.nextInt(3) != 0) return vote(r, false).getBytes(StandardCharsets.UTF_8);
        return switch (r.nextInt(8)) {
            case 0 -> Fuzz.bytes(r, r.nextInt(60));
            case 1 -> Fuzz.text(r, r.nextInt(100)).getBytes(StandardCharsets.UTF_8);
            case 2 -> { // a vote cut short
                String v = vote(r, true);
                yield v.substring(0, r.nextInt(v.length())).getBytes(StandardCharsets.UTF_8);
            }
            case 3 ->
                ("{\"left\":\"a\",\"right\":\"b\",\"winner\":\"left\",\"x\":" + "[".repeat(r.nextInt(3000)) + "}")
                        .getBytes(StandardCharsets.UTF_8);
            case 4 -> r.nextBoolean() ? new byte[] {0} : new byte[] {0, 0, 0, '{'}; // at the start, UTF-32 detection
            case 5 -> new byte[] {(byte) 0xC3, '{', (byte) 0xFF, (byte) 0xFE, 0, 0};
            case 6 ->
                ("{\"left\":\"" + "a".repeat(r.nextInt(200_000)) + "\",\"right\":\"b\",\"winner\":\"tie\"}")
                        .getBytes(StandardCharsets.UTF_8);
            default -> vote(r, true).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static final List<String> FIELDS = List.of("left", "right", "winner", "category", "date", "id", "extra");

    /** A vote line; {@code hostile}: its values may be of any type and its fields repeated or missing. */
    private static String vote(SplittableRandom r, boolean hostile) {
        if (!hostile) {
            String date =
                    r.nextBoolean() ? ",\"date\":\"2025-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10) + "\"" : "";
            return "{\"left\":\"m" + r.nextInt(5) + "\",\"right\":\"n" + r.nextInt(5) + "\",\"winner\":\""
                    + Fuzz.pick(r, List.of("left", "right", "tie", "both_bad")) + "\"" + date + "}";
        }
        StringBuilder sb = new StringBuilder("{");
        int fields = r.nextInt(8);
        for (int i = 0; i < fields; i++) {
            if (i > 0) sb.append(',');
            sb.append('"').append(Fuzz.pick(r, FIELDS)).append("\":").append(value(r));
        }
        return sb.append('}').toString();
    }

    private static String value(SplittableRandom r) {
        return switch (r.nextInt(9)) {
            case 0 -> Fuzz.giantNumber(r);
            case 1 -> "null";
            case 2 -> r.nextBoolean() ? "true" : "false";
            case 3 -> "[1,{\"a\":[null]}]";
            case 4 -> "{\"x\":" + Fuzz.giantNumber(r) + "}";
            case 5 ->
                "\""
                        + Fuzz.pick(
                                r,
                                List.of(
                                        "2025-02-30",
                                        "99999-01-01",
                                        "2025-13-01",
                                        "0000-00-00",
                                        "-202-01-01",
                                        "2025-1-1"))
                        + "\"";
            case 6 -> "\"\\u0000\\ud800\"";
            case 7 -> "\"" + Fuzz.pick(r, List.of("left", "right", "tie", "both_bad", "LEFT", "", " ")) + "\"";
            default -> "\"" + Fuzz.ascii(r, r.nextInt(10)).replace("\\", "").replace("\"", "") + "\"";
        };
    }
}
