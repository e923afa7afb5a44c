package autobench.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the watchdog tells a frame drawn in software from an endless loop, by where the CPU went (ticks of 10 ms). */
class StalledStageTest {
    private static boolean drawing(long pageTicks, long gpuTicks, long windowMs) {
        return Lane.drawing(new ChromiumProcesses.Cpu(pageTicks, gpuTicks), windowMs);
    }

    @Test
    void the_gpu_process_busy_while_the_page_waits_is_drawing() {
        assertThat(drawing(5, 180, 2_000)).isTrue();
        assertThat(drawing(40, 60, 2_000))
                .as("a quarter of a core, more than the page")
                .isTrue();
    }

    @Test
    void the_page_busy_is_a_loop_even_when_it_keeps_the_gpu_process_busy_too() {
        assertThat(drawing(190, 3, 2_000)).isFalse();
        assertThat(drawing(150, 120, 2_000)).isFalse();
    }

    @Test
    void neither_busy_is_a_stall_not_a_frame() {
        assertThat(drawing(0, 0, 2_000)).isFalse();
        assertThat(drawing(1, 20, 2_000)).as("a tenth of a core is not drawing").isFalse();
    }

    @Test
    void a_process_replaced_during_the_window_is_not_evidence_of_drawing() {
        assertThat(drawing(-300, 100, 2_000)).isFalse();
        assertThat(drawing(10, -50, 2_000)).isFalse();
        assertThat(drawing(10, 100, 0)).isFalse();
    }

    @Test
    void a_page_stopped_as_not_responding_says_where_the_cpu_went() {
        assertThat(Lane.cpuSplit(new ChromiumProcesses.Cpu(190, 3), 2_000))
                .isEqualTo("stopped as not responding: in the last 2.0 s the page used 1900 ms of CPU,"
                        + " the browser's GPU process 30 ms");
    }
}
