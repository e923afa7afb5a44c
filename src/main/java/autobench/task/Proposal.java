package autobench.task;

import autobench.WireName;
import autobench.runtime.Libraries;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One task as a model proposed it, before it is trusted. Fields are as found in the reply (null
 * when absent); {@link #problem()} says why it cannot be used, {@link #toTask()} writes it in the
 * library's prompt format.
 */
record Proposal(String title, String category, String brief, List<String> requirements) {

    static final int MIN_REQUIREMENTS = 3;
    static final int MAX_REQUIREMENTS = 10;

    Proposal {
        title = title == null ? null : cleanTitle(title);
        brief = brief == null ? null : brief.strip();
        requirements = requirements == null
                ? List.of()
                : requirements.stream()
                        .map(Proposal::cleanRequirement)
                        .filter(r -> !r.isEmpty())
                        .toList();
    }

    /** Why this proposal cannot become a task, or empty if it can. */
    Optional<String> problem() {
        if (title == null || title.isEmpty()) return Optional.of("title is missing");
        if (title.length() < 4 || title.length() > 80) return Optional.of("title must be 4 to 80 characters");
        if (category == null || category.isBlank()) return Optional.of("category is missing");
        try {
            parsedCategory();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (brief == null || brief.length() < 20) return Optional.of("brief is missing or too short");
        if (brief.length() > 1500) return Optional.of("brief is longer than 1500 characters");
        if (requirements.size() < MIN_REQUIREMENTS || requirements.size() > MAX_REQUIREMENTS) {
            return Optional.of("has " + requirements.size() + " requirements; 3 to 10 are needed");
        }
        if (requirements.stream().anyMatch(r -> r.length() > 400))
            return Optional.of("a requirement is longer than 400 characters");
        return networkUse(title + "\n" + brief + "\n" + String.join("\n", requirements))
                .map(what -> "asks for network access (" + what + ")");
    }

    /** The task in the shared prompt format; call only when {@link #problem()} is empty. */
    TaskSpec toTask() {
        return new TaskSpec(
                title, parsedCategory(), PromptFormat.render(title, brief, requirements), "llm:" + slug(title));
    }

    private Category parsedCategory() {
        // Models write American spelling about half the time, and "Data Visualization" or "ui-widget"
        // as often as the wire name; that alone should not cost a task.
        String wire = category.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return WireName.parse(Category.class, wire.replace("visualization", "visualisation"));
    }

    /**
     * Phrases that can only be met over the network. The Runtime section forbids it already; a
     * task that asks for it anyway would set the models a trap, so it is not used. Plain "fetch"
     * is allowed (a dog may fetch a ball); the library URLs are allowed.
     */
    private static final Pattern NETWORK = Pattern.compile(
            String.join(
                    "|",
                    "https?://\\S+",
                    "\\bwww\\.\\S+",
                    "\\bfetch\\s*\\(",
                    "\\bfetch api\\b",
                    "xmlhttprequest",
                    "\\bajax\\b",
                    "\\bweb ?sockets?\\b",
                    "\\beventsource\\b",
                    "\\bsendbeacon\\b",
                    "\\bwebrtc\\b",
                    "\\bapi keys?\\b",
                    "\\b(?:rest|external|third[- ]party|public|web|online|remote) apis?\\b",
                    "\\bgoogle fonts\\b",
                    "\\b(?:live|real[- ]time) (?:data|feeds?|prices|weather|stock|scores|tweets)\\b",
                    "\\bfrom the (?:internet|web|network)\\b",
                    "\\bonline multiplayer\\b",
                    "\\b(?:load|loads|loading|download|downloads|downloading|import|imports|pull|pulls) [^.\\n]{0,40}?"
                            + "\\bfrom (?:an? |the )?(?:server|url|api|endpoint|internet|web)\\b"),
            Pattern.CASE_INSENSITIVE);

    static Optional<String> networkUse(String text) {
        Matcher m = NETWORK.matcher(text);
        while (m.find()) {
            String hit = m.group();
            if (hit.regionMatches(true, 0, "http", 0, 4) && isLibraryUrl(hit)) continue;
            return Optional.of("'" + hit + "'");
        }
        return Optional.empty();
    }

    private static boolean isLibraryUrl(String url) {
        String u = url.replaceAll("[)\\]}>.,;:'\"`]+$", "");
        return Libraries.ALL.stream().anyMatch(l -> l.urls().contains(u));
    }

    private static String cleanTitle(String t) {
        return t.strip()
                .replaceAll("\\s+", " ")
                .replaceFirst("^#+\\s*", "")
                .replaceAll("^[\"'*`]+|[\"'*`]+$", "")
                .strip();
    }

    /** We number requirements ourselves, so numbering or bullets from the model are dropped. */
    private static String cleanRequirement(String r) {
        return r.replaceAll("\\s+", " ")
                .replaceFirst("^\\s*(?:\\d+[.)]|[-*•])\\s*", "")
                .strip();
    }

    static String slug(String title) {
        String s = title.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", "-")
                .replaceAll("^-+|-+$", "");
        return s.length() > 60 ? s.substring(0, 60).replaceAll("-+$", "") : s;
    }
}
