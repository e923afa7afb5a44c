package autobench.provider.demo;

import java.util.List;
import java.util.Random;

/** The demo models' looks. Each is a distinct algorithm, so their answers are told apart at a glance. */
enum Style {
    ORBIT(
            "demo-orbit",
            "particles circling attractors with soft trails",
            "add an attractor",
            "move the main attractor",
            "reverse the orbits and shift the colours",
            ".label { left: 18px; bottom: 14px; font-family: system-ui, sans-serif; }"),
    GRID(
            "demo-grid",
            "a cellular automaton on coloured tiles",
            "seed living cells",
            "paint cells",
            "switch the rule and reseed",
            ".label { left: 12px; top: 12px; padding: 6px 10px; font-family: ui-monospace, monospace;"
                    + " background: rgba(0, 0, 0, 0.55); border-radius: 4px; }"),
    WAVES(
            "demo-waves",
            "layered flowing lines",
            "send a ripple",
            "pull the lines",
            "shift the colours and the wave height",
            ".label { left: 0; right: 0; bottom: 18px; text-align: center; font-family: Georgia, serif; font-style: italic; }"),
    BLOCKS(
            "demo-blocks",
            "bold rotating tiles under a big word",
            "turn a tile and drop blocks",
            "turn tiles",
            "recolour and reshape the tiles",
            ".label { right: 16px; top: 14px; text-align: right; font-family: 'Arial Black', Impact, sans-serif;"
                    + " text-transform: uppercase; }");

    /** The model names the config offers, one per style. */
    static final List<String> NAMES = List.of(ORBIT.model, GRID.model, WAVES.model, BLOCKS.model);

    final String model;
    final String look;
    final String onPress;
    final String onDrag;
    final String onKey;
    final String labelCss;

    Style(String model, String look, String onPress, String onDrag, String onKey, String labelCss) {
        this.model = model;
        this.look = look;
        this.onPress = onPress;
        this.onDrag = onDrag;
        this.onKey = onKey;
        this.labelCss = labelCss;
    }

    /** The style named by a demo model; any other name still gets one, chosen by its hash. */
    static Style forModel(String name) {
        for (Style s : values()) if (s.model.equals(name)) return s;
        return values()[(int) Math.floorMod(Seed.of(name), (long) values().length)];
    }

    String script(Random rnd, String title) {
        return switch (this) {
            case ORBIT -> Orbit.script(rnd);
            case GRID -> Grid.script(rnd);
            case WAVES -> Waves.script(rnd);
            case BLOCKS -> Blocks.script(rnd, title);
        };
    }
}
