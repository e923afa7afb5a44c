package autobench.render;

import java.util.List;
import java.util.Optional;

/**
 * Everything one render produced. A failed render is still an output: its status says how it
 * failed and its reason says why, in words fit for the site.
 *
 * @param artifacts       images to store, each with a unique kind (poster first when present)
 * @param console         the page's console messages, capped
 * @param errors          uncaught errors and unhandled rejections, capped
 * @param blockedRequests requests the network guard refused, capped (for the curious and tests)
 * @param assists         what the renderer did for the page beyond what it asked for, e.g.
 *                        "library substituted: three@0.160.0 → three@0.160.1" (also in the console)
 */
public record RenderOutput(
        RenderStatus status,
        String reason,
        Checks checks,
        List<Artifact> artifacts,
        List<ConsoleLine> console,
        List<String> errors,
        List<String> blockedRequests,
        Timing timing,
        List<String> assists) {
    public RenderOutput {
        artifacts = List.copyOf(artifacts);
        console = List.copyOf(console);
        errors = List.copyOf(errors);
        blockedRequests = List.copyOf(blockedRequests);
        assists = List.copyOf(assists);
    }

    public Optional<Artifact> artifact(String kind) {
        return artifacts.stream().filter(a -> a.kind().equals(kind)).findFirst();
    }
}
