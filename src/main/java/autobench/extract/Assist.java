package autobench.extract;

/** One step the extractor applied to a reply, shown beside the answer so readers know what was done. */
public enum Assist {
    /** Removed a reasoning block such as {@code <think>…</think>}. */
    STRIPPED_REASONING("removed a reasoning block (<think>…) from the reply"),
    /** Took the code from a single fenced block. */
    TOOK_FENCE("took the code from a fenced block"),
    /** Stitched separate HTML/CSS/JS fences into one document. */
    STITCHED_FENCES("stitched separate HTML, CSS and JavaScript blocks into one page"),
    /** Took an HTML document embedded in prose (no fences). */
    TOOK_EMBEDDED_HTML("took an HTML page written into the text without a fence"),
    /** Wrapped a lone script or canvas fragment, or bare JavaScript, in a minimal page. */
    WRAPPED_FRAGMENT("wrapped a fragment or bare script in a minimal page"),
    /** The reply was cut off at the token limit; the document may be incomplete. */
    TRUNCATED_INPUT("the reply was cut off at the output limit; the page may be incomplete"),
    /** The reply held several complete pages; one was chosen (the last, unless it is much smaller than the largest). */
    PICKED_ONE_OF_SEVERAL_DOCUMENTS(
            "the reply held several pages; took the last one (or the largest, if the last was much smaller)"),
    /** A fenced block never closed; its code runs to the end of the reply. */
    TOOK_UNCLOSED_FENCE("took a fenced block that was never closed"),
    /** A bare script draws on a canvas nobody creates; the wrapper added it. */
    ADDED_CANVAS("added the <canvas> element the script looks for"),
    /** A bare sketch uses an allowed library (p5.js, three.js …) it does not load; the wrapper loads it. */
    ADDED_LIBRARY("loaded the library the sketch uses (e.g. p5.js) from its allowed URL"),
    /** Escaped {@code </script>} or {@code <!--} inside code put inline, so the page parses as written. */
    ESCAPED_CLOSING_TAGS("escaped </script> (or <!--) inside inline code"),
    /** Closed a script left open at the end of the reply: browsers never run an unclosed script. */
    CLOSED_UNFINISHED_SCRIPT("closed a <script> left open at the end of the reply");

    private final String description;

    Assist(String description) {
        this.description = description;
    }

    /** One line for readers of the site. */
    public String description() {
        return description;
    }
}
