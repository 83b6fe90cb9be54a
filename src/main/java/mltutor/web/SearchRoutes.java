package mltutor.web;

import java.util.Arrays;
import java.util.List;
import mltutor.retrieval.Retriever;
import mltutor.retrieval.SearchMode;

/** {@code GET|POST /api/search}: retrieval over the corpus, in any mode. */
final class SearchRoutes {
    static final int MAX_QUERY_CHARS = 2000;

    private SearchRoutes() {
    }

    /** The POST form of a search, for queries too long or awkward for a URL. */
    record SearchRequest(String q, Integer k, String mode) {
    }

    static List<ApiRoute> routes(Retriever retriever) {
        return List.of(
                ApiRoute.get("/api/search", ctx -> {
                    String q = Params.requiredText(ctx, "q", MAX_QUERY_CHARS);
                    int k = Params.intInRange(ctx, "k", 5, 1, 50);
                    ctx.json(retriever.search(q, k, mode(ctx.queryParam("mode"))));
                }),
                ApiRoute.post("/api/search", ctx -> {
                    SearchRequest req = JsonBody.read(ctx, SearchRequest.class);
                    if (req.q() == null || req.q().isBlank()) {
                        throw ApiException.badRequest("'q' is required and must not be blank");
                    }
                    String q = Params.checkLength("q", req.q().strip(), MAX_QUERY_CHARS);
                    int k = req.k() == null ? 5 : req.k();
                    if (k < 1 || k > 50) {
                        throw ApiException.badRequest("'k' must be an integer from 1 to 50, got " + k);
                    }
                    ctx.json(retriever.search(q, k, mode(req.mode())));
                }));
    }

    private static SearchMode mode(String value) {
        if (value == null || value.isBlank()) {
            return SearchMode.HYBRID;
        }
        return SearchMode.parse(value).orElseThrow(() -> ApiException.badRequest("unknown mode '" + value
                + "'; use one of " + Arrays.stream(SearchMode.values()).map(SearchMode::id).toList()));
    }
}
