package autobench.provider;

/** Why an answered completion stopped. */
public enum Finish {
    /** The model finished on its own. */
    STOP,
    /** The output token limit cut the answer off. */
    LENGTH,
    /** Anything else the API reported (kept in the raw reply). */
    OTHER
}
