package mltutor.web;

import java.util.function.Supplier;
import mltutor.retrieval.IndexCanary;

/**
 * What the running service holds and who answers, as {@code GET /api/health} reports it.
 *
 * @param llm                   the configured LLM: "none", "openai:&lt;model&gt;" or "ollama:&lt;model&gt;"
 * @param generator             who writes answers when all goes well: "offline" or the LLM's label
 * @param indexRebuiltAtStartup whether this start built the index instead of reusing it
 * @param canary                runs the canary search; each health check runs it once
 * @param reload                what {@code serve --watch} last did; empty when the server does not watch the corpus
 */
public record ServiceInfo(int entries, int resources, int chunks, String embeddingModel, String llm,
                          String generator, boolean indexRebuiltAtStartup, Supplier<IndexCanary.Result> canary,
                          Supplier<java.util.Optional<ReloadStatus>> reload) {
}
