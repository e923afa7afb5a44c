package autobench.provider.demo;

import java.util.Map;
import java.util.Random;

/** demo-waves: layered flowing lines from summed sines; clicks send ripples through them. */
final class Waves {
    private Waves() {}

    static String script(Random rnd) {
        return Text.fill(
                JS,
                Map.of(
                        "lines", Integer.toString(6 + rnd.nextInt(18)),
                        "amp", Text.num(20 + rnd.nextDouble() * 50),
                        "freq", Text.num(0.004 + rnd.nextDouble() * 0.012),
                        "speed", Text.num(0.3 + rnd.nextDouble() * 1.2),
                        "fill", rnd.nextBoolean() ? "true" : "false",
                        "width", Text.num(1 + rnd.nextDouble() * 3)));
    }

    private static final String JS = """
            const LINES = {{lines}};
            const AMP = {{amp}};
            const FREQ = {{freq}};
            const SPEED = {{speed}};
            const FILLED = {{fill}};
            let amp = AMP;
            let offset = 0;
            const phases = [];
            for (let i = 0; i < LINES; i++) phases.push(Math.random() * Math.PI * 2);
            const ripples = [];
            function noise(x) {
              return Math.sin(x) * 0.55 + Math.sin(x * 2.13 + 1.3) * 0.3 + Math.sin(x * 4.7 + 0.2) * 0.15;
            }
            function heightAt(i, x, t) {
              const base = (H * (i + 1)) / (LINES + 1);
              let y = base + noise(x * FREQ + t * SPEED + phases[i]) * amp;
              for (const r of ripples) {
                const d = Math.hypot(x - r.x, base - r.y);
                const front = r.age * 260;
                y += Math.sin((d - front) * 0.06) * r.power * Math.exp(-Math.abs(d - front) / 90);
              }
              if (pointer.down) {
                const d = Math.hypot(x - pointer.x, base - pointer.y);
                y += (pointer.y - base) * Math.exp(-d / 120) * 0.5;
              }
              return y;
            }
            function frame(dt, t) {
              ctx.globalAlpha = FILLED ? 1 : 0.35;
              ctx.fillStyle = BG;
              ctx.fillRect(0, 0, W, H);
              ctx.globalAlpha = 1;
              ctx.lineWidth = {{width}};
              for (let i = 0; i < LINES; i++) {
                const color = PALETTE[1 + ((i + offset) % (PALETTE.length - 1))];
                ctx.beginPath();
                for (let x = 0; x <= W + 10; x += 10) {
                  const y = heightAt(i, x, t);
                  if (x === 0) ctx.moveTo(x, y);
                  else ctx.lineTo(x, y);
                }
                ctx.strokeStyle = color;
                ctx.stroke();
                if (FILLED) {
                  ctx.lineTo(W + 10, H);
                  ctx.lineTo(0, H);
                  ctx.closePath();
                  ctx.globalAlpha = 0.25;
                  ctx.fillStyle = color;
                  ctx.fill();
                  ctx.globalAlpha = 1;
                }
              }
              for (const r of ripples) {
                r.age += dt;
                r.power *= 0.985;
              }
              while (ripples.length && ripples[0].age > 4) ripples.shift();
            }
            function press(x, y) {
              ripples.push({ x, y, age: 0, power: 25 + Math.random() * 35 });
            }
            function drag(x, y) {
              if (Math.random() < 0.2) ripples.push({ x, y, age: 0, power: 8 + Math.random() * 8 });
              if (ripples.length > 16) ripples.shift();
            }
            function key() {
              offset += 1;
              amp = amp === AMP ? AMP * 2.2 : AMP;
            }
            """;
}
