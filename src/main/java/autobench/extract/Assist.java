package autobench.extract;

/** One step the extractor applied to a reply, shown beside the answer so readers know what was done. */
public enum Assist {
    /** Removed a reasoning block such as {@code <think>…</think>}. */
    STRIPPED_REASONING,
    /** Took the code from a single fenced block. */
    TOOK_FENCE,
    /** Stitched separate HTML/CSS/JS fences into one document. */
    STITCHED_FENCES,
    /** Took an HTML document embedded in prose (no fences). */
    TOOK_EMBEDDED_HTML,
    /** Wrapped a lone script or canvas fragment in a minimal page. */
    WRAPPED_FRAGMENT,
    /** The reply was cut off at the token limit; the document may be incomplete. */
    TRUNCATED_INPUT
}
