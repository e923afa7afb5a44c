package autobench.gallery;

import java.util.List;

/**
 * What the renderer found for one answer.
 *
 * @param state  pending, rendering or done
 * @param result when done: ok, error, timeout, crashed, blank or render_failed
 * @param slow   the page was too slow to draw frame by frame in software, so it was drawn in coarser
 *               steps or its last complete frame was kept (null: rendered before the check existed)
 */
public record Render(
        String state,
        String result,
        String reason,
        Boolean runs,
        Boolean notBlank,
        Boolean animates,
        Boolean interactive,
        Boolean slow,
        List<Line> console,
        List<String> errors,
        Long loadMs) {

    /** One console message of the page. */
    public record Line(String type, String text) {}

    public Render {
        console = List.copyOf(console);
        errors = List.copyOf(errors);
    }

    public List<Line> consoleErrors() {
        return console.stream().filter(l -> l.type().equals("error")).toList();
    }
}
