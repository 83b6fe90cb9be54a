package mltutor.app;

import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Supplier;
import java.time.Clock;
import mltutor.gaps.FileGapLog;
import mltutor.gaps.GapLog;
import mltutor.chunking.Chunker;
import mltutor.chunking.ChunkingParams;
import mltutor.config.TutorConfig;
import mltutor.corpus.Corpus;
import mltutor.corpus.CorpusLoader;
import mltutor.embedding.LocalEmbedder;
import mltutor.export.AnkiExport;
import mltutor.index.ChunkCache;
import mltutor.index.ConsoleProgress;
import mltutor.index.IndexFingerprint;
import mltutor.index.IndexLoader;
import mltutor.index.IndexStore;
import mltutor.practice.AnswerGrader;
import mltutor.embedding.EntryVectors;
import mltutor.practice.FollowUpChooser;
import mltutor.practice.InterviewPlanner;
import mltutor.practice.InterviewSummary;
import mltutor.practice.KeyPointBackground;
import mltutor.practice.ContradictionRules;
import mltutor.practice.KeyPointGrader;
import mltutor.practice.LlmJudge;
import mltutor.practice.OfflineGrader;
import mltutor.retrieval.AnswerabilityScorer;
import mltutor.retrieval.IndexCanary;
import mltutor.retrieval.ReferenceQuestions;
import mltutor.retrieval.Retriever;
import mltutor.tutor.FallbackGenerator;
import mltutor.tutor.Generator;
import mltutor.tutor.HistoryCondenser;
import mltutor.tutor.LlmGenerator;
import mltutor.tutor.OfflineGenerator;
import mltutor.tutor.Tutor;
import mltutor.llm.ConcurrencyCap;
import mltutor.llm.LlmClient;
import mltutor.llm.prompt.LeakGuard;
import mltutor.llm.prompt.Prompts;
import mltutor.web.ApiServices;
import mltutor.web.ServiceInfo;

/**
 * The composition root: builds every part from the configuration, in pipeline order
 * (corpus, embedding model, chunks, index, retrieval, generation). The CLI and the HTTP server both start here.
 *
 * @param llmSlots the concurrency cap shared by generation and grading when an LLM is configured, so that what
 *                 holds its slots can be observed
 */
public record TutorApp(TutorConfig config, Corpus corpus, LocalEmbedder embedder, IndexLoader.Loaded index,
                       Retriever retriever, Tutor tutor, Practice practice,
                       Optional<ConcurrencyCap> llmSlots) implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TutorApp.class);

    /** The practice parts: grading answers and planning mock interviews. */
    public record Practice(EntryVectors vectors, KeyPointBackground background, AnswerGrader grader,
                           InterviewPlanner planner, InterviewSummary summary) {
    }

    /** Loads the corpus and model, and reuses or rebuilds the index; progress goes to {@code console}. */
    public static TutorApp start(TutorConfig config, boolean forceRebuild, PrintStream console) {
        return start(config, forceRebuild, console, AnswerabilityScorer::load);
    }

    /**
     * Starts with an answerability scorer that passes everything, for refitting it: the stored model may
     * have been fitted on other signals.
     */
    public static TutorApp startForFitting(TutorConfig config, PrintStream console) {
        return start(config, false, console, AnswerabilityScorer::permissive);
    }

    private static TutorApp start(TutorConfig config, boolean forceRebuild, PrintStream console,
                                  Supplier<AnswerabilityScorer> scorer) {
        // Loading the model and parsing the corpus take about a second each; the index is opened meanwhile (its
        // fingerprint needs the corpus files' bytes, not their parse).
        var model = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> new LocalEmbedder(config.embedding(), config.queryCacheSize()));
        var corpus = java.util.concurrent.CompletableFuture.supplyAsync(() -> new CorpusLoader().load(config.corpusDir()));
        try {
            return start(config, () -> joined(corpus), () -> joined(model), forceRebuild, console, scorer);
        } catch (RuntimeException | Error e) {
            // The caller exits on this error, and a JVM that exits while ONNX Runtime is still creating its session
            // dies with SIGSEGV in native code (exit 134 and an hs_err file). The load cannot be interrupted,
            // so wait for it to finish either way; its own failure is secondary to this one.
            Throwable modelFailure = model.handle((done, failure) -> failure).join();
            Throwable corpusFailure = corpus.handle((done, failure) -> failure).join();
            // The error to report is the first in pipeline order: the corpus, then the model (a missing corpus or
            // model file also fails the fingerprint, which would name it less plainly), then the rest.
            for (Throwable failure : java.util.Arrays.asList(corpusFailure, modelFailure)) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException c ? c.getCause() : failure;
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
            }
            throw e;
        }
    }

    /** The value of a background task, its failure thrown as itself (a corpus problem stays a CorpusException). */
    private static <T> T joined(java.util.concurrent.CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Starts on an already loaded model; tests and benchmarks share one model across several apps. */
    public static TutorApp start(TutorConfig config, Corpus corpus, LocalEmbedder embedder, boolean forceRebuild,
                                 PrintStream console) {
        return start(config, () -> corpus, () -> embedder, forceRebuild, console, AnswerabilityScorer::load);
    }

    /**
     * Starts on a corpus and model that may still be loading: each is asked for only where it is needed, so the
     * fingerprint, the index and the cached reference vectors are read meanwhile. The corpus is asked for first,
     * so a corpus problem is the error reported.
     */
    private static TutorApp start(TutorConfig config, Supplier<Corpus> corpusTask, Supplier<LocalEmbedder> model,
                                  boolean forceRebuild, PrintStream console, Supplier<AnswerabilityScorer> scorer) {
        long t0 = System.nanoTime();
        var chunking = ChunkingParams.of(config.chunkTokens());
        String fingerprint = IndexFingerprint.of(config.corpusDir(), config.embedding(), chunking, config.dataDir());
        LOG.debug("fingerprint in {} ms", (System.nanoTime() - t0) / 1_000_000);
        // Only the entries the chunk cache lacks are cut (and only they need the model's tokenizer).
        IndexLoader.Loaded index = new IndexLoader(new IndexStore(config.dataDir()), model)
                .load(fingerprint, () -> new ChunkCache(config.dataDir(), chunking, config.embedding())
                                .content(corpusTask.get(), new Chunker(chunking, text -> model.get().countTokens(text))),
                        forceRebuild, new ConsoleProgress(console));
        long tIndex = System.nanoTime();
        Corpus corpus = corpusTask.get();
        long tCorpus = System.nanoTime();
        // Reference questions the notes do not answer, embedded once per model (not per generation: a corpus edit
        // would otherwise re-embed them all) and kept beside the generations.
        java.util.function.Function<java.util.List<String>, java.util.List<float[]>> embed = texts -> model.get().embedTexts(texts);
        String stamp = IndexFingerprint.modelStamp(config.embedding());
        var offTopic = ReferenceQuestions.load(ReferenceQuestions.offTopicItems(), embed,
                config.dataDir().resolve("off-topic.vectors"), stamp);
        var uncovered = ReferenceQuestions.load(ReferenceQuestions.uncoveredItems(), embed,
                config.dataDir().resolve("uncovered.vectors"), stamp);
        long tReference = System.nanoTime();
        LocalEmbedder embedder = model.get();
        long tModel = System.nanoTime();
        var retriever = new Retriever(index.index(), embedder, offTopic, uncovered, scorer.get(),
                config.ranking());
        var prompts = new Prompts();
        // Key-point and follow-up vectors are embedded once and shared by feedback and follow-ups, which also
        // share one judgement of which key points an answer covered and one way of choosing the next question.
        var vectors = new EntryVectors(embedder::embedTexts);
        var background = new KeyPointBackground(index.index(), corpus, vectors);
        var coverage = new KeyPointGrader(vectors, background, config.grading(), ContradictionRules.load());
        var followUps = new FollowUpChooser(corpus, vectors);
        var offline = new OfflineGenerator(corpus, prompts, new HistoryCondenser(corpus), followUps);
        var offlineGrader = new OfflineGrader(coverage, followUps);
        Generator generator = offline;
        AnswerGrader grader = offlineGrader;
        Optional<ConcurrencyCap> llmSlots = Optional.empty();
        if (config.llm().enabled()) {
            // One LLM client, and so one concurrency cap, for generation and grading.
            LlmClient client = LlmClient.create(config.llm());
            var guard = new LeakGuard(prompts.systemPrompts(), config.llm().apiKey());
            generator = new FallbackGenerator(new LlmGenerator(client, corpus, prompts, guard), offline, client.cap(),
                    config.answerUncovered());
            grader = new LlmJudge(client, prompts, guard, offlineGrader, followUps);
            llmSlots = Optional.of(client.cap());
        }
        GapLog gaps = config.gapLog().<GapLog>map(file -> new FileGapLog(file, Clock.systemUTC())).orElse(GapLog.NONE);
        var tutor = new Tutor(corpus, retriever, offline, generator, coverage, gaps);
        var practice = new Practice(vectors, background, grader, new InterviewPlanner(corpus), new InterviewSummary(corpus));
        index.index().warmEntryTerms();
        long end = System.nanoTime();
        // Where a start's time goes, for whoever tunes it (-Dorg.slf4j.simpleLogger.log.mltutor.app.TutorApp=debug):
        // each step's wait on the critical path. Not at info: every CLI command would print it.
        LOG.debug("services ready in {} ms: fingerprint and index {} ms ({}), then waited {} ms for the corpus,"
                        + " {} ms for the reference vectors, {} ms for the model; the rest {} ms", (end - t0) / 1_000_000,
                (tIndex - t0) / 1_000_000, index.rebuilt() ? "built" : "reused", (tCorpus - tIndex) / 1_000_000,
                (tReference - tCorpus) / 1_000_000, (tModel - tReference) / 1_000_000, (end - tModel) / 1_000_000);
        return new TutorApp(config, corpus, embedder, index, retriever, tutor, practice, llmSlots);
    }

    /** What the HTTP API serves: the services its routes call and what its health check reports. */
    public ApiServices api() {
        return api(java.util.Optional::empty);
    }

    /** {@link #api()} with what the corpus watcher last did, for {@code /api/health}. */
    public ApiServices api(Supplier<Optional<mltutor.web.ReloadStatus>> reload) {
        var info = new ServiceInfo(corpus.entries().size(), corpus.resources().size(), index.index().size(),
                embedder.spec().name(), config.llm().label(), tutor.generator(), index.rebuilt(), canary()::check, reload);
        return new ApiServices(corpus, retriever, tutor, practice.grader(), practice.planner(), practice.summary(),
                new AnkiExport(corpus, Clock.systemUTC()), info);
    }

    /** The health check's canary: the first entry (by id) must be found by its own question. */
    public IndexCanary canary() {
        var entry = corpus.entries().stream().min(java.util.Comparator.comparing(mltutor.corpus.Entry::id))
                .orElseThrow(() -> new IllegalStateException("the corpus has no entries"));
        return new IndexCanary(retriever, entry.question(), entry.id());
    }

    @Override
    public void close() {
        retriever.close();
        index.index().close();
    }
}
