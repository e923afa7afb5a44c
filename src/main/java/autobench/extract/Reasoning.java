package autobench.extract;

import java.util.List;

/**
 * Removes the reasoning some models write into the answer text ({@code <think>…</think>} and its
 * cousins) before any code is looked for: reasoning often holds draft code that is not the answer.
 *
 * <p>A block is recognised where its opening tag starts a line outside fenced code, so a tag that
 * appears inside the answer's own code is left alone. Two unclosed forms are handled: a reply that
 * only closes the block (the chat template opened it, as DeepSeek-R1 does), and a reply that opens
 * one and never closes it (cut off while thinking: all of it is reasoning).
 */
final class Reasoning {
    private Reasoning() {}

    static final List<String> TAGS = List.of("think", "thinking", "thought", "reasoning");

    /**
     * @param text          the reply without its reasoning
     * @param stripped      whether anything was removed
     */
    record Result(String text, boolean stripped) {}

    static Result strip(String reply) {
        String lower = Ascii.lower(reply);
        int n = reply.length();
        int pos = orphanCloseEnd(lower);
        boolean stripped = pos > 0;
        // where the next closing tag of each name is; -2 unknown, -1 none left (keeps the scan linear)
        int[] nextClose = {-2, -2, -2, -2};
        StringBuilder out = new StringBuilder(n - pos);
        Fences.Opening fence = null;
        while (pos < n) {
            int eol = reply.indexOf('\n', pos);
            int lineEnd = eol < 0 ? n : eol;
            int next = eol < 0 ? n : eol + 1;
            if (fence == null) {
                int p = pos;
                while (p < lineEnd && (reply.charAt(p) == ' ' || reply.charAt(p) == '\t')) p++;
                int tag = openTagAt(lower, p);
                if (tag >= 0) {
                    int close = closeAfter(lower, tag, Ascii.endOfTag(lower, p), nextClose);
                    if (close >= 0) {
                        pos = close;
                        stripped = true;
                        continue;
                    }
                    if (Ascii.isBlank(out, 0, out.length())) {
                        stripped = true;
                        break;
                    }
                }
                fence = Fences.opening(reply, pos, lineEnd);
            } else if (Fences.closes(reply, pos, lineEnd, fence)) {
                fence = null;
            }
            out.append(reply, pos, next);
            pos = next;
        }
        return new Result(stripped ? out.toString() : reply, stripped);
    }

    /** Index of the tag name in {@link #TAGS} whose opening tag starts at {@code p}, or -1. */
    private static int openTagAt(String lower, int p) {
        if (p >= lower.length() || lower.charAt(p) != '<') return -1;
        for (int i = 0; i < TAGS.size(); i++) {
            String name = TAGS.get(i);
            int after = p + 1 + name.length();
            if (lower.startsWith(name, p + 1) && after < lower.length() && Ascii.endsTagName(lower.charAt(after))) {
                return i;
            }
        }
        return -1;
    }

    /** Index just past the closing tag of {@code TAGS[tag]} at or after {@code from}, or -1. */
    private static int closeAfter(String lower, int tag, int from, int[] nextClose) {
        int known = nextClose[tag];
        if (known == -1) return -1;
        if (known < from) {
            known = Ascii.indexOfTag(lower, "</" + TAGS.get(tag), from);
            nextClose[tag] = known;
            if (known < 0) return -1;
        }
        return Ascii.endOfTag(lower, known);
    }

    /** End of a leading closing tag that has no opening tag before it (the template opened it), or 0. */
    private static int orphanCloseEnd(String lower) {
        int best = -1;
        String bestName = null;
        for (String name : TAGS) {
            int c = Ascii.indexOfTag(lower, "</" + name, 0);
            if (c >= 0 && (best < 0 || c < best)) {
                best = c;
                bestName = name;
            }
        }
        if (best < 0) return 0;
        int open = Ascii.indexOfTag(lower, "<" + bestName, 0);
        return open >= 0 && open < best ? 0 : Ascii.endOfTag(lower, best);
    }
}
