package mltutor.practice;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mltutor.corpus.Entry;
import mltutor.text.Terms;

/**
 * Rules that catch a sentence of an answer saying the opposite of the key point it matched. Embeddings barely
 * see a flipped fact ("B is zero" and "A is zero" are 0.97 alike), so these look at the words: numbers and
 * complexities the notes do not give, a word swapped for its opposite next to the same subject, a negation
 * the key point does not have, and an attribute moved from one named part to the other. They are deliberately
 * narrow: a rule that fires on a correct paraphrase teaches the candidate something false, so each rule only
 * fires when the key point and the sentence talk about the same thing in comparable words. What they cannot
 * see (a wrong mechanism stated in new words) is left to the candidate's own confirmation or an LLM judge.
 */
public final class ContradictionRules {
    /** What kind of disagreement a finding is. */
    public enum Kind { NUMBER, OPPOSITE, NEGATION, SWAPPED_ROLES }

    /**
     * One disagreement between a sentence of the answer and a key point.
     *
     * @param said  what the answer says, in a few of its words
     * @param notes what the notes say instead
     */
    public record Finding(Kind kind, String said, String notes) {
        /** One line for the feedback. */
        public String explain() {
            return switch (kind) {
                case NUMBER -> "you gave " + said + "; the notes give " + notes;
                case OPPOSITE -> "you said \"" + said + "\"; the notes say \"" + notes + "\"";
                case NEGATION -> "you said \"" + said + "\"; the notes say the opposite: \"" + notes + "\"";
                case SWAPPED_ROLES -> "you said \"" + said + "\"; in the notes it is \"" + notes + "\"";
            };
        }
    }

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9'+#.-]*");
    private static final Pattern BIG_O = Pattern.compile("O\\(([^()]*(?:\\([^()]*\\)[^()]*)*)\\)");
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![A-Za-z0-9.^_])(\\d+(?:,\\d{3})*(?:\\.\\d+)?(?:e-?\\d+)?)\\s*(k|m|b|thousand|million|billion|%|percent|x|times|-?bits?|gb|mb|tb)?(?![A-Za-z0-9^])",
            Pattern.CASE_INSENSITIVE);
    /** Precision names carry their bit width: "bf16", "NF4", "int8", "fp32". */
    private static final Pattern PRECISION = Pattern.compile("\\b(fp|bf|int|nf)(\\d+)\\b", Pattern.CASE_INSENSITIVE);
    /**
     * Words that negate the next content word. "without" and "none" are left out: "classify without labelled
     * data" is rarely the negation of a key point's "label".
     */
    private static final Set<String> NEGATORS = Set.of("not", "no", "never", "cannot", "can't", "don't", "doesn't",
            "isn't", "aren't", "won't", "wasn't", "weren't", "didn't", "neither", "nor");
    /** Words that also deny what follows, counted only when checking that the other side is not negated. */
    private static final Set<String> DENIALS = Set.of("without", "none", "nothing", "lack", "lacks",
            "rather", "zero");
    /** Words between a negation and the word it acts on ("does not have to be recomputed"). */
    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "be", "been", "being", "have", "has",
            "had", "to", "any", "ever", "only", "even", "necessarily", "always", "really", "just", "so", "too",
            "very", "yet", "also", "do", "does", "did", "is", "are", "was", "were", "than", "need", "needs", "it",
            "them", "this", "they");
    /** Words between a polar word and what it is about that say nothing themselves. */
    private static final Set<String> LINKING = Set.of("go", "goes", "went", "become", "becomes", "get", "gets", "got",
            "stay", "stays", "remain", "remains", "keep", "keeps", "going", "getting", "much", "far", "slightly", "significantly",
            "even", "still", "very", "quite", "rather");
    /** Words that end a clause: a polar word or a role holder acts inside its clause only. */
    private static final Set<String> CLAUSE_BREAKS = Set.of("and", "but", "while", "whereas", "because", "so",
            "which", "whose", "then", "although", "though", "since", "whereby", "unlike", "instead");
    /** How far (in words) a polar or negating word reaches to what it is about. */
    private static final int REACH = 2;
    /** Relative difference under which two numbers are the same one restated ("65,536" and "65 thousand"). */
    private static final double SAME_NUMBER = 0.04;
    /**
     * Groups of words that name alternative parts a statement can mix up ("training loss falls, validation loss
     * rises"); an attribute only moves between parts of one group.
     */
    private static final List<Set<String>> ROLE_GROUPS = List.of(
            Set.of("encoder", "decoder"), Set.of("generator", "discriminator"), Set.of("precision", "recall"),
            Set.of("actor", "critic"), Set.of("teacher", "student"),
            Set.of("query", "key", "value", "queries", "keys", "values"),
            Set.of("training", "validation", "test", "train"), Set.of("micro", "macro"), Set.of("ridge", "lasso"),
            Set.of("l1", "l2"), Set.of("bahdanau", "luong"), Set.of("row", "rows", "column", "columns"),
            Set.of("bias", "variance"), Set.of("prior", "posterior", "likelihood"), Set.of("majority", "minority"),
            Set.of("bagging", "boosting"), Set.of("mle", "map"), Set.of("mha", "mqa", "gqa"), Set.of("input", "output"),
            Set.of("forward", "backward"), Set.of("tpr", "fpr"));
    /** Single capital letters used as a function ("D(G(z))") name no part. */
    private static final Pattern FUNCTION_LETTER = Pattern.compile("\\b([A-Z])\\(");
    /** Words that are never what a statement is about, so never what a negation acts on. */
    private static final Set<String> GRAMMAR = Set.of("a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from",
            "with", "as", "and", "or", "but", "if", "it", "its", "this", "that", "these", "those", "they", "them",
            "their", "there", "he", "she", "we", "you", "your", "i", "is", "are", "was", "were", "be", "been", "being",
            "have", "has", "had", "do", "does", "did", "so", "than", "then", "which", "who", "what", "when", "where",
            "while", "how", "why", "can", "could", "will", "would", "should", "may", "might", "must", "into", "over",
            "about", "also", "each", "all", "both", "any", "some", "more", "most", "very", "just", "only", "one");
    /** Signs that a sentence computes something: "8 times 8192", "d = 4096", "2/fan_in". */
    private static final Pattern WORKING = Pattern.compile("\\btimes\\b|\\d\\s*[x*/=]\\s*\\S|=|\\bdivided\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FROM_TO = Pattern.compile(
            "from\\s+(?:about\\s+|roughly\\s+)?([\\d.,]+\\d)\\S*\\s+(?:\\S+\\s+){0,3}?to\\s+(?:about\\s+|roughly\\s+)?([\\d.,]+\\d)",
            Pattern.CASE_INSENSITIVE);

    private final List<Set<String>[]> pairs;
    private final Set<String> polar = new HashSet<>();

    private ContradictionRules(List<Set<String>[]> opposites) {
        this.pairs = List.copyOf(opposites);
        for (Set<String>[] p : pairs) {
            polar.addAll(p[0]);
            polar.addAll(p[1]);
        }
    }

    /** The rules with the opposite pairs of {@code grading/opposites.txt}. */
    public static ContradictionRules load() {
        try (InputStream in = ContradictionRules.class.getResourceAsStream("/grading/opposites.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing resource /grading/opposites.txt");
            }
            var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
            return new ContradictionRules(parse(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Set<String>[]> parse(List<String> lines) {
        var out = new ArrayList<Set<String>[]>();
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\|");
            if (parts.length != 2) {
                throw new IllegalArgumentException("an opposites line needs exactly one '|': " + line);
            }
            Set<String> a = Set.of(parts[0].strip().toLowerCase(Locale.ROOT).split("\\s+"));
            Set<String> b = Set.of(parts[1].strip().toLowerCase(Locale.ROOT).split("\\s+"));
            if (a.stream().anyMatch(b::contains)) {
                throw new IllegalArgumentException("both sides of an opposites line share a word: " + line);
            }
            out.add(new Set[] {a, b});
        }
        return out;
    }

    /** What the notes say about an entry, for {@link #check}: its key points and its model answer. */
    public static String reference(Entry entry) {
        return String.join("\n", entry.keyPoints()) + "\n" + entry.body();
    }

    /**
     * What {@code sentence}, an answer's sentence that matched {@code keyPoint}, gets wrong about it.
     *
     * @param reference all the entry's text (key points and model answer): a number found anywhere in it is
     *                  one the notes give
     */
    public List<Finding> check(String keyPoint, String sentence, String reference) {
        var findings = new ArrayList<Finding>();
        numbers(keyPoint, sentence, reference).ifPresent(findings::add);
        complexity(keyPoint, sentence, reference).ifPresent(findings::add);
        Words point = new Words(keyPoint);
        Words said = new Words(sentence);
        opposite(point, said).ifPresent(findings::add);
        negation(point, said, reference).ifPresent(findings::add);
        swappedRoles(point, said).ifPresent(findings::add);
        return findings;
    }

    // ---- numbers -------------------------------------------------------------------------------------------

    /** A number with its unit ("" when none), as written. */
    record Quantity(double value, String unit, String text) {
    }

    static List<Quantity> quantities(String text) {
        String t = BIG_O.matcher(text).replaceAll(" ");
        var out = new ArrayList<Quantity>();
        Matcher p = PRECISION.matcher(t);
        while (p.find()) {
            out.add(new Quantity(Double.parseDouble(p.group(2)), "bit", p.group()));
        }
        t = PRECISION.matcher(t).replaceAll(" ");
        Matcher m = NUMBER.matcher(t);
        while (m.find()) {
            double v;
            try {
                v = Double.parseDouble(m.group(1).replace(",", ""));
            } catch (NumberFormatException e) {
                continue;
            }
            String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT).replace("-", "");
            if ((unit.equals("x") || unit.equals("times")) && t.substring(m.end()).matches("(?s)\\s*\\d.*")) {
                unit = ""; // "4096 x 4096", "8 times 8192": a product, not a ratio
            }
            switch (unit) {
                case "k", "thousand" -> { v *= 1e3; unit = ""; }
                case "m", "million" -> { v *= 1e6; unit = ""; }
                case "b", "billion" -> { v *= 1e9; unit = ""; }
                case "percent" -> unit = "%";
                case "times" -> unit = "x";
                case "bits" -> unit = "bit";
                default -> { }
            }
            out.add(new Quantity(v, unit, m.group().strip()));
        }
        return out;
    }

    /**
     * Whether {@code v} is the product or ratio of two numbers the entry gives: a candidate who works the
     * example through ("8 times 8192", "6d, about 24 thousand for d = 4096") states numbers the notes only
     * imply. Only asked of sentences that show their working ({@link #WORKING}); a bare wrong number is too
     * often some product of the entry's numbers.
     */
    private static boolean derived(double v, List<Quantity> given) {
        double[] values = given.stream().mapToDouble(Quantity::value).filter(x -> x > 1).distinct().toArray();
        for (double a : values) {
            for (double b : values) {
                if (same(a * b, v) || same(a / b, v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** "1 percent" and "0.01" are one number: a share said either way. */
    private static boolean given(double v, List<Quantity> point, List<Quantity> elsewhere) {
        return point.stream().anyMatch(k -> same(k.value(), v)) || elsewhere.stream().anyMatch(k -> same(k.value(), v));
    }

    private static boolean same(double a, double b) {
        return a == b || Math.abs(a - b) <= SAME_NUMBER * Math.max(Math.abs(a), Math.abs(b));
    }

    /**
     * A number of the sentence that the notes do not give. Only for key points that state numbers: elsewhere an
     * answer's own example ("say rank 16") is not a claim about the notes. A number with a unit the key point
     * also uses must be one of the key point's; any other must appear somewhere in the entry.
     */
    private static Optional<Finding> numbers(String keyPoint, String sentence, String reference) {
        List<Quantity> point = quantities(keyPoint);
        if (point.isEmpty()) {
            return Optional.empty();
        }
        Optional<Finding> reversed = reversedChange(keyPoint, sentence);
        if (reversed.isPresent()) {
            return reversed;
        }
        List<Quantity> elsewhere = quantities(reference);
        for (Quantity q : quantities(sentence)) {
            List<Quantity> sameUnit = point.stream().filter(k -> !q.unit().isEmpty() && k.unit().equals(q.unit()))
                    .toList();
            boolean given = (q.unit().equals("%") && given(q.value() / 100, point, elsewhere))
                    || (!q.unit().equals("%") && q.value() < 1 && given(q.value() * 100, point, elsewhere))
                    || sameUnit.isEmpty()
                    ? point.stream().anyMatch(k -> same(k.value(), q.value()))
                            || elsewhere.stream().anyMatch(k -> same(k.value(), q.value()))
                            || (WORKING.matcher(sentence).find() && derived(q.value(), elsewhere))
                    : sameUnit.stream().anyMatch(k -> same(k.value(), q.value()));
            if (!given) {
                Quantity nearest = (sameUnit.isEmpty() ? point : sameUnit).get(0);
                return Optional.of(new Finding(Kind.NUMBER, q.text(), nearest.text()));
            }
        }
        return Optional.empty();
    }

    /** "from 0.074 to 0.007" for the point's "from 0.007 to 0.074": the right numbers, the wrong direction. */
    private static Optional<Finding> reversedChange(String keyPoint, String sentence) {
        Matcher p = FROM_TO.matcher(keyPoint);
        while (p.find()) {
            Matcher m = FROM_TO.matcher(sentence);
            while (m.find()) {
                if (m.group(1).equals(p.group(2)) && m.group(2).equals(p.group(1))) {
                    return Optional.of(new Finding(Kind.NUMBER, m.group(), p.group()));
                }
            }
        }
        return Optional.empty();
    }

    private static Set<String> complexities(String text) {
        var out = new LinkedHashSet<String>();
        Matcher m = BIG_O.matcher(text);
        while (m.find()) {
            out.add(m.group(1).replaceAll("[\\s*·]", "").replace("²", "^2").replace("³", "^3")
                    .toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** A big-O cost in the sentence that the notes never give, when the key point states one. */
    private static Optional<Finding> complexity(String keyPoint, String sentence, String reference) {
        Set<String> point = complexities(keyPoint);
        if (point.isEmpty()) {
            return Optional.empty();
        }
        Set<String> known = complexities(reference);
        known.addAll(point);
        for (String c : complexities(sentence)) {
            if (!known.contains(c)) {
                return Optional.of(new Finding(Kind.NUMBER, "O(" + c + ")", "O(" + point.iterator().next() + ")"));
            }
        }
        return Optional.empty();
    }

    // ---- words ---------------------------------------------------------------------------------------------

    /** A sentence as words: lower-cased forms, content terms, clause numbers. */
    private static final class Words {
        final List<String> raw = new ArrayList<>();
        final List<String> lower = new ArrayList<>();
        final List<String> term = new ArrayList<>();
        final List<Integer> clause = new ArrayList<>();
        final Set<String> functionLetters = new HashSet<>();

        Words(String text) {
            FUNCTION_LETTER.matcher(text).results().forEach(r -> functionLetters.add(r.group(1)));
            int c = 0;
            String rest = text.replaceAll("[,;:()]", " , ");
            Matcher all = Pattern.compile(",|" + TOKEN.pattern()).matcher(rest);
            while (all.find()) {
                String w = all.group();
                if (w.equals(",")) {
                    c++;
                    continue;
                }
                while (w.endsWith(".") || w.endsWith("-")) {
                    w = w.substring(0, w.length() - 1);
                }
                if (w.isEmpty()) {
                    continue;
                }
                String l = w.toLowerCase(Locale.ROOT);
                if (CLAUSE_BREAKS.contains(l)) {
                    c++;
                }
                raw.add(w);
                lower.add(l);
                // Terms drops verbs such as "use" and "need" as search noise; here they carry the statement.
                term.add(GRAMMAR.contains(l) || NEGATORS.contains(l) || l.endsWith("n't") ? null : Terms.stem(l));
                clause.add(c);
            }
        }

        int size() {
            return lower.size();
        }

        /** Content terms within {@code reach} words of position {@code i}, in its clause, skipping linking words. */
        List<String> around(int i, int reach, Set<String> exclude) {
            var out = new ArrayList<String>();
            for (int dir : new int[] {1, -1}) {
                int seen = 0;
                for (int j = i + dir; j >= 0 && j < size() && seen < reach; j += dir) {
                    if (!clause.get(j).equals(clause.get(i))) {
                        break;
                    }
                    if (LINKING.contains(lower.get(j)) || term.get(j) == null) {
                        continue;
                    }
                    seen++;
                    if (!exclude.contains(lower.get(j))) {
                        out.add(term.get(j));
                    }
                }
            }
            return out;
        }
    }

    /**
     * A word of the key point replaced by its opposite next to the same subject: "lowers recall" for "raises
     * recall". Both the point and the sentence must pair the polar word with the same content term, and neither
     * may also use the other side about it, so "fewer parameters, more efficient" never clashes with "cuts
     * parameters".
     */
    private Optional<Finding> opposite(Words point, Words said) {
        for (Set<String>[] pair : pairs) {
            for (int s = 0; s < 2; s++) {
                Set<String> mine = pair[s];
                Set<String> theirs = pair[1 - s];
                Map<String, String> pointSays = about(point, mine, theirs, polar);
                if (pointSays.isEmpty()) {
                    continue;
                }
                Map<String, String> saidSays = about(said, theirs, mine, polar);
                Map<String, String> saidAgrees = about(said, mine, theirs, polar);
                Map<String, String> pointAlso = about(point, theirs, mine, polar);
                for (var e : saidSays.entrySet()) {
                    String subject = e.getKey();
                    if (pointSays.containsKey(subject) && !saidAgrees.containsKey(subject)
                            && !pointAlso.containsKey(subject)) {
                        return Optional.of(new Finding(Kind.OPPOSITE, e.getValue(), pointSays.get(subject)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * For each content term next to one of {@code words} in the sentence, the phrase that says it ("lowers
     * recall"). A negated word of the other side says the same ("never decreases" is "increases or stays").
     */
    private static Map<String, String> about(Words w, Set<String> words, Set<String> others, Set<String> polar) {
        var out = new HashMap<String, String>();
        for (int i = 0; i < w.size(); i++) {
            String l = w.lower.get(i);
            boolean negated = negatedAt(w, i, false);
            if (!(words.contains(l) && !negated) && !(others.contains(l) && negated)) {
                continue;
            }
            for (String subject : w.around(i, REACH, polar)) {
                out.putIfAbsent(subject, phrase(w, i));
            }
        }
        return out;
    }

    private static String phrase(Words w, int i) {
        int from = Math.max(0, i - 2);
        int to = Math.min(w.size(), i + 3);
        return String.join(" ", w.raw.subList(from, to));
    }

    private static boolean negator(String lower) {
        return NEGATORS.contains(lower) || lower.endsWith("n't");
    }

    /**
     * Whether the word at {@code i} is negated: a negator right before it, function words apart; with
     * {@code denials} (when asking whether the other side agrees), also a denial ("without shrinking", "zero
     * extra latency") and up to {@link #REACH} words further back.
     */
    private static boolean negatedAt(Words w, int i, boolean denials) {
        int content = 0;
        for (int j = i - 1; j >= 0 && w.clause.get(j).equals(w.clause.get(i)); j--) {
            String l = w.lower.get(j);
            if (negator(l) || (denials && DENIALS.contains(l))) {
                return true;
            }
            // A broad look also reaches over a verb or two: "without ever landing exactly on zero".
            if (!FUNCTION_WORDS.contains(l) && ++content > (denials ? REACH : 0)) {
                return false;
            }
        }
        return false;
    }

    /**
     * The content term each negation acts on: the first word after it that is not a function word ("not
     * have to be recomputed": "recomput"), if that word has a term at all; prefixed negatives ("non-unique")
     * count as the negated word. Each maps to the phrase that says it.
     */
    private static Map<String, String> negated(Words w) {
        var out = new HashMap<String, String>();
        for (int i = 0; i < w.size(); i++) {
            String l = w.lower.get(i);
            if (negator(l)) {
                int j = i + 1;
                while (j < w.size() && FUNCTION_WORDS.contains(w.lower.get(j))) {
                    j++;
                }
                if (j < w.size() && w.clause.get(j).equals(w.clause.get(i)) && w.term.get(j) != null) {
                    out.putIfAbsent(w.term.get(j), phrase(w, i + 1));
                }
            } else if (l.startsWith("non-") && l.length() > 5) {
                out.putIfAbsent(Terms.stem(l.substring(4)), phrase(w, i));
            }
        }
        return out;
    }

    /**
     * A statement of the key point negated in the sentence, or a negation of the key point dropped: the word a
     * negation acts on on one side, said plainly on the other. So "keeps W0 fixed" and "does not touch W0"
     * never clash (no shared negated word), while "can never be merged" clashes with "can be merged".
     */
    private static Optional<Finding> negation(Words point, Words said, String reference) {
        Map<String, String> pointNegates = negated(point);
        Map<String, String> saidNegates = negated(said);
        Set<String> notesNegate = negated(new Words(reference)).keySet();
        for (var e : saidNegates.entrySet()) {
            int i = point.term.indexOf(e.getKey());
            // When the notes themselves say "not X" somewhere, an answer saying it is not clearly wrong.
            if (i >= 0 && !pointNegates.containsKey(e.getKey()) && !negatedAt(point, i, true)
                    && !notesNegate.contains(e.getKey())) {
                return Optional.of(new Finding(Kind.NEGATION, e.getValue(), phrase(point, i)));
            }
        }
        for (var e : pointNegates.entrySet()) {
            int i = said.term.indexOf(e.getKey());
            if (i >= 0 && !saidNegates.containsKey(e.getKey()) && !negatedAt(said, i, true)) {
                return Optional.of(new Finding(Kind.NEGATION, phrase(said, i), e.getValue()));
            }
        }
        return Optional.empty();
    }

    /** The group a role belongs to: -1 for single letters, else its index in {@link #ROLE_GROUPS}; -2 for none. */
    private static int group(String role) {
        if (role.length() == 1) {
            return -1;
        }
        for (int g = 0; g < ROLE_GROUPS.size(); g++) {
            if (ROLE_GROUPS.get(g).contains(role)) {
                return g;
            }
        }
        return -2;
    }

    /** Named parts that play roles in a statement: single capital letters (A, B, Q, K) and role words. */
    private static Set<String> roles(Words w) {
        var found = new LinkedHashSet<String>();
        for (String r : w.raw) {
            if (r.length() == 1 && Character.isUpperCase(r.charAt(0)) && !r.equals("I")
                    && !w.functionLetters.contains(r)) {
                found.add(r);
            } else if (group(r.toLowerCase(Locale.ROOT)) >= 0) {
                found.add(r.toLowerCase(Locale.ROOT));
            }
        }
        return found;
    }

    /**
     * For each content term, the role named last before it in its clause; a term held by different roles in
     * different places ("decoder state", "encoder state") has no single holder and is left out.
     */
    private static Map<String, String> holders(Words w, Set<String> roles) {
        var out = new HashMap<String, String>();
        var ambiguous = new HashSet<String>();
        String holder = null;
        int clause = -1;
        for (int i = 0; i < w.size(); i++) {
            if (w.clause.get(i) != clause) {
                clause = w.clause.get(i);
                holder = null;
            }
            String key = roles.contains(w.raw.get(i)) ? w.raw.get(i)
                    : roles.contains(w.lower.get(i)) ? w.lower.get(i) : null;
            if (key != null) {
                holder = key;
            } else if (holder != null && w.term.get(i) != null) {
                String before = out.putIfAbsent(w.term.get(i), holder);
                if (before != null && !before.equals(holder)) {
                    ambiguous.add(w.term.get(i));
                }
            }
        }
        out.keySet().removeAll(ambiguous);
        return out;
    }

    /**
     * An attribute moved from one named part to another: "A is initialised to zero" for "B is initialised to
     * zero". Both parts must be named in the key point and in the sentence.
     */
    private static Optional<Finding> swappedRoles(Words point, Words said) {
        Set<String> roles = roles(point);
        roles.retainAll(roles(said));
        if (roles.size() < 2) {
            return Optional.empty();
        }
        Map<String, String> pointHolders = holders(point, roles);
        Map<String, String> saidHolders = holders(said, roles);
        for (var e : saidHolders.entrySet()) {
            String other = pointHolders.get(e.getKey());
            if (other != null && !other.equals(e.getValue()) && group(other) == group(e.getValue())) {
                return Optional.of(new Finding(Kind.SWAPPED_ROLES, e.getValue() + " … " + e.getKey(),
                        other + " … " + e.getKey()));
            }
        }
        return Optional.empty();
    }
}
