package autobench.gallery;

/** A model as visitors see it; demo models are deterministic programs, labelled wherever they appear. */
public record ModelInfo(String id, String provider, String modelName, boolean demo, boolean enabled) {}
