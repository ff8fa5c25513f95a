package io.supportagent.agents;

import io.supportagent.conversations.Message;
import io.supportagent.knowledge.ArticleMatch;
import io.supportagent.knowledge.Order;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The default provider: no model and no network. It reads the shopper's text only as data — it looks for an order
 * number and an email, or searches the store's articles with it — and never follows it: there is nothing to
 * instruct. It quotes and cites the best article above {@code min_relevance}, answers an order when number and email
 * match, and hands off when it cannot answer — each only with the tool for it ({@code search_knowledge},
 * {@code lookup_order}, {@code handoff_to_human}) enabled in the agent's definition version, as a model would be
 * offered only those.
 */
final class OfflineProvider implements ModelProvider {

    static final String NO_MATCH = "I'm not sure about that one, so I've passed your question to a person on our team."
            + " They'll reply here as soon as they can.";
    static final String NO_MATCH_KEPT = "I'm sorry, I don't have an answer to that one.";

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern ORDER_NUMBER = Pattern.compile(
            "(?i)(?:order|#)\\s*(?:number|no\\.?|nr\\.?|id)?\\s*[:#]?\\s*([A-Za-z0-9][A-Za-z0-9_-]{1,63})");
    private static final Pattern BARE_NUMBER = Pattern.compile("(?<![\\w.-])#?(\\d{4,20})(?![\\w-])");
    private static final Pattern ORDER_WORDS =
            Pattern.compile("(?i)\\b(orders?|package|parcel|tracking|track|shipped|delivery status|where is my)\\b");
    private static final Pattern GREETING = Pattern.compile(
            "(?i)^\\s*(hi|hello|hey|hallo|good (morning|afternoon|evening)|thanks|thank you|thx|ok|okay|bye)[\\s!.,]*$");
    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Set<String> STOP = Set.of(
            "the", "and", "for", "you", "your", "our", "are", "can", "how", "what", "when", "where", "does", "with",
            "this", "that", "have", "from", "will", "would", "could", "should", "there", "which", "about", "into",
            "long", "much", "many", "any", "is", "do", "my", "me", "it", "to", "of", "in", "on", "a", "an", "i");

    @Override
    public String reply(Turn turn, AgentTools tools, Consumer<String> deltas) {
        String text = turn.latest();
        String reply = answer(turn, tools, text);
        stream(reply, deltas);
        return reply;
    }

    private String answer(Turn turn, AgentTools tools, String text) {
        List<String> enabled = turn.profile().definition().tools();
        boolean orders = enabled.contains(AgentTools.LOOKUP_ORDER);
        if (GREETING.matcher(text).matches()) {
            return text.toLowerCase(Locale.ROOT).contains("thank")
                    ? "You're welcome! Anything else I can help with?"
                    : "Hello! Ask me about shipping, returns, sizing or payment"
                            + (orders ? ", or about an order (with its number and your email address)." : ".");
        }
        Optional<String> number = orders ? orderNumber(text) : Optional.empty();
        Optional<String> email = email(text);
        if (orders && number.isEmpty() && email.isPresent()) {
            number = earlierCustomerText(turn).map(OfflineProvider::orderNumber).flatMap(o -> o);
        }
        if (number.isPresent()) {
            Optional<String> address = email.or(
                            () -> Optional.ofNullable(turn.conversation().customerEmail()))
                    .or(() -> earlierCustomerText(turn)
                            .map(OfflineProvider::email)
                            .flatMap(e -> e));
            if (address.isEmpty()) {
                return "I can look up order " + number.get() + ". Which email address did you use for it?";
            }
            return tools.lookupOrder(number.get(), address.get())
                    .map(OfflineProvider::describe)
                    .orElse("I couldn't find an order " + number.get() + " for that email address. Please check the"
                            + " order number and use the email address you ordered with.");
        }
        List<ArticleMatch> matches =
                enabled.contains(AgentTools.SEARCH_KNOWLEDGE) ? tools.searchKnowledge(text) : List.of();
        if (!matches.isEmpty()) {
            ArticleMatch best = matches.getFirst();
            tools.cite(best);
            return "From our article \"" + best.article().title() + "\": "
                    + quote(best.article().body(), text);
        }
        if (orders && ORDER_WORDS.matcher(text).find()) {
            return "I can help with your order. Please tell me the order number and the email address you used.";
        }
        if (!enabled.contains(AgentTools.HANDOFF_TO_HUMAN)) {
            return NO_MATCH_KEPT;
        }
        tools.handoff("no matching article");
        return NO_MATCH;
    }

    private static Optional<String> earlierCustomerText(Turn turn) {
        List<Message> earlier =
                turn.history().subList(0, Math.max(0, turn.history().size() - 1));
        for (int i = earlier.size() - 1; i >= 0; i--) {
            Message m = earlier.get(i);
            if (m.role().equals("customer")) {
                String content = m.content();
                if (orderNumber(content).isPresent() || email(content).isPresent()) {
                    return Optional.of(content);
                }
            }
        }
        return Optional.empty();
    }

    static Optional<String> email(String text) {
        Matcher m = EMAIL.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    static Optional<String> orderNumber(String text) {
        String withoutEmails = EMAIL.matcher(text).replaceAll(" ");
        Matcher m = ORDER_NUMBER.matcher(withoutEmails);
        while (m.find()) {
            if (m.group(1).chars().anyMatch(Character::isDigit)) {
                return Optional.of(m.group(1));
            }
        }
        if (!ORDER_WORDS.matcher(text).find() && !EMAIL.matcher(text).find()) {
            return Optional.empty();
        }
        Matcher bare = BARE_NUMBER.matcher(withoutEmails);
        return bare.find() ? Optional.of(bare.group(1)) : Optional.empty();
    }

    private static String describe(Order order) {
        StringBuilder out = new StringBuilder("Order ")
                .append(order.number())
                .append(" is ")
                .append(order.status())
                .append('.');
        if (!order.items().isEmpty()) {
            out.append(" Items: ")
                    .append(order.items().stream()
                            .map(i -> i.quantity() + " × " + i.name())
                            .collect(Collectors.joining(", ")))
                    .append('.');
        }
        if (order.trackingUrl() != null) {
            out.append(" Track it here: ").append(order.trackingUrl());
        }
        return out.toString();
    }

    /** The article's one or two sentences that share the most words with the question, in their order. */
    static String quote(String body, String question) {
        Set<String> asked = stems(question);
        String[] sentences = SENTENCE.split(body.strip());
        record Scored(int index, long score) {}
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < sentences.length; i++) {
            Set<String> words = stems(sentences[i]);
            scored.add(new Scored(i, words.stream().filter(asked::contains).count()));
        }
        List<Integer> chosen = scored.stream()
                .sorted(Comparator.comparingLong(Scored::score).reversed().thenComparingInt(Scored::index))
                .limit(2)
                .filter(s -> s.score() > 0)
                .map(Scored::index)
                .sorted()
                .toList();
        if (chosen.isEmpty()) {
            chosen = sentences.length > 1 ? List.of(0, 1) : List.of(0);
        }
        String quoted = chosen.stream().map(i -> sentences[i].strip()).collect(Collectors.joining(" "));
        return AgentTools.truncate(quoted, 600);
    }

    private static Set<String> stems(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            if (w.length() > 2 && !STOP.contains(w)) {
                out.add(w.length() > 5 ? w.substring(0, 5) : w);
            }
        }
        return out;
    }

    /** A few words at a time, as a model would stream. */
    static void stream(String reply, Consumer<String> deltas) {
        int start = 0;
        int words = 0;
        for (int i = 0; i < reply.length(); i++) {
            if (reply.charAt(i) == ' ' && ++words % 4 == 0) {
                deltas.accept(reply.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < reply.length()) {
            deltas.accept(reply.substring(start));
        }
    }
}
