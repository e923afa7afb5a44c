package autobench.web;

import autobench.gallery.Gallery;
import autobench.gallery.TaskView;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** An Atom feed of published days, newest first: one entry per day, listing its tasks. */
final class Feed {
    private static final int DAYS = 30;
    private final Gallery gallery;
    private final Origins origins;

    Feed(Gallery gallery, Origins origins) {
        this.gallery = gallery;
        this.origins = origins;
    }

    Response atom(Context ctx) {
        String base = origins.main(ctx);
        var days = gallery.publishedDays();
        StringBuilder b = new StringBuilder(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        b.append("<title>AutoBench: published days</title>\n");
        b.append("<id>").append(Svg.esc(base)).append("/feed.atom</id>\n");
        b.append("<link rel=\"self\" href=\"").append(Svg.esc(base)).append("/feed.atom\"/>\n");
        b.append("<link href=\"").append(Svg.esc(base)).append("/\"/>\n");
        b.append("<updated>")
                .append(stamp(days.isEmpty() ? LocalDate.EPOCH : days.get(0)))
                .append("</updated>\n");
        b.append("<author><name>AutoBench</name></author>\n");
        for (LocalDate d : days.subList(0, Math.min(DAYS, days.size()))) {
            b.append("<entry>\n<title>Tasks of ").append(d).append("</title>\n");
            b.append("<id>")
                    .append(Svg.esc(base))
                    .append("/archive#d-")
                    .append(d)
                    .append("</id>\n");
            b.append("<link href=\"")
                    .append(Svg.esc(base))
                    .append("/archive#d-")
                    .append(d)
                    .append("\"/>\n");
            b.append("<updated>").append(stamp(d)).append("</updated>\n<content type=\"html\">");
            StringBuilder html = new StringBuilder("<ul>");
            for (TaskView t : gallery.day(d)) {
                html.append("<li><a href=\"")
                        .append(Svg.esc(base))
                        .append("/task/")
                        .append(Svg.esc(t.id()))
                        .append("\">")
                        .append(Svg.esc(t.title()))
                        .append("</a> (")
                        .append(Svg.esc(t.category()))
                        .append(", ")
                        .append(t.answers().size())
                        .append(" answers)</li>");
            }
            b.append(Svg.esc(html.append("</ul>").toString())).append("</content>\n</entry>\n");
        }
        return Response.of(
                200,
                "application/atom+xml; charset=utf-8",
                b.append("</feed>\n").toString());
    }

    private static String stamp(LocalDate d) {
        return d.atStartOfDay().atOffset(ZoneOffset.UTC).toString().replace("Z", ":00Z");
    }
}
