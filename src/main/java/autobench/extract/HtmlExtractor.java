package autobench.extract;

import java.util.List;

/** PLACEHOLDER until the real extractor lands. */
public final class HtmlExtractor implements Extractor {
    @Override
    public Extraction extract(String reply) {
        int a = reply.indexOf("```html");
        if (a < 0) return new Extraction(null, List.of(), "no code found");
        int b = reply.indexOf("```", a + 7);
        return new Extraction(reply.substring(a + 7, b < 0 ? reply.length() : b).trim(), List.of(Assist.TOOK_FENCE), null);
    }
}
