package autobench.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.Predicate;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class LaunchArgumentsTest {
    @Test
    void no_host_name_resolves_and_what_escapes_routes_goes_to_a_dead_proxy() {
        assertThat(ChromiumArgs.launch("x"))
                .contains(
                        "--host-resolver-rules=MAP * ~NOTFOUND",
                        "--proxy-server=" + ChromiumArgs.DEAD_PROXY,
                        "--proxy-bypass-list=<-loopback>",
                        "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
                        "--no-sandbox",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--disable-quic");
    }

    @Test
    void ipc_flooding_protection_and_popup_blocking_stay_on() {
        assertThat(ChromiumArgs.removedDefaults())
                .contains("--disable-ipc-flooding-protection", "--disable-popup-blocking");
        assertThat(ChromiumArgs.launch("x"))
                .doesNotContain("--disable-ipc-flooding-protection", "--disable-popup-blocking");
    }

    @Test
    void the_seed_reaches_the_init_script_as_a_32_bit_number() {
        assertThat(InitScript.forSeed(42)).contains("const SEED = (42);").doesNotContain("__SEED__");
        assertThat(InitScript.forSeed(-1L)).contains("const SEED = (0);");
        assertThat(InitScript.forSeed(1L << 40)).contains("const SEED = (256);");
    }

    @Test
    void reports_from_the_page_carry_the_render_prefix_which_cannot_smuggle_script() {
        assertThat(InitScript.forRender(1, "autobench-abc-123"))
                .contains("report('autobench-abc-123 navigation '")
                .doesNotContain("__REPORT__");
        Assertions.assertThatThrownBy(() -> InitScript.forRender(1, "x'); alert(1); ('"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_headless_shell_is_preferred_over_the_full_browser_and_an_explicit_path_over_both() {
        Predicate<Path> everything = p -> true;
        assertThat(Renderer.find(null, everything)).contains(Path.of("/usr/bin/chromium-headless-shell"));
        assertThat(Renderer.find(null, p -> p.toString().equals("/usr/bin/chromium")))
                .contains(Path.of("/usr/bin/chromium"));
        assertThat(Renderer.find("/opt/chrome/chrome", everything)).contains(Path.of("/opt/chrome/chrome"));
        assertThat(Renderer.find("/opt/chrome/chrome", p -> false)).isEmpty();
    }

    @Test
    void compositing_runs_in_software_while_webgl_keeps_swiftshader() {
        assertThat(ChromiumArgs.launch("x"))
                .contains(
                        "--disable-gpu-compositing",
                        "--disable-accelerated-2d-canvas",
                        "--use-angle=swiftshader",
                        "--enable-unsafe-swiftshader")
                .doesNotContain("--disable-gpu");
    }
}
