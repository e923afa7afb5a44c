package autobench.render;

/** A small, well-behaved animated page: what every render after a hostile one must still handle. */
final class Canary {
    private Canary() {}

    static final String PAGE = """
            <!doctype html><body style="margin:0"><canvas id=c width=800 height=600></canvas><script>
            const g = c.getContext('2d'); let t = 0;
            (function f() { t++; g.fillStyle = '#102030'; g.fillRect(0, 0, 800, 600);
              for (let i = 0; i < 60; i++) { g.fillStyle = `hsl(${(i * 9 + t) % 360},80%,60%)`;
                g.fillRect(400 + Math.cos(i + t / 40) * i * 5, 300 + Math.sin(i + t / 30) * i * 4, 14, 14); }
              requestAnimationFrame(f); })();
            </script>""";
}
