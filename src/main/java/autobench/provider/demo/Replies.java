package autobench.provider.demo;

import java.util.List;
import java.util.Random;

/** Writes a demo program into a reply of a given shape. Every reply says it comes from a demo, not an AI model. */
final class Replies {
    private Replies() {}

    private static final List<String> OPENINGS = List.of(
            "Here is a single-file page for \"%s\". It fills the window with %s.",
            "Below is one self-contained HTML file for \"%s\": %s on a full-window canvas.",
            "\"%s\", done as %s. Everything is inline, so it runs as one file.");
    private static final List<String> CLOSINGS = List.of(
            "Click to %s, drag to %s, and press any key to %s.",
            "Interaction: click to %s; drag to %s; any key will %s.",
            "Try it: a click will %s, dragging will %s, a key press will %s.");

    static String write(ReplyShape shape, Program p, String modelName, Random rnd) {
        String label = "_Demo reply from `" + modelName + "`: written by a script, not an AI model._\n\n";
        String opening = String.format(pick(rnd, OPENINGS), p.title(), p.style().look);
        String closing = String.format(pick(rnd, CLOSINGS), p.style().onPress, p.style().onDrag, p.style().onKey);
        return label
                + switch (shape) {
                    case PROSE_AND_FENCE ->
                        opening + "\n\n```" + (rnd.nextInt(4) == 0 ? "" : "html") + "\n" + p.document() + "\n```\n\n"
                                + closing + "\n";
                    case SEVERAL_FENCES ->
                        opening + " The markup, styles and script are split into three files:\n\n"
                                + "**index.html**\n\n```html\n" + p.skeleton(rnd.nextBoolean()) + "\n```\n\n"
                                + "**style.css**\n\n```css\n" + p.css() + "```\n\n"
                                + "**sketch.js**\n\n```javascript\n" + p.js() + "```\n\n" + closing + "\n";
                    case THINK_THEN_FENCE ->
                        think(p) + opening + "\n\n```html\n" + p.document() + "\n```\n\n" + closing + "\n";
                    case BARE_DOCUMENT -> opening + "\n\n" + p.document() + "\n\n" + closing + "\n";
                    case NOT_RUNNABLE -> rnd.nextBoolean() ? python(p) : declined(p);
                };
    }

    private static String think(Program p) {
        return "<think>\nThis is a demo script, so nothing is really thinking here; the block is a stand-in for reasoning.\n"
                + "The task is \"" + p.title() + "\". Plan: " + p.style().look + " on a canvas that fills the window,\n"
                + "an animation loop, pointer input to " + p.style().onPress + ", and a key to " + p.style().onKey
                + ".\n"
                + "Draft of the markup: a canvas with id stage, a label with the title.\n</think>\n\n";
    }

    private static String python(Program p) {
        return "A quick prototype of \"" + p.title()
                + "\" in Python with pygame comes first; porting it to the browser is the next step.\n\n"
                + "```python\nimport random\nimport pygame\n\n\ndef main():\n    pygame.init()\n"
                + "    screen = pygame.display.set_mode((800, 600))\n    clock = pygame.time.Clock()\n"
                + "    dots = [(random.randrange(800), random.randrange(600)) for _ in range(100)]\n"
                + "    running = True\n    while running:\n        for event in pygame.event.get():\n"
                + "            if event.type == pygame.QUIT:\n                running = False\n"
                + "        screen.fill((12, 16, 36))\n        for x, y in dots:\n"
                + "            pygame.draw.circle(screen, (255, 200, 80), (x, y), 3)\n"
                + "        pygame.display.flip()\n        clock.tick(60)\n\n\nif __name__ == \"__main__\":\n    main()\n```\n";
    }

    private static String declined(Program p) {
        return "I'll describe an approach to \"" + p.title() + "\" instead of writing the page this time.\n\n"
                + "The idea would be " + p.style().look + ", redrawn every frame, where a click would "
                + p.style().onPress + " and a key press would " + p.style().onKey + ".\n\n"
                + "If you'd like, ask again and a complete file can follow.\n";
    }

    private static String pick(Random rnd, List<String> options) {
        return options.get(rnd.nextInt(options.size()));
    }
}
