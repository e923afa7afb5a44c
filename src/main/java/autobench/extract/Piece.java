package autobench.extract;

import java.util.Map;

/**
 * A piece of code and what it is, judged from its fence's language tag and, when the tag says
 * nothing useful, from the code itself. Models mislabel often enough (an HTML page under
 * {@code ```javascript}) that a page-shaped body wins over the tag.
 *
 * @param language for {@link Kind#OTHER}, the language named in the reason ("python"); "" if unknown
 */
record Piece(Kind kind, String code, String language) {

    enum Kind {
        DOCUMENT,
        FRAGMENT,
        CSS,
        SCRIPT,
        OTHER
    }

    /** Tags of languages a browser cannot run as they are, with the name used in reasons. */
    private static final Map<String, String> NOT_WEB = Map.ofEntries(
            Map.entry("python", "python"),
            Map.entry("py", "python"),
            Map.entry("python3", "python"),
            Map.entry("java", "java"),
            Map.entry("kotlin", "kotlin"),
            Map.entry("c", "c"),
            Map.entry("cpp", "c++"),
            Map.entry("c++", "c++"),
            Map.entry("csharp", "c#"),
            Map.entry("cs", "c#"),
            Map.entry("c#", "c#"),
            Map.entry("rust", "rust"),
            Map.entry("rs", "rust"),
            Map.entry("go", "go"),
            Map.entry("golang", "go"),
            Map.entry("ruby", "ruby"),
            Map.entry("php", "php"),
            Map.entry("swift", "swift"),
            Map.entry("lua", "lua"),
            Map.entry("r", "r"),
            Map.entry("sql", "sql"),
            Map.entry("bash", "shell"),
            Map.entry("sh", "shell"),
            Map.entry("shell", "shell"),
            Map.entry("zsh", "shell"),
            Map.entry("console", "shell"),
            Map.entry("powershell", "shell"),
            Map.entry("typescript", "typescript"),
            Map.entry("ts", "typescript"),
            Map.entry("tsx", "typescript"),
            Map.entry("jsx", "jsx"),
            Map.entry("vue", "vue"),
            Map.entry("svelte", "svelte"),
            Map.entry("glsl", "glsl"),
            Map.entry("processing", "processing"),
            Map.entry("json", ""),
            Map.entry("yaml", ""),
            Map.entry("markdown", ""),
            Map.entry("md", ""));

    static Piece of(String language, String code) {
        String lower = Ascii.lower(code.strip());
        if (looksLikePage(lower)) return new Piece(Kind.DOCUMENT, code, "");
        String name = NOT_WEB.get(language);
        if (name != null) return new Piece(Kind.OTHER, code, name);
        return switch (language) {
            case "html", "htm", "xhtml", "html5", "svg" ->
                new Piece(hasPageTags(lower) ? Kind.DOCUMENT : Kind.FRAGMENT, code, "");
            case "css" -> new Piece(Kind.CSS, code, "");
            case "js", "javascript", "mjs", "ecmascript", "es6" ->
                new Piece(lower.startsWith("<") ? Kind.FRAGMENT : Kind.SCRIPT, code, "");
            default -> sniff(code, lower);
        };
    }

    /** An untagged (or vaguely tagged: "text", "xml") block: decide from the code. */
    private static Piece sniff(String code, String lower) {
        if (lower.startsWith("<")) return new Piece(hasPageTags(lower) ? Kind.DOCUMENT : Kind.FRAGMENT, code, "");
        if (looksLikePython(lower)) return new Piece(Kind.OTHER, code, "python");
        if (looksLikeScript(lower)) return new Piece(Kind.SCRIPT, code, "");
        if (looksLikeCss(lower)) return new Piece(Kind.CSS, code, "");
        return new Piece(Kind.OTHER, code, "");
    }

    static boolean looksLikePage(String lower) {
        return lower.startsWith("<!doctype html") || Ascii.indexOfTag(lower, "<html", 0) == 0;
    }

    private static boolean hasPageTags(String lower) {
        return lower.contains("<!doctype html")
                || Ascii.indexOfTag(lower, "<html", 0) >= 0
                || Ascii.indexOfTag(lower, "<head", 0) >= 0
                || Ascii.indexOfTag(lower, "<body", 0) >= 0;
    }

    static boolean looksLikeScript(String lower) {
        for (String marker : new String[] {
            "function",
            "=>",
            "const ",
            "let ",
            "var ",
            "document.",
            "window.",
            "requestanimationframe",
            "addeventlistener",
            "console.log",
            "getcontext("
        }) {
            if (lower.contains(marker)) return true;
        }
        return false;
    }

    private static boolean looksLikeCss(String lower) {
        int brace = lower.indexOf('{');
        return brace > 0 && lower.indexOf(':', brace) > 0 && lower.indexOf('}', brace) > 0;
    }

    /** Python has a few line shapes JavaScript never has; one is enough. */
    static boolean looksLikePython(String lower) {
        int n = lower.length();
        for (int pos = 0; pos < n; ) {
            int eol = lower.indexOf('\n', pos);
            int end = eol < 0 ? n : eol;
            int from = pos;
            while (from < end && Ascii.isSpace(lower.charAt(from))) from++;
            int to = end;
            while (to > from && Ascii.isSpace(lower.charAt(to - 1))) to--;
            // only lines that start like Python are copied, so megabytes of other lines cost nothing
            if (from < to && "defirm".indexOf(lower.charAt(from)) >= 0 && pythonLine(lower.substring(from, to)))
                return true;
            pos = end + 1;
        }
        return false;
    }

    private static boolean pythonLine(String line) {
        return (line.startsWith("def ") && line.endsWith(":"))
                || line.startsWith("if __name__")
                || (line.startsWith("from ")
                        && line.contains(" import ")
                        && !line.contains("'")
                        && !line.contains("\""))
                // JavaScript imports always name a quoted module: import x from 'y' / import 'y'
                || (line.startsWith("import ") && !line.contains("'") && !line.contains("\"") && !line.contains("`"))
                || (line.startsWith("elif ") && line.endsWith(":"));
    }
}
