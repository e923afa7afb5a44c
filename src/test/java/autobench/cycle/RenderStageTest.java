package autobench.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import autobench.config.Config;
import autobench.dispatch.Submission;
import autobench.dispatch.SubmissionStatus;
import autobench.provider.Completion;
import autobench.provider.Finish;
import autobench.provider.Provider;
import autobench.provider.Usage;
import autobench.render.*;
import autobench.task.StoredTask;
import autobench.task.TaskStatus;
import autobench.testing.Store;
import autobench.testing.TestAssembly;
import autobench.testing.TestConfigs;
import autobench.wiring.Assembly;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The render stage in the cycle: each answer rendered once, artifacts content-addressed, tasks published. */
@Tag("slow")
class RenderStageTest {
    static final LocalDate DAY = LocalDate.of(2026, 9, 9);
    static final String PAGE = """
            <!doctype html><html><body style="margin:0;background:#123"><canvas id=c width=800 height=600></canvas><script>
            const g = document.getElementById('c').getContext('2d'); let t = 0;
            function f() { t++; g.fillStyle = '#123'; g.fillRect(0, 0, 800, 600); g.fillStyle = '#fc3';
              g.beginPath(); g.arc(400 + 200 * Math.cos(t / 20), 300, 40 + 20 * Math.random(), 0, 7); g.fill(); requestAnimationFrame(f); }
            f();</script></body></html>""";

    @TempDir
    Path tmp;

    Config config(Store store, boolean render) {
        String yaml = TestConfigs.base(store.freshUrl(tmp), 1).replace("enabled: false", "enabled: " + render)
                + TestConfigs.stubModel("a", 9, 30)
                + TestConfigs.stubModel("b", 9, 30);
        return TestConfigs.load(tmp, yaml, Map.of());
    }

    static final Provider ANSWERS =
            p -> new Completion.Answered("```html\n" + PAGE + "\n```", "", Finish.STOP, new Usage(5, 5, 0), "v", "{}");

    @ParameterizedTest
    @EnumSource(Store.class)
    void each_answer_is_rendered_once_with_content_addressed_artifacts_and_the_task_is_published(Store store)
            throws Exception {
        ChromiumForTests.require();
        try (Assembly a = TestAssembly.of(config(store, true))
                .providers(Map.of("a", ANSWERS, "b", ANSWERS))
                .build()) {
            DailyCycle.Result r = a.pipeline().dailyCycle().run(DAY);
            assertThat(r.render().skipped()).isNull();
            assertThat(r.render().rendered()).isEqualTo(2);
            StoredTask task = r.tasks().get(0);
            assertThat(task.status()).isEqualTo(TaskStatus.PUBLISHED);
            RenderStore results = new RenderStore(a.storage().database());
            ArtifactStore artifacts = new ArtifactStore(a.storage().database());
            for (Submission s : a.storage().submissions().forTask(task.id())) {
                RenderStore.Row row = results.find(s.id()).orElseThrow();
                assertThat(row.status()).isEqualTo(RenderStore.State.DONE);
                assertThat(row.result()).isEqualTo("ok");
                assertThat(row.runs()).isTrue();
                assertThat(row.notBlank()).isTrue();
                assertThat(row.animates()).isTrue();
                assertThat(row.attempts()).isEqualTo(1);
                List<ArtifactStore.Stored> stored = artifacts.forSubmission(s.id());
                assertThat(stored).extracting(ArtifactStore.Stored::kind).contains(Artifact.POSTER, Artifact.PREVIEW);
                for (ArtifactStore.Stored st : stored) {
                    byte[] bytes = artifacts.blob(st.sha256()).orElseThrow().content();
                    assertThat(HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(bytes)))
                            .isEqualTo(st.sha256());
                }
            }
            int before = artifacts.count();
            DailyCycle.Result again = a.pipeline().dailyCycle().run(DAY);
            assertThat(again.render().rendered()).as("a rerun renders nothing").isZero();
            assertThat(artifacts.count()).isEqualTo(before);

            Submission first = a.storage().submissions().forTask(task.id()).get(0);
            a.pipeline().renderStage().rerender(first.id());
            assertThat(results.find(first.id()).orElseThrow().attempts()).isEqualTo(2);
            assertThat(artifacts.forSubmission(first.id())).isNotEmpty();
        }
    }

    @Test
    void without_chromium_the_stage_is_skipped_with_how_to_install_it_and_the_cycle_still_dispatches() {
        try (Assembly a = TestAssembly.of(config(Store.SQLITE, false))
                .providers(Map.of("a", ANSWERS, "b", ANSWERS))
                .build()) {
            a.pipeline().dailyCycle().run(DAY);
            RenderStage noChromium = new RenderStage(
                    new RenderStage.Stores(
                            a.storage().tasks(),
                            a.storage().submissions(),
                            new RenderStore(a.storage().database()),
                            new ArtifactStore(a.storage().database())),
                    () -> {
                        throw new IllegalStateException(Renderer.installHint());
                    },
                    Duration.ofSeconds(30),
                    new RenderStage.Runtime(Clock.systemUTC(), "me", l -> {}, new SimpleMeterRegistry()));
            RenderStage.Report r = noChromium.renderDay(DAY);
            assertThat(r.skipped()).contains("apt-get install -y chromium-headless-shell");
            assertThat(a.storage().tasks().forDay(DAY)).allMatch(t -> t.status() == TaskStatus.DISPATCHED);
            assertThat(a.storage().submissions().countsByStatus()).containsEntry(SubmissionStatus.SUCCEEDED, 2);
        }
    }
}
