package autobench.provider.demo;

import java.util.List;
import java.util.Map;
import java.util.Random;

/** One demo program for a task: its stylesheet and script, which replies present whole or as separate files. */
record Program(Style style, String title, String css, String js) {

    private static final String BASE_CSS = """
            html, body { margin: 0; height: 100%; overflow: hidden; background: {{bg}}; }
            canvas { display: block; width: 100vw; height: 100vh; cursor: crosshair; }
            .label { position: fixed; pointer-events: none; color: {{fg}}; text-shadow: 0 1px 3px rgba(0, 0, 0, 0.5); }
            .label h1 { margin: 0 0 2px; font-size: 20px; letter-spacing: 0.02em; }
            .label p { margin: 0; font-size: 12px; opacity: 0.75; }
            """;

    static Program write(Style style, String title, Random rnd) {
        List<String> palette = Palettes.pick(rnd);
        String head = Text.fill(Frame.HEAD, Map.of("style", style.model, "palette", Palettes.js(palette)));
        String js = head + style.script(rnd, title) + Frame.TAIL;
        String css = Text.fill(BASE_CSS, Map.of("bg", palette.get(0), "fg", palette.get(palette.size() - 1)))
                + style.labelCss + "\n";
        return new Program(style, title, css, js);
    }

    /** The task's title: the prompt's first line is "# Title"; otherwise its first words. */
    static String titleOf(String prompt) {
        for (String line : prompt.strip().lines().limit(5).toList()) {
            String t = line.strip();
            if (t.isEmpty()) continue;
            t = t.startsWith("#") ? t.replaceFirst("^#+\\s*", "") : t;
            if (t.isEmpty()) continue;
            return t.length() > 80 ? t.substring(0, 77).strip() + "…" : t;
        }
        return "Untitled task";
    }

    /** The whole program as one self-contained page. */
    String document() {
        return page("<style>\n" + css + "</style>", "<script>\n" + js + "</script>");
    }

    /** The page without its code, loading it from local files or expecting it to be pasted in. */
    String skeleton(boolean localFiles) {
        return localFiles
                ? page("<link rel=\"stylesheet\" href=\"style.css\">", "<script src=\"sketch.js\"></script>")
                : page("", "");
    }

    private String page(String head, String tail) {
        String t = Text.html(title);
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + t + " (demo)</title>\n" + (head.isEmpty() ? "" : head + "\n") + "</head>\n<body>\n"
                + "<canvas id=\"stage\"></canvas>\n"
                + "<div class=\"label\"><h1>" + t + "</h1><p>demo program, written by a script, not an AI model"
                + " &middot; click, drag or press a key</p></div>\n"
                + (tail.isEmpty() ? "" : tail + "\n") + "</body>\n</html>";
    }
}
