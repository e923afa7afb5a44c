package autobench.provider.demo;

/**
 * The part every demo program shares: a full-window canvas, pointer and key input, and the
 * animation loop. A style supplies {@code frame(dt, t)}, {@code press(x, y)}, {@code drag(x, y)}
 * and {@code key(k)}; input changes what is drawn, so a renderer's "reacts to input" check sees it.
 */
final class Frame {
    private Frame() {}

    static final String HEAD = """
            'use strict';
            // AutoBench demo program ({{style}}): written by a script, not by an AI model.
            const canvas = document.getElementById('stage');
            const ctx = canvas.getContext('2d');
            const PALETTE = {{palette}};
            const BG = PALETTE[0];
            let W = 0;
            let H = 0;
            function fit() {
              W = canvas.width = Math.max(1, window.innerWidth);
              H = canvas.height = Math.max(1, window.innerHeight);
            }
            fit();
            const pointer = { x: W / 2, y: H / 2, down: false };
            """;

    static final String TAIL = """
            window.addEventListener('resize', fit);
            canvas.addEventListener('pointerdown', (e) => {
              pointer.down = true;
              pointer.x = e.clientX;
              pointer.y = e.clientY;
              press(pointer.x, pointer.y);
            });
            window.addEventListener('pointermove', (e) => {
              pointer.x = e.clientX;
              pointer.y = e.clientY;
              if (pointer.down) drag(pointer.x, pointer.y);
            });
            window.addEventListener('pointerup', () => {
              pointer.down = false;
            });
            window.addEventListener('keydown', (e) => key(e.key));
            let before = performance.now();
            function loop(now) {
              const dt = Math.min(0.05, Math.max(0, (now - before) / 1000));
              before = now;
              frame(dt, now / 1000);
              requestAnimationFrame(loop);
            }
            requestAnimationFrame(loop);
            """;
}
