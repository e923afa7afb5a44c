package autobench.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;

/** The precompiled jte templates (src/main/jte, compiled at build time), rendered to bytes. */
final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders {@code name}.jte with its page record as the one parameter. */
    Response page(String name, Object page) {
        return page(200, name, page);
    }

    Response page(int status, String name, Object page) {
        Utf8ByteOutput out = new Utf8ByteOutput();
        engine.render(name + ".jte", page, out);
        return new Response(status, Response.HTML, out.toByteArray());
    }
}
