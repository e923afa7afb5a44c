package autobench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A closed vocabulary with one spelling outside the JVM: the name stored in the database, written
 * in the config and the exports, and sent in forms and URLs. Every such enum implements this, so
 * the spelling is always {@link #wireName()} and every value read back goes through one parser
 * that fails the same way, naming the values it would have accepted.
 *
 * <p>This type lives in the root package and depends on nothing of ours, so every capability
 * (even the pure {@code rating} maths) may use it without tying itself to another.
 */
public interface WireName {
    /** Every enum constant has it; declared here so the default spelling can be derived from it. */
    String name();

    /** The constant's name in lower case ("both_bad"); an enum whose names differ overrides this. */
    default String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant of {@code type} spelled {@code s}, in any letter case. No trimming and no
     * synonyms, so a typo fails loudly instead of becoming a default; the error lists every
     * accepted value.
     *
     * @throws IllegalArgumentException for {@code null} or a value that is not a wire name of {@code type}
     */
    static <E extends Enum<E> & WireName> E parse(Class<E> type, String s) {
        return find(type, s)
                .orElseThrow(() -> new IllegalArgumentException(
                        (s == null ? label(type) + " is missing" : "unknown " + label(type) + " '" + s + "'")
                                + " (expected " + choices(type) + ")"));
    }

    /** Like {@link #parse}, for callers that report a miss themselves (empty for {@code null} too). */
    static <E extends Enum<E> & WireName> Optional<E> find(Class<E> type, String s) {
        if (s == null) return Optional.empty();
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.wireName().equalsIgnoreCase(s))
                .findFirst();
    }

    /** The wire names of {@code type} in declaration order. */
    static <E extends Enum<E> & WireName> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireName::wireName).toList();
    }

    /** "left, right, tie or both_bad": the accepted values, for messages. */
    static <E extends Enum<E> & WireName> String choices(Class<E> type) {
        List<String> names = names(type);
        if (names.size() == 1) return names.getFirst();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }

    /** "TaskStatus" reads as "task status" in a message. */
    private static String label(Class<?> type) {
        return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
