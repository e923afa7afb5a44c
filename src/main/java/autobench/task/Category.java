package autobench.task;

import autobench.WireName;

/** Closed vocabulary of task categories; the ratings can be sliced by these. */
public enum Category implements WireName {
    ANIMATION,
    INTERACTIVE_TOY,
    GAME,
    DATA_VISUALISATION,
    GENERATIVE_ART,
    SIMULATION,
    UI_WIDGET
}
