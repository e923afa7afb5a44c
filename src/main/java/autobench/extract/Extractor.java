package autobench.extract;

/** Turns a model's reply text into runnable HTML. Pure: no I/O. */
@FunctionalInterface
public interface Extractor {
    Extraction extract(String reply);
}
