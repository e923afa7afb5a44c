package autobench.render;

import java.util.List;

/**
 * Command-line switches for the render browser. Each one is here because a hostile page or the
 * closed network showed it was needed; docs/rendering.md tells the stories.
 */
final class ChromiumArgs {
    private ChromiumArgs() {}

    /** A host that cannot resolve: the proxy everything is sent to if a route never sees it. */
    static final String DEAD_PROXY = "http://no-network.autobench.invalid:9";

    static List<String> launch(String laneMarker) {
        return List.of(
                "--no-sandbox", // we run as root, where Chromium refuses its sandbox
                // Quiet on a closed network: no update checks, sync, field trials, QUIC probes.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--disable-domain-reliability",
                "--no-pings",
                // Route handlers do not stop DNS (link hints, frame navigations, WebRTC): no name resolves.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                // What slips past the routes (a beacon sent as a context closes, an IP literal) goes to
                // a proxy whose name cannot resolve, and loopback is not exempt from it.
                "--proxy-server=" + DEAD_PROXY,
                "--proxy-bypass-list=<-loopback>",
                // WebRTC may only use UDP through a proxy, and there is none that works: no STUN.
                "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
                "--webrtc-ip-handling-policy=disable_non_proxied_udp",
                // WebGL without a GPU, so three.js answers render.
                "--use-angle=swiftshader",
                "--enable-unsafe-swiftshader",
                // 2D canvas on the CPU: through SwiftShader every shape costs tens of times more.
                "--disable-accelerated-2d-canvas",
                // Compositing in software too: through SwiftShader it cost more CPU than the pages
                // themselves (the GPU process took a third of a render); WebGL still gets SwiftShader.
                "--disable-gpu-compositing",
                // Keyboard scrolling is otherwise animated in real time and lands after our scroll reset.
                "--disable-smooth-scrolling",
                "--mute-audio",
                "--autoplay-policy=user-gesture-required",
                "--js-flags=--max-old-space-size=512",
                "--autobench-lane=" + laneMarker); // unknown switch, ignored; lets us find our own processes
    }

    /**
     * Playwright defaults we take out. With IPC flooding protection off, a history.pushState loop
     * freezes the whole browser; with popup blocking off, a click could open windows.
     */
    static List<String> removedDefaults() {
        return List.of("--disable-ipc-flooding-protection", "--disable-popup-blocking");
    }
}
