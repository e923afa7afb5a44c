package autobench.provider.demo;

import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** demo-blocks: bold rotating geometric tiles under a big word from the task's title. */
final class Blocks {
    private Blocks() {}

    static String script(Random rnd, String title) {
        return Text.fill(
                JS,
                Map.of(
                        "grid", Integer.toString(4 + rnd.nextInt(6)),
                        "period", Text.num(0.08 + rnd.nextDouble() * 0.4),
                        "word", Text.js(word(title)),
                        "gravity", Integer.toString(600 + rnd.nextInt(700))));
    }

    /** The title's longest word, in capitals: big type needs a short word. */
    static String word(String title) {
        String best = "";
        for (String w : title.split("[^\\p{L}\\p{N}]+")) if (w.length() > best.length()) best = w;
        if (best.isEmpty()) best = "DEMO";
        return (best.length() > 12 ? best.substring(0, 12) : best).toUpperCase(Locale.ROOT);
    }

    private static final String JS = """
            const GRID = {{grid}};
            const PERIOD = {{period}};
            const WORD = {{word}};
            const GRAVITY = {{gravity}};
            let tiles = [];
            let size = 0;
            let clock = 0;
            let hue = 0;
            const falling = [];
            function build() {
              size = Math.max(8, Math.ceil(W / GRID));
              tiles = [];
              for (let j = 0; j < Math.ceil(H / size); j++) {
                for (let i = 0; i < GRID; i++) {
                  const turn = (Math.floor(Math.random() * 4) * Math.PI) / 2;
                  tiles.push({ i, j, kind: Math.floor(Math.random() * 4), tone: Math.floor(Math.random() * 9), rot: turn, goal: turn });
                }
              }
            }
            build();
            function tileAt(x, y) {
              const i = Math.floor(x / size);
              const j = Math.floor(y / size);
              return tiles.find((t) => t.i === i && t.j === j);
            }
            function paintTile(t) {
              const h = size / 2;
              ctx.save();
              ctx.translate(t.i * size + h, t.j * size + h);
              ctx.rotate(t.rot);
              ctx.fillStyle = PALETTE[1 + ((t.tone + hue) % (PALETTE.length - 2))];
              ctx.beginPath();
              if (t.kind === 0) { ctx.moveTo(-h, -h); ctx.arc(-h, -h, size, 0, Math.PI / 2); }
              else if (t.kind === 1) { ctx.moveTo(-h, -h); ctx.lineTo(h, -h); ctx.lineTo(-h, h); }
              else if (t.kind === 2) ctx.rect(-h, -h, size, h);
              else { ctx.arc(0, 0, h * 0.8, 0, Math.PI * 2); ctx.arc(0, 0, h * 0.4, 0, Math.PI * 2, true); }
              ctx.fill();
              ctx.restore();
            }
            function frame(dt, t) {
              if (Math.max(8, Math.ceil(W / GRID)) !== size) build();
              ctx.fillStyle = BG;
              ctx.fillRect(0, 0, W, H);
              clock += dt;
              if (clock > PERIOD && tiles.length) {
                clock = 0;
                tiles[Math.floor(Math.random() * tiles.length)].goal += Math.PI / 2;
              }
              for (const tile of tiles) {
                tile.rot += (tile.goal - tile.rot) * Math.min(1, dt * 6);
                paintTile(tile);
              }
              for (const b of falling) {
                b.vy += GRAVITY * dt;
                b.x += b.vx * dt;
                b.y += b.vy * dt;
                b.spin += dt * 3;
                if (b.y > H - b.s / 2) { b.y = H - b.s / 2; b.vy *= -0.55; }
                ctx.save();
                ctx.translate(b.x, b.y);
                ctx.rotate(b.spin);
                ctx.fillStyle = PALETTE[PALETTE.length - 1];
                ctx.fillRect(-b.s / 2, -b.s / 2, b.s, b.s);
                ctx.restore();
              }
              if (falling.length > 80) falling.splice(0, falling.length - 80);
              const fontSize = Math.min(W, H) * 0.14;
              ctx.font = `900 ${fontSize}px Impact, 'Arial Black', sans-serif`;
              ctx.textAlign = 'center';
              ctx.textBaseline = 'middle';
              ctx.lineWidth = Math.max(2, fontSize / 14);
              ctx.strokeStyle = BG;
              const lift = Math.sin(t * 1.4) * fontSize * 0.08;
              ctx.strokeText(WORD, W / 2, H / 2 + lift);
              ctx.fillStyle = PALETTE[PALETTE.length - 1];
              ctx.fillText(WORD, W / 2, H / 2 + lift);
            }
            function press(x, y) {
              const tile = tileAt(x, y);
              if (tile) tile.goal += Math.PI / 2;
              for (let k = 0; k < 6; k++) {
                falling.push({ x, y, vx: (Math.random() - 0.5) * 400, vy: -200 - Math.random() * 300, s: 8 + Math.random() * 22, spin: 0 });
              }
            }
            function drag(x, y) {
              const tile = tileAt(x, y);
              if (tile && Math.abs(tile.goal - tile.rot) < 0.1) tile.goal += Math.PI / 2;
            }
            function key() {
              hue += 1;
              for (const tile of tiles) tile.kind = Math.floor(Math.random() * 4);
            }
            """;
}
