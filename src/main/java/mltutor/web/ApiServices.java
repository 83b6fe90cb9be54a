package mltutor.web;

import mltutor.corpus.Corpus;
import mltutor.export.AnkiExport;
import mltutor.practice.AnswerGrader;
import mltutor.practice.InterviewPlanner;
import mltutor.practice.InterviewSummary;
import mltutor.retrieval.Retriever;
import mltutor.tutor.Tutor;

/**
 * What the HTTP API serves: the services its routes call and what {@code /api/health} reports. The composition
 * root builds it; {@link ApiServer} hands each route class only the parts that class uses.
 */
public record ApiServices(Corpus corpus, Retriever retriever, Tutor tutor, AnswerGrader grader,
                          InterviewPlanner planner, InterviewSummary summary, AnkiExport anki,
                          ServiceInfo info) {
}
