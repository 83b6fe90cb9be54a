package mltutor.web;

import io.javalin.http.Context;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import mltutor.export.AnkiExport;
import mltutor.export.AnkiNotes;
import mltutor.export.ExportSelection;
import mltutor.export.InvalidExportException;

/** {@code GET /api/export/anki}: the corpus, or one section and/or origin, as an Anki package to download. */
final class ExportRoutes {
    private ExportRoutes() {
    }

    static List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/api/export/anki", (ctx, services) -> {
            AnkiExport.DeckFile file;
            try {
                var selection = new ExportSelection(Optional.ofNullable(Params.optionalText(ctx, "section", 200)),
                        Optional.ofNullable(Params.optionalText(ctx, "origin", 20)));
                file = services.anki().export(selection, linkBase(ctx));
            } catch (InvalidExportException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            // The file name is ASCII by construction; filename* is there for clients that prefer it.
            ctx.contentType("application/apkg")
                    .header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"; filename*=UTF-8''"
                            + file.fileName())
                    .header("X-Note-Count", String.valueOf(file.notes()))
                    .result(file.bytes());
        }));
    }

    /**
     * The cards link back to the web app as the browser reached it (the Host header has passed the request guard),
     * so a deck made from a phone on the LAN links to the same address.
     */
    private static URI linkBase(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || host.isBlank()) {
            // HTTP/1.0 without a Host header: the address the request came in on.
            String local = ctx.req().getLocalAddr();
            host = (local.contains(":") ? "[" + local + "]" : local) + ":" + ctx.req().getLocalPort();
        }
        return AnkiNotes.linkBase(ctx.scheme() + "://" + host.strip() + "/");
    }
}
