package autobench.provider.demo;

import java.util.Map;
import java.util.Random;

/** demo-orbit: particles circling attractors, leaving soft trails. */
final class Orbit {
    private Orbit() {}

    static String script(Random rnd) {
        return Text.fill(
                JS,
                Map.of(
                        "count", Integer.toString(120 + rnd.nextInt(220)),
                        "speed", Text.num(0.6 + rnd.nextDouble() * 1.4),
                        "tilt", Text.num(rnd.nextBoolean() ? 1.0 : 0.45 + rnd.nextDouble() * 0.4),
                        "trail", Text.num(0.06 + rnd.nextDouble() * 0.25),
                        "glow", rnd.nextBoolean() ? "'lighter'" : "'source-over'"));
    }

    private static final String JS = """
            const COUNT = {{count}};
            const SPEED = {{speed}};
            const TILT = {{tilt}};
            const TRAIL = {{trail}};
            const centers = [{ x: W / 2, y: H / 2 }];
            const bodies = [];
            let direction = 1;
            let shift = 0;
            // the first bodies start on their orbits (a full first frame); clicked ones burst from the click
            function spawn(center, n, burst) {
              for (let i = 0; i < n; i++) {
                const angle = Math.random() * Math.PI * 2;
                const radius = 12 + Math.pow(Math.random(), 0.7) * Math.min(W, H) * 0.42;
                bodies.push({
                  center,
                  angle,
                  radius,
                  x: burst ? center.x : center.x + Math.cos(angle) * radius,
                  y: burst ? center.y : center.y + Math.sin(angle) * radius * TILT,
                  speed: (0.4 + Math.random()) * SPEED,
                  size: 0.8 + Math.random() * 2.6,
                  tone: Math.floor(Math.random() * (PALETTE.length - 2)),
                });
              }
              if (bodies.length > 1200) bodies.splice(0, bodies.length - 1200);
            }
            spawn(centers[0], COUNT, false);
            function frame(dt, t) {
              ctx.globalCompositeOperation = 'source-over';
              ctx.globalAlpha = TRAIL;
              ctx.fillStyle = BG;
              ctx.fillRect(0, 0, W, H);
              ctx.globalAlpha = 1;
              ctx.globalCompositeOperation = {{glow}};
              for (const b of bodies) {
                b.angle += direction * b.speed * dt * (80 / (b.radius + 30));
                const wobble = Math.sin(t * 1.7 + b.radius * 0.05) * 6;
                const tx = b.center.x + Math.cos(b.angle) * (b.radius + wobble);
                const ty = b.center.y + Math.sin(b.angle) * (b.radius + wobble) * TILT;
                b.x += (tx - b.x) * 0.08;
                b.y += (ty - b.y) * 0.08;
                ctx.fillStyle = PALETTE[1 + ((b.tone + shift) % (PALETTE.length - 2))];
                ctx.beginPath();
                ctx.arc(b.x, b.y, b.size, 0, Math.PI * 2);
                ctx.fill();
              }
              ctx.globalCompositeOperation = 'source-over';
              ctx.strokeStyle = PALETTE[PALETTE.length - 1];
              ctx.lineWidth = 1.5;
              for (const c of centers) {
                ctx.beginPath();
                ctx.arc(c.x, c.y, 6 + Math.sin(t * 3) * 2, 0, Math.PI * 2);
                ctx.stroke();
              }
            }
            function press(x, y) {
              const c = { x, y };
              centers.push(c);
              if (centers.length > 6) centers.splice(1, 1);
              spawn(c, 60, true);
            }
            function drag(x, y) {
              centers[0].x = x;
              centers[0].y = y;
            }
            function key() {
              direction = -direction;
              shift = (shift + 1) % (PALETTE.length - 2);
            }
            """;
}
