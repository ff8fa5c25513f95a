package io.supportagent.agents;

import io.supportagent.knowledge.ArticleMatch;
import io.supportagent.knowledge.Retrieval;
import io.supportagent.knowledge.Sentence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Composes the offline agent's answer from what retrieval found: the sentences of the best article that hold the
 * asked fact, not its first ones. A sentence scores by the question's words it has (weighted by their rarity in
 * the store), by holding the kind of fact the question asks for (an amount for "how much", a duration for "how
 * long", a condition for "can I"…) and by how well its passage matched. When the two best articles are about
 * equally relevant (look-alikes such as returns and international returns), a short line of each is quoted, both
 * cited.
 */
final class Answers {

    /** The longest quote of one article. */
    static final int MAX_QUOTE = 420;

    /**
     * How many sentences of the best article are quoted at most, and how well the second and third must score against
     * the best to be quoted too (all within {@link #MAX_QUOTE}). The fact a shopper asks for is often the second or
     * third best sentence by words and meaning ("how do I dry it?": the sentence about tumble drying, after one that
     * says "never dry clean"); three sentences at half the best's score held it for 3 more development questions than
     * two at 0.7 (2026-12-06, bench/agent-quality/README.md), at a median reply of 251 characters instead of 194.
     */
    static final int MOST = 3;

    static final double SECOND_SHARE = 0.5;
    static final double THIRD_SHARE = 0.5;

    /**
     * How close in meaning (from the article's farthest sentence, 0, to its closest, 1) a sentence holding the asked
     * fact must be to stand in without sharing a word with the question ("I don't see my refund yet": "your bank may
     * take 5-10 days to show the money").
     */
    static final double CLOSE_IN_MEANING = 0.6;

    /** How close (relevance ratio) the second article must be to the first to be quoted too. */
    static final double CLOSE = 0.97;

    /**
     * How close (relevance ratio) a look-alike must be to the first article to take its place when only it says the
     * asked fact (a price, a number of days) in a sentence about the question.
     */
    static final double FACT_CLOSE = 0.75;

    /** How much naming the asked place (or only other places) adds to (takes from) a sentence's score. */
    static final double PLACE_WEIGHT = 0.3;

    /**
     * A sentence whose subject is a narrower kind than the question asks about ("Sale items can be exchanged only…",
     * "Digital gift cards are…" for a question about exchanges or gift cards in general): a qualifier and a noun
     * before the verb. It answers a general question less well than a sentence about the general case.
     */
    static final double NARROW_WEIGHT = 0.2;

    private static final Pattern NARROW_SUBJECT = Pattern.compile("^([a-z]+) [a-z]+ (can|cannot|can't|are|is|must"
            + "|may|will|have|has|need|needs|carry|carries|come|comes|qualify|qualifies|ship|ships|get|gets)\\b");
    /** First words that do not narrow: determiners, and conditions any item can be in ("unworn", "damaged"). */
    private static final java.util.Set<String> NOT_NARROWING = java.util.Set.of(
            "the",
            "a",
            "an",
            "our",
            "your",
            "their",
            "its",
            "these",
            "this",
            "those",
            "that",
            "most",
            "all",
            "some",
            "any",
            "every",
            "each",
            "no",
            "many",
            "other",
            "such",
            "both",
            "few",
            "several",
            "standard",
            "new",
            "worn",
            "full",
            "whole",
            "original",
            "what",
            "which",
            "when",
            "if",
            "how",
            "you",
            "we",
            "it",
            "they");

    enum Asks {
        AMOUNT,
        DURATION,
        /** How long the shopper has to do something (a return window): "within 30 days of delivery". */
        DEADLINE,
        CONDITION,
        METHOD,
        LIST,
        PLACE,
        REASON,
        /** What the store does about a problem the shopper reports ("The table I received has a scratch"). */
        REMEDY,
        /** What follows when something happens ("what happens if the price goes up?"): "If the price changes, we…". */
        CONSEQUENCE,
        OTHER
    }

    private static final Pattern ASKS_AMOUNT = Pattern.compile(
            "\\b(how much|cost|costs|price|prices|fee|fees|charge|charges|free|expensive|cheap|pay for|minimum"
                    + "|threshold|amount|percent|percentage|discount|off)\\b");
    /**
     * "when" asking a time ("when will it arrive?", "when do you charge?"), not joining a clause ("do I get the costs
     * back when I return it?", "what do I write when I send a return?"): then a subject follows it.
     */
    private static final String WHEN_ASKED = "when(?! (i|we|you|it|they|he|she|my|our|your|the|a|an|there)\\b)";

    private static final Pattern WHEN = Pattern.compile("\\b" + WHEN_ASKED + "\\b");

    private static final Pattern ASKS_DURATION = Pattern.compile("\\b(how long|" + WHEN_ASKED
            + "|how soon|how often|how many days|how many weeks|days|weeks|time|deadline|until|valid"
            + "|expire|expiry|last|lasts|same day|next day|dispatch|quickly|fast|what time|cutoff|cut-off"
            + "|cut off|opening hours|hours)\\b");
    private static final Pattern ASKS_CONDITION = Pattern.compile(
            "^(can|could|may|do|does|is|are|will|would|should|am|did|have|has)\\b|\\b(can i|can you|allowed|possible"
                    + "|able to|is it|is there|do you|does it|are there|if|still)\\b");
    private static final Pattern ASKS_METHOD =
            Pattern.compile("\\b(how do|how can|how to|how should|steps|process|procedure|where do i|what do i do)\\b");
    private static final Pattern ASKS_LIST =
            Pattern.compile("\\b(which|what (kind|kinds|type|types|methods|options|countries|brands|cards))\\b");
    private static final Pattern ASKS_PLACE = Pattern.compile("\\b(where|address|location|located)\\b");
    private static final Pattern ASKS_REASON = Pattern.compile("\\b(why|how come|reason)\\b");
    /**
     * Something the shopper waits for that has not happened ("I don't see my refund yet", "my tracking number doesn't
     * work"): how long it takes is the fact that answers.
     */
    private static final Pattern WAITING = Pattern.compile(
            "\\b(yet|not working|doesn't work|does not work|don't see|do not see|can't see|cannot see|shows nothing"
                    + "|no update|no updates|not updated|isn't showing|not showing|still (not|haven't|hasn't|waiting))\\b");

    /**
     * A sentence saying how long something takes to happen ("can take up to 24 hours to show", "your bank may take
     * another 5-10 days"): what answers a shopper waiting for it, rather than a deadline or a condition with a number.
     */
    private static final Pattern TAKES =
            Pattern.compile("\\b(take|takes|taking|took)\\b|\\bto (show|appear|update|reflect|be credited|arrive)\\b");

    private static final Pattern ASKS_DEADLINE = Pattern.compile(
            "\\b(how long do (i|we|you) have|how much time do (i|we) have|how many days do (i|we) have|time limit"
                    + "|deadline|window|until when|by when|how long (can|may) (i|we)|how long after)\\b");
    /** A window to act: "within 30 days of delivery", "a 45-day return window", "up to 14 days after purchase". */
    private static final Pattern HAS_DEADLINE = Pattern.compile(
            "\\b(within|up to|for) (\\d+|one|two|three|four|five|six|seven|ten|fourteen|thirty|sixty|ninety)"
                    + " (business |working |calendar )?(days|weeks|months|years) (of|after|from)\\b"
                    + "|\\b\\d+[- ]day (return |exchange |trial )?(window|period)\\b");
    /** A problem reported, or "what should I do": what the store does about it answers. */
    private static final Pattern ASKS_REMEDY = Pattern.compile(
            "\\b(what (should|do|can|must) (i|we) do|what now|what happens now|what are my options|what can you do)\\b");
    /** "What happens if / when…": asks what follows, whatever figure the question names ("…if the price goes up"). */
    private static final Pattern ASKS_CONSEQUENCE =
            Pattern.compile("\\b(what happens|what will happen|what would happen|what if)\\b");
    /** A sentence that says what follows an event: "If a payment fails, we…", "When your pause ends…". */
    private static final Pattern HAS_CONSEQUENCE = Pattern.compile("^(if|when|once|after|should|in case|unless)\\b");
    /** A question, not a statement: a question mark or a question word first. */
    private static final Pattern QUESTION = Pattern.compile(
            "[?¿]|^\\s*(what|how|when|where|which|who|why|can|could|may|do|does|is|are|will|would|should|did|have|has)\\b");
    /** Words of a problem with an order or an item. */
    private static final Pattern PROBLEM = Pattern.compile(
            "\\b(broken|broke|damaged|scratch\\w*|dent\\w*|crack\\w*|wrong|missing|hole|holes|torn|ripped|stain\\w*"
                    + "|defect\\w*|faulty|never|didn't|doesn't|isn't|wasn't|arrived|received|sent me|came)\\b");

    private static final Pattern HAS_REMEDY = Pattern.compile(
            "\\b(we (will |'ll |can |may |then |also |gladly )?(send|replace|refund|repair|reship|exchange|pay|cover"
                    + "|collect|pick up|email|give|fix)|replacement|replaced|full refund|free of charge|at no (extra )?cost"
                    + "|free (replacement|repair)|for free)\\b");
    private static final Pattern HAS_REASON =
            Pattern.compile("\\b(because|since|so that|required|requires|law|legal|in order to|due to|as)\\b");

    /** A figure of money or a share: "$20", "£4.99", "10%", "15 euros", "CHF 6.90", "R$ 30", "200 kr". */
    private static final String MONEY =
            "[$€£¥]\\s?\\d|\\b(chf|usd|eur|gbp|aud|cad|nzd|sek|nok|dkk|pln|brl|r\\$|fr\\.)\\s?\\d"
                    + "|\\d+([.,]\\d+)?\\s?(%|percent|usd|eur|euros?|dollars?|gbp|pounds?|chf|francs?|sek|nok|dkk|kr|reais)";

    private static final Pattern HAS_AMOUNT = Pattern.compile("(" + MONEY + ")|\\bfree\\b"
            + "|\\b(no|without) (charge|cost|fee)\\b|\\bcosts?\\b|\\bfee\\b|\\bcharge[sd]?\\b");

    private static final Pattern HAS_DURATION = Pattern.compile(
            "\\b(\\d+|one|two|three|four|five|six|seven|ten|fourteen|thirty|sixty|ninety)([-–]\\d+)?\\s?(-\\s?)?"
                    + "(business |working |calendar )?(day|days|week|weeks|month|months|year|years|hour|hours|minutes)\\b"
                    + "|\\b(same day|next day|within|until|by \\d|before|after|expire|expires|never expire|lifetime"
                    + "|immediately|instantly|at once|once a|twice a|every|daily|weekly|monthly|yearly|ahead)\\b"
                    // a time of day: "before 1 pm", "from 10 am", "until 18:00", "by noon"
                    + "|\\b\\d{1,2}(:\\d\\d)?\\s?(am\\b|pm\\b|a\\.m\\.|p\\.m\\.)|\\b\\d{1,2}:\\d\\d\\b|\\b(noon|midday|midnight)\\b");
    private static final Pattern HAS_CONDITION = Pattern.compile(
            "\\b(if|unless|only|must|as long as|provided|cannot|can't|can|may|not|never|always|no|excluding|except"
                    + "|lets you|let you|allows you|allow you|you are welcome"
                    + "|eligible|required|need to|needs to|allowed|yes|includ\\w*|covers?|covered)\\b");
    private static final Pattern HAS_METHOD = Pattern.compile(
            "^(start|go|open|log in|sign in|click|select|choose|send|email|contact|print|pack|fill|use|enter|visit"
                    + "|return|bring|drop|call|write|reply|follow|add|apply|request|attach|wash|dry|tumble|hang|lay"
                    + "|iron|brush|wipe|rinse|soak|let|keep|store|remove|close|check|measure|place|put|take|re-apply"
                    + "|clean|never|do not|don't|avoid|try)\\b|\\b(from your account"
                    + "|on the .* page|by email|form|step|label)\\b");
    private static final Pattern HAS_LIST = Pattern.compile(",.*,|\\b(and|or)\\b.*,|,.*\\b(and|or)\\b");
    private static final Pattern HAS_PLACE =
            Pattern.compile("\\b(at|in|on|to) (our|the|your)\\b|https?://|\\b(address|page|warehouse|store|street)\\b");
    private static final Pattern ANAPHOR =
            Pattern.compile("^(it|this|that|these|those|they|such|there|then|also|however|otherwise|in that case)\\b");

    private Answers() {}

    /** What kind of fact the question asks for, from its English reading. */
    static Asks asks(String english) {
        return asks(english, english);
    }

    /** What kind of fact the question asks for, from its English reading and the shopper's own words. */
    static Asks asks(String english, String question) {
        String q = english.toLowerCase(Locale.ROOT);
        if (ASKS_REASON.matcher(q).find()) {
            return Asks.REASON;
        }
        if (ASKS_REMEDY.matcher(q).find()) {
            return Asks.REMEDY;
        }
        if (ASKS_DEADLINE.matcher(q).find()) {
            return Asks.DEADLINE;
        }
        if (ASKS_CONSEQUENCE.matcher(q).find()) {
            return Asks.CONSEQUENCE;
        }
        if (WAITING.matcher(q).find() && !ASKS_AMOUNT.matcher(q).find()) {
            return Asks.DURATION;
        }
        if (ASKS_DURATION.matcher(q).find()
                && (q.contains("how long")
                        || WHEN.matcher(q).find()
                        || q.contains("days")
                        || q.contains("how often"))) {
            return Asks.DURATION;
        }
        if (ASKS_AMOUNT.matcher(q).find()) {
            return Asks.AMOUNT;
        }
        if (ASKS_DURATION.matcher(q).find()) {
            return Asks.DURATION;
        }
        if (ASKS_METHOD.matcher(q).find()) {
            return Asks.METHOD;
        }
        if (ASKS_LIST.matcher(q).find()) {
            return Asks.LIST;
        }
        if (ASKS_PLACE.matcher(q).find()) {
            return Asks.PLACE;
        }
        if (ASKS_CONDITION.matcher(q).find()) {
            return Asks.CONDITION;
        }
        boolean reported = !QUESTION.matcher(question.toLowerCase(Locale.ROOT)).find()
                && PROBLEM.matcher(q).find();
        return reported ? Asks.REMEDY : Asks.OTHER;
    }

    /** The answer's text for the shopper, quoting one article or, when the best two are close, both. */
    static Composed compose(Retrieval retrieval, String question, Replies replies) {
        // What the shopper asks, from their words: a synonym added for the search ("cost" for "pay") asks nothing.
        String english = retrieval.read() + " " + question;
        Asks asks = asks(english, question);
        boolean waiting = asks == Asks.DURATION
                && WAITING.matcher(english.toLowerCase(Locale.ROOT)).find();
        List<ArticleMatch> matches = byFact(retrieval.matches(), retrieval.terms(), asks);
        ArticleMatch best = matches.getFirst();
        List<ArticleMatch> cited = new ArrayList<>(List.of(best));
        if (matches.size() > 1 && close(best, matches.get(1))) {
            ArticleMatch second = matches.get(1);
            cited.add(second);
            String first = quote(best, retrieval.terms(), asks, MOST, waiting, retrieval::aboutPlace);
            String other = quote(second, retrieval.terms(), asks, 1, waiting, retrieval::aboutPlace);
            return new Composed(
                    replies.quote().formatted(best.article().title(), first)
                            + replies.quoteAlso().formatted(second.article().title(), other),
                    cited);
        }
        return new Composed(
                replies.quote()
                        .formatted(
                                best.article().title(),
                                quote(best, retrieval.terms(), asks, MOST, waiting, retrieval::aboutPlace)),
                cited);
    }

    record Composed(String text, List<ArticleMatch> cited) {}

    /**
     * The articles with the one that says the asked fact first: when the question asks for a number (a price, a
     * number of days, a window to act) and the first article has no sentence holding one about the question's words,
     * while a close look-alike has ("what does resoling cost": the repair service's price, not the care guide that
     * mentions resoling), the look-alike answers.
     */
    static List<ArticleMatch> byFact(List<ArticleMatch> matches, Map<String, Double> terms, Asks asks) {
        if (matches.size() < 2
                || !(asks == Asks.AMOUNT || asks == Asks.DURATION || asks == Asks.DEADLINE)
                || says(matches.getFirst(), terms, asks)) {
            return matches;
        }
        ArticleMatch best = matches.getFirst();
        for (int i = 1; i < matches.size(); i++) {
            ArticleMatch other = matches.get(i);
            if (other.relevance() >= FACT_CLOSE * best.relevance() && says(other, terms, asks)) {
                List<ArticleMatch> out = new ArrayList<>(matches);
                out.remove(i);
                out.addFirst(other);
                return out;
            }
        }
        return matches;
    }

    /** Whether one of the article's sentences holds the asked fact and a word of the question. */
    private static boolean says(ArticleMatch match, Map<String, Double> terms, Asks asks) {
        return match.sentences().stream().anyMatch(s -> holds(s.text(), asks) && shares(s, terms));
    }

    static boolean close(ArticleMatch first, ArticleMatch second) {
        return second.relevance() >= CLOSE * first.relevance();
    }

    /** The article's sentences that best answer, at most {@code most}, in the article's order. */
    static String quote(ArticleMatch match, Map<String, Double> terms, Asks asks, int most) {
        return quote(match, terms, asks, most, false, s -> 0);
    }

    /**
     * The article's sentences that best answer, at most {@code most}, in the article's order; for a shopper
     * {@code waiting} for something that has not happened, a sentence saying how long it takes holds the fact best;
     * a sentence about the place the question names ({@link Retrieval#aboutPlace}) answers before one about others.
     */
    static String quote(
            ArticleMatch match,
            Map<String, Double> terms,
            Asks asks,
            int most,
            boolean waiting,
            java.util.function.ToIntFunction<String> place) {
        List<Sentence> sentences = match.sentences();
        if (sentences.isEmpty()) {
            return AgentTools.truncate(match.article().body().strip(), MAX_QUOTE);
        }
        // Words of the article's title say which article it is, not which of its sentences answers: they count less.
        java.util.Set<String> title = new java.util.HashSet<>(match.titleTerms());
        Map<String, Double> weights = new java.util.HashMap<>();
        terms.forEach((t, w) -> weights.put(t, title.contains(t) ? 0.3 * w : w));
        double total =
                weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double closest =
                sentences.stream().mapToDouble(Sentence::similarity).max().orElse(0);
        double farthest =
                sentences.stream().mapToDouble(Sentence::similarity).min().orElse(0);
        double range = closest - farthest;
        record Scored(int index, double score) {}
        List<Scored> scored = new ArrayList<>();
        double[] meanings = new double[sentences.size()];
        for (int i = 0; i < sentences.size(); i++) {
            Sentence s = sentences.get(i);
            double words = 0;
            for (Map.Entry<String, Double> t : weights.entrySet()) {
                words += t.getValue() * s.has(t.getKey());
            }
            double overlap = total == 0 ? 0 : words / total;
            double fact = holds(s.text(), asks) ? (asks == Asks.CONDITION ? 0.5 : 1) : 0;
            if (waiting
                    && fact > 0
                    && !TAKES.matcher(s.text().toLowerCase(Locale.ROOT)).find()) {
                fact = 0.5; // "if it has not changed for 5 days" is a condition; "can take 24 hours" is the wait
            }
            // Closeness in meaning, from the article's farthest sentence (0) to its closest (1).
            double meaning = closest <= 0 || range < 0.02 ? 0 : (s.similarity() - farthest) / range;
            meanings[i] = meaning;
            double score = 0.8 * overlap
                    + 0.35 * fact
                    + 0.15 * s.passageScore()
                    + 0.6 * meaning
                    + PLACE_WEIGHT * place.applyAsInt(s.text())
                    - (narrower(s.text(), weights) ? NARROW_WEIGHT : 0)
                    + (i == 0 ? 0.03 : 0);
            scored.add(new Scored(i, score));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::index));
        List<Integer> chosen = new ArrayList<>();
        Scored top = scored.getFirst();
        chosen.add(top.index());
        String topText = sentences.get(top.index()).text();
        if (top.index() > 0 && ANAPHOR.matcher(topText.toLowerCase(Locale.ROOT)).find()) {
            chosen.add(top.index() - 1); // "It takes 5 days." needs the sentence saying what "it" is
        } else if (most > 1 && scored.size() > 1) {
            Scored next = scored.get(1);
            int length = topText.length() + sentences.get(next.index()).text().length();
            if (next.score() >= SECOND_SHARE * top.score() && length <= MAX_QUOTE) {
                chosen.add(next.index());
                if (most > 2 && scored.size() > 2) {
                    Scored third = scored.get(2);
                    if (third.score() >= THIRD_SHARE * top.score()
                            && length + 1 + sentences.get(third.index()).text().length() <= MAX_QUOTE) {
                        chosen.add(third.index());
                    }
                }
            } else if (topText.length() < 60 && top.index() + 1 < sentences.size()) {
                chosen.add(top.index() + 1); // a short sentence says too little alone
            }
        }
        if ((asks == Asks.AMOUNT || asks == Asks.DURATION || asks == Asks.DEADLINE || asks == Asks.REMEDY)
                && chosen.stream().noneMatch(i -> answers(sentences.get(i).text(), asks, waiting))) {
            // The question asks for a number (a price, a number of days) or what the store does about a problem, and
            // the chosen sentences have none: the best sentence of the article that has it, and shares a word with
            // the question or is close to it in meaning, answers it.
            for (Scored candidate : scored) {
                Sentence s = sentences.get(candidate.index());
                // "It costs 10%." says the price of what the sentence before it names.
                boolean continues = candidate.index() > 0
                        && chosen.contains(candidate.index() - 1)
                        && ANAPHOR.matcher(s.text().toLowerCase(Locale.ROOT)).find();
                boolean near = meanings[candidate.index()] >= CLOSE_IN_MEANING || asks == Asks.REMEDY;
                if (answers(s.text(), asks, waiting)
                        && (shares(s, weights) || continues || near)
                        && candidate.score() >= 0.35 * top.score()) {
                    if (most == 1) {
                        chosen.clear(); // one line of a second article: the line with the number
                    } else if (chosen.size() >= 2) {
                        chosen.removeLast();
                    }
                    chosen.add(candidate.index());
                    break;
                }
            }
        }
        String quoted = chosen.stream()
                .sorted()
                .distinct()
                .map(i -> sentences.get(i).text().strip())
                .collect(Collectors.joining(" "));
        return AgentTools.truncate(quoted, MAX_QUOTE + 200);
    }

    /** Whether the sentence's subject is qualified by a word the question does not have (see {@link #NARROW_WEIGHT}). */
    static boolean narrower(String sentence, Map<String, Double> questionTerms) {
        Matcher m = NARROW_SUBJECT.matcher(sentence.toLowerCase(Locale.ROOT));
        if (!m.find()) {
            return false;
        }
        String qualifier = m.group(1);
        if (NOT_NARROWING.contains(qualifier)
                || qualifier.startsWith("un")
                || qualifier.endsWith("ed")
                || qualifier.length() < 3) {
            return false;
        }
        for (String term : questionTerms.keySet()) {
            String t = term.startsWith("~") ? term.substring(1) : term;
            if (t.length() >= 3 && (qualifier.startsWith(t) || t.startsWith(qualifier))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a sentence holds the asked fact; for a shopper waiting, how long something takes. */
    private static boolean answers(String sentence, Asks asks, boolean waiting) {
        return holds(sentence, asks)
                && (!waiting || TAKES.matcher(sentence.toLowerCase(Locale.ROOT)).find());
    }

    private static boolean shares(Sentence sentence, Map<String, Double> weights) {
        return weights.keySet().stream().anyMatch(t -> sentence.has(t) > 0);
    }

    static boolean holds(String sentence, Asks asks) {
        String s = sentence.toLowerCase(Locale.ROOT);
        return switch (asks) {
            case AMOUNT -> HAS_AMOUNT.matcher(s).find();
            case DURATION -> HAS_DURATION.matcher(s).find();
            case DEADLINE -> HAS_DEADLINE.matcher(s).find();
            case CONDITION -> HAS_CONDITION.matcher(s).find();
            case METHOD -> HAS_METHOD.matcher(s).find();
            case LIST -> HAS_LIST.matcher(s).find();
            case PLACE -> HAS_PLACE.matcher(s).find();
            case REASON -> HAS_REASON.matcher(s).find();
            case REMEDY -> HAS_REMEDY.matcher(s).find();
            case CONSEQUENCE -> HAS_CONSEQUENCE.matcher(s).find();
            case OTHER -> false;
        };
    }
}
