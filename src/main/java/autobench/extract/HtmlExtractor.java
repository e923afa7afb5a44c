package autobench.extract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * From a model's reply to one runnable HTML page, in this order of preference: fenced code (one
 * page, or separate HTML/CSS/JS blocks stitched into one), a page written into the text, a
 * fragment or bare script wrapped in a minimal page. Reasoning blocks are removed first. Every
 * change is recorded as an {@link Assist}; a reply with no runnable web code gets a reason instead.
 *
 * <p>Replies are untrusted and can be huge: every step is a linear scan, no regular expressions.
 */
public final class HtmlExtractor implements Extractor {

    public HtmlExtractor() {}

    /** One fenced block after classification. */
    private record Block(Piece piece, boolean closed) {}

    @Override
    public Extraction extract(String reply) {
        return extract(reply, false);
    }

    /** @param truncated the provider said the reply hit the output limit */
    @Override
    public Extraction extract(String reply, boolean truncated) {
        Steps steps = new Steps();
        if (truncated) steps.add(Assist.TRUNCATED_INPUT);
        if (reply == null || reply.isBlank()) return none(steps, "reply is empty", truncated);
        Reasoning.Result r = Reasoning.strip(reply);
        if (r.stripped()) steps.add(Assist.STRIPPED_REASONING);
        if (r.text().isBlank()) return none(steps, "reply contains only reasoning, no answer", truncated);
        Fences.Scan scan = Fences.scan(r.text());
        List<Block> blocks = new ArrayList<>();
        for (Fences.Fence f : scan.fences()) {
            if (!f.body().isBlank()) blocks.add(new Block(Piece.of(f.language(), f.body()), f.closed()));
        }
        String html = fromFences(blocks, steps);
        if (html == null) html = fromProse(scan.prose(), steps);
        if (html != null) return new Extraction(html, steps.list(), null);
        return none(steps, reason(blocks, scan.prose()), truncated);
    }

    private static String fromFences(List<Block> blocks, Steps steps) {
        List<Block> docs = of(blocks, Piece.Kind.DOCUMENT);
        List<Block> fragments = of(blocks, Piece.Kind.FRAGMENT);
        List<Block> css = of(blocks, Piece.Kind.CSS);
        List<Block> scripts = of(blocks, Piece.Kind.SCRIPT);
        if (!docs.isEmpty()) {
            Block chosen =
                    docs.get(pick(docs.stream().map(b -> b.piece().code()).toList()));
            steps.add(Assist.TOOK_FENCE);
            if (docs.size() > 1) steps.add(Assist.PICKED_ONE_OF_SEVERAL_DOCUMENTS);
            if (!chosen.closed()) steps.add(Assist.TOOK_UNCLOSED_FENCE);
            String doc = Pages.closeUnfinishedScript(chosen.piece().code().strip(), steps);
            return stitch(doc, css, scripts, steps);
        }
        if (fragments.isEmpty() && scripts.isEmpty()) return null; // a stylesheet alone draws nothing
        List<Block> used = new ArrayList<>(fragments);
        used.addAll(css);
        used.addAll(scripts);
        steps.add(used.size() == 1 ? Assist.TOOK_FENCE : Assist.STITCHED_FENCES);
        if (used.stream().anyMatch(b -> !b.closed())) steps.add(Assist.TOOK_UNCLOSED_FENCE);
        steps.add(Assist.WRAPPED_FRAGMENT);
        return Pages.wrap(codes(fragments), codes(css), codes(scripts), steps);
    }

    /**
     * Adds separate CSS/JS blocks to a full page: into the page's references to local files if it
     * has them, else into head and body. A block the page already contains (a model often repeats
     * "the key part" after the full file) is not added twice.
     */
    private static String stitch(String doc, List<Block> css, List<Block> scripts, Steps steps) {
        List<String> newCss = new ArrayList<>();
        for (Block b : css)
            if (!Repeats.isIn(b.piece().code(), doc)) newCss.add(b.piece().code());
        List<String> newJs = new ArrayList<>();
        for (Block b : scripts)
            if (!Repeats.isIn(b.piece().code(), doc)) newJs.add(b.piece().code());
        if (newCss.isEmpty() && newJs.isEmpty()) return doc;
        steps.add(Assist.STITCHED_FENCES);
        if (css.stream().anyMatch(b -> !b.closed()) || scripts.stream().anyMatch(b -> !b.closed())) {
            steps.add(Assist.TOOK_UNCLOSED_FENCE);
        }
        LocalFiles.Inlined styled = LocalFiles.styles(doc, newCss, steps);
        LocalFiles.Inlined scripted = LocalFiles.scripts(styled.doc(), newJs, steps);
        return Pages.insert(
                scripted.doc(), styled.used() ? List.of() : newCss, scripted.used() ? List.of() : newJs, steps);
    }

    private static String fromProse(String prose, Steps steps) {
        List<String> docs = Prose.documents(prose);
        if (!docs.isEmpty()) {
            steps.add(Assist.TOOK_EMBEDDED_HTML);
            if (docs.size() > 1) steps.add(Assist.PICKED_ONE_OF_SEVERAL_DOCUMENTS);
            return Pages.closeUnfinishedScript(docs.get(pick(docs)), steps);
        }
        String fragment = Prose.fragment(prose);
        if (fragment != null) {
            steps.add(Assist.WRAPPED_FRAGMENT);
            return Pages.wrap(List.of(fragment), List.of(), List.of(), steps);
        }
        String script = Prose.script(prose);
        if (script != null) {
            steps.add(Assist.WRAPPED_FRAGMENT);
            return Pages.wrap(List.of(), List.of(), List.of(script), steps);
        }
        return null;
    }

    /** The last page, unless it is less than half the largest (then a short sketch followed a full answer). */
    static int pick(List<String> docs) {
        int largest = 0;
        for (int i = 1; i < docs.size(); i++)
            if (docs.get(i).length() > docs.get(largest).length()) largest = i;
        int last = docs.size() - 1;
        return docs.get(last).length() * 2L >= docs.get(largest).length() ? last : largest;
    }

    private static String reason(List<Block> blocks, String prose) {
        Set<String> languages = new LinkedHashSet<>();
        boolean css = false;
        for (Block b : blocks) {
            if (b.piece().kind() == Piece.Kind.OTHER && !b.piece().language().isEmpty())
                languages.add(b.piece().language());
            css |= b.piece().kind() == Piece.Kind.CSS;
        }
        if (languages.isEmpty() && Piece.looksLikePython(Ascii.lower(prose))) languages.add("python");
        if (!languages.isEmpty()) return "reply contains " + joined(new ArrayList<>(languages)) + " code, not web code";
        if (css) return "reply contains only CSS, nothing that runs or draws";
        if (!blocks.isEmpty()) return "reply's code blocks are not HTML, CSS or JavaScript";
        return "no code found";
    }

    private static String joined(List<String> names) {
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static Extraction none(Steps steps, String reason, boolean truncated) {
        return new Extraction(
                null, steps.list(), truncated ? reason + " (the reply was cut off at the output limit)" : reason);
    }

    private static List<Block> of(List<Block> blocks, Piece.Kind kind) {
        return blocks.stream().filter(b -> b.piece().kind() == kind).toList();
    }

    private static List<String> codes(List<Block> blocks) {
        return blocks.stream().map(b -> b.piece().code()).toList();
    }
}
