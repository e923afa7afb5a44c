package autobench.render;

import org.junit.jupiter.api.Test;
import java.nio.file.*;

class ScratchDebugTest {
    @Test
    void dump() throws Exception {
        try (Renderer r = Renderer.open(ChromiumForTests.config())) {
            for (String name : System.getProperty("pages").split(",")) {
                RenderOutput out = r.render(HostileCorpusTest.page(name), 1);
                for (Artifact a : out.artifacts()) Files.write(Path.of("/tmp/dbg-" + name + "-" + a.kind() + (a.mimeType().endsWith("gif") ? ".gif" : ".png")), a.bytes());
                System.out.println("DBG " + name + " " + out.status() + " " + out.timing() + " " + out.checks() + " " + out.reason() + " " + out.console());
            }
        }
    }
}
