package autobench.task;

import java.util.Locale;

/** Closed vocabulary of task categories; the ratings can be sliced by these. */
public enum Category {
    ANIMATION, INTERACTIVE_TOY, GAME, DATA_VISUALISATION, GENERATIVE_ART, SIMULATION, UI_WIDGET;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name ("game", "data_visualisation"); unknown values are an error, never a default. */
    public static Category fromWire(String s) {
        if (s == null) throw new IllegalArgumentException("category is missing");
        String k = s.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (Category c : values()) if (c.name().equals(k)) return c;
        throw new IllegalArgumentException("unknown category '" + s + "'");
    }
}
