package autobench.gallery;

/** The large texts of one answer, read only when a page asks for them. */
public record Texts(String code, String rawResponse, String answer, String reasoning) {}
