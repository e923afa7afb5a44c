package autobench.extract;

import java.util.List;

/** Builds and amends HTML documents: a minimal page around fragments, and styles or scripts put into a page. */
final class Pages {
    private Pages() {}

    /** A minimal page: nothing of our own that could change how the model's code looks or runs. */
    static String wrap(List<String> fragments, List<String> css, List<String> scripts, Steps steps) {
        StringBuilder b = new StringBuilder(64 + size(fragments) + size(css) + size(scripts) * 11 / 10);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        List<String> libraries =
                KnownLibraries.tagsFor(String.join("\n", fragments) + "\n" + String.join("\n", scripts));
        for (String tag : libraries) b.append(tag).append('\n');
        if (!libraries.isEmpty()) steps.add(Assist.ADDED_LIBRARY);
        if (!css.isEmpty()) b.append(style(css, steps)).append('\n');
        b.append("</head>\n<body>\n");
        for (String f : fragments)
            b.append(closeUnfinishedScript(f.strip(), steps)).append('\n');
        String canvas = fragments.isEmpty() ? Canvas.missingFor(scripts) : null;
        if (canvas != null) {
            b.append(canvas).append('\n');
            steps.add(Assist.ADDED_CANVAS);
        }
        for (String s : scripts)
            b.append(script(s, isModule(s) ? " type=\"module\"" : "", steps)).append('\n');
        return b.append("</body>\n</html>\n").toString();
    }

    /** Code with top-level import/export only parses as a module; a module at the end of the body runs as a plain script would. */
    static boolean isModule(String js) {
        String t = js.stripLeading();
        return t.startsWith("import ")
                || t.startsWith("export ")
                || js.contains("\nimport ")
                || js.contains("\nexport ");
    }

    /** Puts the stylesheets in the head and the scripts at the end of the body of {@code doc}. */
    static String insert(String doc, List<String> css, List<String> scripts, Steps steps) {
        String out = doc;
        if (!css.isEmpty()) {
            int at = headInsertionPoint(out, Ascii.lower(out));
            out = out.substring(0, at) + style(css, steps) + "\n" + out.substring(at);
        }
        if (!scripts.isEmpty()) {
            StringBuilder s = new StringBuilder();
            for (String js : scripts)
                s.append(script(js, isModule(js) ? " type=\"module\"" : "", steps))
                        .append('\n');
            out = beforeBodyEnd(out, s.toString());
        }
        return out;
    }

    static String beforeBodyEnd(String doc, String html) {
        String lower = Ascii.lower(doc);
        int at = lastIndexOfTag(lower, "</body");
        if (at < 0) at = lastIndexOfTag(lower, "</html");
        if (at < 0) return doc + (doc.endsWith("\n") ? "" : "\n") + html;
        return doc.substring(0, at) + html + doc.substring(at);
    }

    private static int headInsertionPoint(String doc, String lower) {
        int at = Ascii.indexOfTag(lower, "</head", 0);
        if (at >= 0) return at;
        at = Ascii.indexOfTag(lower, "<head", 0);
        if (at >= 0) return Ascii.endOfTag(lower, at);
        at = Ascii.indexOfTag(lower, "<body", 0);
        if (at >= 0) return at;
        at = Ascii.indexOfTag(lower, "<html", 0);
        if (at >= 0) return Ascii.endOfTag(lower, at);
        at = lower.indexOf("<!doctype");
        return at >= 0 ? Ascii.endOfTag(lower, at) : 0;
    }

    static String style(List<String> css, Steps steps) {
        StringBuilder b = new StringBuilder("<style>\n");
        for (String c : css)
            b.append(escape(c.strip(), "</style", "<\\/style", steps)).append('\n');
        return b.append("</style>").toString();
    }

    /** A script element; {@code attributes} is "" or e.g. {@code " type=\"module\""}. */
    static String script(String js, String attributes, Steps steps) {
        String body = escape(js.strip(), "</script", "<\\/script", steps);
        // "<!--" inside a script makes the HTML parser want an extra </script>; "\!" is still "!" in JS
        body = escape(body, "<!--", "<\\!--", steps);
        return "<script" + attributes + ">\n" + body + "\n</script>";
    }

    /** A reply cut off inside a script leaves it unclosed, and browsers never run an unclosed script. */
    static String closeUnfinishedScript(String html, Steps steps) {
        String lower = Ascii.lower(html);
        int open = lastIndexOfTag(lower, "<script");
        if (open < 0 || lower.lastIndexOf("</script") > open) return html;
        steps.add(Assist.CLOSED_UNFINISHED_SCRIPT);
        return html + (html.endsWith("\n") ? "" : "\n") + "</script>\n";
    }

    static int lastIndexOfTag(String lower, String tag) {
        int i = lower.lastIndexOf(tag);
        while (i >= 0) {
            int after = i + tag.length();
            if (after >= lower.length() || Ascii.endsTagName(lower.charAt(after))) return i;
            i = i == 0 ? -1 : lower.lastIndexOf(tag, i - 1);
        }
        return -1;
    }

    private static String escape(String code, String needle, String replacement, Steps steps) {
        String lower = Ascii.lower(code);
        int i = lower.indexOf(needle);
        if (i < 0) return code;
        steps.add(Assist.ESCAPED_CLOSING_TAGS);
        StringBuilder b = new StringBuilder(code.length() + 16);
        int from = 0;
        while (i >= 0) {
            b.append(code, from, i).append(replacement);
            from = i + needle.length();
            i = lower.indexOf(needle, from);
        }
        return b.append(code, from, code.length()).toString();
    }

    private static int size(List<String> parts) {
        int n = 0;
        for (String p : parts) n += p.length();
        return n;
    }
}
