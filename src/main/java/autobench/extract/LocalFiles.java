package autobench.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * Models that answer with separate files write an HTML file that loads {@code style.css} and
 * {@code script.js}, then give those files as more fences. Those local files do not exist in the
 * sandbox, so a reference is replaced by the matching fence's code where it stood (order matters to
 * scripts). References to other sites ({@code https://…}, {@code //…}) are never touched.
 */
final class LocalFiles {
    private LocalFiles() {}

    /** A local reference in the document: where its element starts and ends, and how a script loads. */
    private record Ref(int start, int end, boolean deferred, boolean module) {}

    /** The document with its local references replaced, and whether the given code was used up. */
    record Inlined(String doc, boolean used) {}

    static Inlined scripts(String doc, List<String> scripts, Steps steps) {
        List<Ref> refs = refs(doc, "<script", "src", false);
        List<String> code = matched(refs, scripts);
        if (code == null) return new Inlined(doc, false);
        StringBuilder b = new StringBuilder(doc.length() + size(scripts) + 64);
        StringBuilder moved = new StringBuilder();
        int from = 0;
        for (int i = 0; i < refs.size(); i++) {
            Ref r = refs.get(i);
            b.append(doc, from, r.start());
            boolean module = r.module() || Pages.isModule(code.get(i));
            String element = Pages.script(code.get(i), module ? " type=\"module\"" : "", steps);
            // an inline script ignores "defer", so a deferred one moves to where deferring would have run it
            if (r.deferred() || module) moved.append(element).append('\n');
            else b.append(element);
            from = r.end();
        }
        b.append(doc, from, doc.length());
        String out = moved.isEmpty() ? b.toString() : Pages.beforeBodyEnd(b.toString(), moved.toString());
        return new Inlined(out, true);
    }

    static Inlined styles(String doc, List<String> css, Steps steps) {
        List<Ref> refs = refs(doc, "<link", "href", true);
        List<String> code = matched(refs, css);
        if (code == null) return new Inlined(doc, false);
        StringBuilder b = new StringBuilder(doc.length() + size(css) + 32);
        int from = 0;
        for (int i = 0; i < refs.size(); i++) {
            b.append(doc, from, refs.get(i).start()).append(Pages.style(List.of(code.get(i)), steps));
            from = refs.get(i).end();
        }
        return new Inlined(b.append(doc, from, doc.length()).toString(), true);
    }

    /** One fence per reference in order, or all fences for a single reference; otherwise {@code null}. */
    private static List<String> matched(List<Ref> refs, List<String> code) {
        if (refs.isEmpty() || code.isEmpty()) return null;
        if (refs.size() == code.size()) return code;
        if (refs.size() == 1) return List.of(String.join("\n\n", code));
        return null;
    }

    private static List<Ref> refs(String doc, String tagName, String urlAttribute, boolean stylesheetOnly) {
        String lower = Ascii.lower(doc);
        List<Ref> refs = new ArrayList<>();
        int i = Ascii.indexOfTag(lower, tagName, 0);
        while (i >= 0) {
            int gt = lower.indexOf('>', i);
            if (gt < 0) break; // no tag ends after here, so none can follow
            String tag = lower.substring(i, gt + 1);
            int end = gt + 1;
            if (tagName.equals("<script")) {
                int close = Ascii.indexOfTag(lower, "</script", end);
                if (close >= 0 && Ascii.isBlank(lower, end, close)) end = Ascii.endOfTag(lower, close);
            }
            String url = Tag.attribute(tag, urlAttribute);
            String rel = Tag.attribute(tag, "rel");
            boolean isStylesheet = rel != null && rel.contains("stylesheet");
            if (url != null && isLocal(url) && (!stylesheetOnly || isStylesheet)) {
                String type = Tag.attribute(tag, "type");
                refs.add(new Ref(i, end, Tag.has(tag, "defer"), "module".equals(type)));
            }
            i = Ascii.indexOfTag(lower, tagName, end);
        }
        return refs;
    }

    private static boolean isLocal(String url) {
        String u = url.strip();
        return !u.isEmpty()
                && !u.startsWith("http:")
                && !u.startsWith("https:")
                && !u.startsWith("//")
                && !u.startsWith("data:")
                && !u.startsWith("blob:");
    }

    private static int size(List<String> parts) {
        int n = 0;
        for (String p : parts) n += p.length();
        return n;
    }
}
