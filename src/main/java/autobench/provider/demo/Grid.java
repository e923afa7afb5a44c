package autobench.provider.demo;

import java.util.Map;
import java.util.Random;

/** demo-grid: a cellular automaton on coloured tiles; cells brighten as they age. */
final class Grid {
    private Grid() {}

    static String script(Random rnd) {
        return Text.fill(
                JS,
                Map.of(
                        "cell", Integer.toString(8 + rnd.nextInt(4) * 4),
                        "tick", Text.num(0.05 + rnd.nextDouble() * 0.12),
                        "density", Text.num(0.15 + rnd.nextDouble() * 0.2),
                        "shape", Integer.toString(rnd.nextInt(3)),
                        "rule", Integer.toString(rnd.nextInt(3))));
    }

    private static final String JS = """
            const CELL = {{cell}};
            const TICK = {{tick}};
            const DENSITY = {{density}};
            const SHAPE = {{shape}}; // 0 squares, 1 dots, 2 diamonds
            const RULES = [
              { born: [3], keep: [2, 3] },
              { born: [3, 6], keep: [2, 3] },
              { born: [3, 6, 7, 8], keep: [3, 4, 6, 7, 8] },
            ];
            let rule = {{rule}};
            let cols = 0;
            let rows = 0;
            let cells = new Uint8Array(0);
            let ages = new Uint16Array(0);
            let wait = 0;
            function seed() {
              cols = Math.ceil(W / CELL);
              rows = Math.ceil(H / CELL);
              cells = new Uint8Array(cols * rows);
              ages = new Uint16Array(cols * rows);
              for (let i = 0; i < cells.length; i++) cells[i] = Math.random() < DENSITY ? 1 : 0;
            }
            seed();
            function sprinkle(cx, cy, radius) {
              for (let dy = -radius; dy <= radius; dy++) {
                for (let dx = -radius; dx <= radius; dx++) {
                  const x = (cx + dx + cols) % cols;
                  const y = (cy + dy + rows) % rows;
                  if (Math.random() < 0.6) cells[y * cols + x] = 1;
                }
              }
            }
            function tick() {
              const next = new Uint8Array(cells.length);
              const r = RULES[rule];
              let alive = 0;
              for (let y = 0; y < rows; y++) {
                for (let x = 0; x < cols; x++) {
                  let n = 0;
                  for (let dy = -1; dy <= 1; dy++) {
                    for (let dx = -1; dx <= 1; dx++) {
                      if (dx || dy) n += cells[((y + dy + rows) % rows) * cols + ((x + dx + cols) % cols)];
                    }
                  }
                  const i = y * cols + x;
                  next[i] = (cells[i] ? r.keep : r.born).includes(n) ? 1 : 0;
                  ages[i] = next[i] ? Math.min(ages[i] + 1, 999) : 0;
                  alive += next[i];
                }
              }
              cells = next;
              if (alive < cells.length * 0.02) sprinkle(Math.floor(Math.random() * cols), Math.floor(Math.random() * rows), 4);
            }
            function frame(dt, t) {
              if (Math.ceil(W / CELL) !== cols || Math.ceil(H / CELL) !== rows) seed();
              wait += dt;
              if (wait > TICK) {
                wait = 0;
                tick();
              }
              ctx.fillStyle = BG;
              ctx.fillRect(0, 0, W, H);
              const pad = Math.max(1, CELL * 0.12);
              for (let y = 0; y < rows; y++) {
                for (let x = 0; x < cols; x++) {
                  const i = y * cols + x;
                  if (!cells[i]) continue;
                  ctx.fillStyle = PALETTE[1 + Math.min(PALETTE.length - 2, Math.floor(ages[i] / 3))];
                  const cx = x * CELL + CELL / 2;
                  const cy = y * CELL + CELL / 2;
                  ctx.beginPath();
                  if (SHAPE === 1) ctx.arc(cx, cy, CELL / 2 - pad, 0, Math.PI * 2);
                  else if (SHAPE === 2) { ctx.moveTo(cx, cy - CELL / 2); ctx.lineTo(cx + CELL / 2, cy); ctx.lineTo(cx, cy + CELL / 2); ctx.lineTo(cx - CELL / 2, cy); }
                  else ctx.rect(x * CELL + pad, y * CELL + pad, CELL - pad * 2, CELL - pad * 2);
                  ctx.fill();
                }
              }
              // a faint scan line, so even a still pattern is visibly animated
              ctx.fillStyle = 'rgba(255, 255, 255, 0.07)';
              ctx.fillRect(((t * 90) % (W + 200)) - 100, 0, 40, H);
              ctx.strokeStyle = PALETTE[PALETTE.length - 1];
              ctx.strokeRect(Math.floor(pointer.x / CELL) * CELL, Math.floor(pointer.y / CELL) * CELL, CELL, CELL);
            }
            function press(x, y) {
              sprinkle(Math.floor(x / CELL), Math.floor(y / CELL), 3);
            }
            function drag(x, y) {
              sprinkle(Math.floor(x / CELL), Math.floor(y / CELL), 1);
            }
            function key() {
              rule = (rule + 1) % RULES.length;
              seed();
            }
            """;
}
