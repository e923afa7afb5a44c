package autobench.task;

import autobench.runtime.Libraries;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one shape every task prompt has, whoever wrote the task: a title line, what to build,
 * numbered requirements, and the same Runtime section. Models are compared on identical rules,
 * so the Runtime text lives only here.
 */
final class PromptFormat {
    private PromptFormat() {}

    static final String RUNTIME_HEADING = "## Runtime";
    static final String REQUIREMENTS_HEADING = "## Requirements";

    /** Writes the full prompt. Requirements are numbered here; callers pass them without numbers. */
    static String render(String title, String brief, List<String> requirements) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(title).append("\n\n");
        b.append(brief.strip()).append("\n\n");
        b.append(REQUIREMENTS_HEADING).append("\n\n");
        for (int i = 0; i < requirements.size(); i++) {
            b.append(i + 1).append(". ").append(requirements.get(i).strip()).append('\n');
        }
        b.append('\n').append(runtime());
        return b.toString();
    }

    /**
     * The runtime rules, built from {@link Libraries#ALL} on every call so that a change to the
     * allowed versions shows up in the next prompt without anyone editing text here.
     */
    static String runtime() {
        String libs = Libraries.ALL.stream()
                .map(l -> "  - " + l.name() + " " + l.version() + ": " + String.join(" or ", l.urls()) + others(l))
                .collect(Collectors.joining("\n"));
        return RUNTIME_HEADING + "\n\n"
                + "- Deliver one self-contained HTML file with inline CSS and inline JavaScript, about 200 lines.\n"
                + "- It must run offline in a fixed 800×600 viewport: lay everything out for exactly 800 by 600 pixels.\n"
                + "- Make no external requests: no fonts, images, sounds, data or APIs from the network. The only\n"
                + "  exception is these libraries, loaded with a script tag from these URLs (an ES module import of\n"
                + "  the same version works too):\n"
                + libs + "\n"
                + "- It must start by itself and visibly animate or respond to input within one second of loading.\n"
                + "- Reply with the complete file in a single ```html fenced code block.\n";
    }

    /** The other versions kept of a library, so a model that needs one knows it is there. */
    private static String others(Libraries.Library l) {
        List<String> versions = l.bundles().stream()
                .map(Libraries.Bundle::version)
                .filter(v -> !v.equals(l.version()))
                .toList();
        return versions.isEmpty() ? "" : " (also available: " + String.join(", ", versions) + ")";
    }
}
