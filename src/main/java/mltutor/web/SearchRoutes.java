package mltutor.web;

import java.util.Arrays;
import java.util.List;
import mltutor.retrieval.SearchMode;
import mltutor.tutor.InputLimits;

/** {@code GET|POST /api/search}: retrieval over the corpus, in any mode. */
final class SearchRoutes {
    /** The POST form of a search, for queries too long or awkward for a URL. */
    record SearchRequest(String q, Integer k, String mode) {
    }

    private SearchRoutes() {
    }

    static List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/search", (ctx, services) -> {
                    String q = Params.requiredText(ctx, "q", InputLimits.MAX_QUESTION_CHARS);
                    int k = Params.intInRange(ctx, "k", InputLimits.DEFAULT_SEARCH_K, 1, InputLimits.MAX_SEARCH_K);
                    ctx.json(services.retriever().search(q, k, mode(ctx.queryParam("mode"))));
                }),
                ApiRoute.post("/api/search", (ctx, services) -> {
                    SearchRequest req = JsonBody.read(ctx, SearchRequest.class);
                    if (req.q() == null || req.q().isBlank()) {
                        throw ApiException.badRequest("'q' is required and must not be blank");
                    }
                    String q = Params.checkLength("q", req.q().strip(), InputLimits.MAX_QUESTION_CHARS);
                    int k = req.k() == null ? InputLimits.DEFAULT_SEARCH_K : req.k();
                    if (k < 1 || k > InputLimits.MAX_SEARCH_K) {
                        throw ApiException.badRequest("'k' must be an integer from 1 to " + InputLimits.MAX_SEARCH_K
                                + ", got " + k);
                    }
                    ctx.json(services.retriever().search(q, k, mode(req.mode())));
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
