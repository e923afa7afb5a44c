package autobench.web;

import autobench.ops.ExportShelf;
import autobench.ops.Manifest;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The public download page (/data): what the open-data export holds and, when the operator keeps
 * exports in {@code web.export_dir}, the latest one's manifest with every file as a download. A
 * file is served only by its exact path in that manifest (see {@link ExportShelf#file}).
 */
final class DataHandlers {
    private final ExportShelf shelf;
    private final Templates templates;

    DataHandlers(ExportShelf shelf, Templates templates) {
        this.shelf = shelf;
        this.templates = templates;
    }

    void page(Context ctx) {
        Optional<ExportShelf.Latest> latest = shelf.latest();
        AdminPages.Data page = latest.map(l -> new AdminPages.Data(true, l.name(), l.manifest(), shelf.files(l)))
                .orElse(new AdminPages.Data(shelf.configured(), null, null, List.of()));
        Response r = templates.page("data", page);
        ctx.header("Cache-Control", "public, max-age=60");
        ctx.status(r.status()).contentType(r.contentType()).result(r.body());
    }

    void file(Context ctx) throws IOException {
        String path = ctx.pathParam("path");
        Optional<Path> f =
                Manifest.FILE.equals(path) ? shelf.latest().map(l -> l.dir().resolve(Manifest.FILE)) : shelf.file(path);
        if (f.isEmpty()) {
            Response r = templates.page(
                    404,
                    "error",
                    new Pages.Error(
                            404, "No such file in the latest export. The download page lists every file there is."));
            ctx.status(404).contentType(r.contentType()).result(r.body());
            return;
        }
        String name = f.get().getFileName().toString();
        String type = name.endsWith(".jsonl")
                ? "application/x-ndjson"
                : name.endsWith(".json") ? "application/json" : "application/octet-stream";
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        ctx.header("Content-Length", String.valueOf(Files.size(f.get())));
        InputStream in = Files.newInputStream(f.get());
        ctx.contentType(type).result(in);
    }
}
