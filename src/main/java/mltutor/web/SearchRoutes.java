package mltutor.web;

import java.util.Arrays;
import java.util.List;
import mltutor.retrieval.Retriever;
import mltutor.retrieval.SearchMode;

/** {@code GET /api/search}: retrieval over the corpus, in any mode. */
final class SearchRoutes {
    static final int MAX_QUERY_CHARS = 2000;

    private SearchRoutes() {
    }

    static List<ApiRoute> routes(Retriever retriever) {
        return List.of(ApiRoute.get("/api/search", ctx -> {
            String q = Params.requiredText(ctx, "q", MAX_QUERY_CHARS);
            int k = Params.intInRange(ctx, "k", 5, 1, 50);
            String modeParam = ctx.queryParam("mode");
            SearchMode mode = modeParam == null || modeParam.isBlank() ? SearchMode.HYBRID
                    : SearchMode.parse(modeParam).orElseThrow(() -> ApiException.badRequest(
                            "unknown mode '" + modeParam + "'; use one of "
                                    + Arrays.stream(SearchMode.values()).map(SearchMode::id).toList()));
            ctx.json(retriever.search(q, k, mode));
        }));
    }
}
