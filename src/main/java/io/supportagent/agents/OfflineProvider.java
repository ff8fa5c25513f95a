package io.supportagent.agents;

import io.supportagent.conversations.Message;
import io.supportagent.knowledge.Language;
import io.supportagent.knowledge.Order;
import io.supportagent.knowledge.Retrieval;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The default provider: no model and no network. It reads the shopper's text only as data — it looks for an order
 * number and an email, or searches the store's articles with it — and never follows it: there is nothing to
 * instruct. It answers an order when number and email match (only for questions about a specific order), quotes
 * the sentences of the best article above {@code min_relevance} that hold the asked fact (cited), and hands off when
 * it cannot answer — each only with the tool for it ({@code search_knowledge}, {@code lookup_order},
 * {@code handoff_to_human}) enabled in the agent's definition version, as a model would be offered only those. It
 * answers in the shopper's language (English, Spanish, French, German, Portuguese); quotes stay in the article's.
 */
final class OfflineProvider implements ModelProvider {

    static final String NO_MATCH = Replies.EN.noMatch();
    static final String NO_MATCH_KEPT = Replies.EN.noMatchKept();

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern ORDER_NUMBER = Pattern.compile(
            "(?iu)(?:order|pedido|orden|commande|bestellung|bestellnummer|auftrag|encomenda|compra|#)\\s*"
                    + "(?:number|no\\.?|nr\\.?|n[°º.]?|id|n[úu]mero|nummer|num\\.?|de pedido|do pedido)?\\s*[:#]?\\s*"
                    + "([A-Za-z0-9][A-Za-z0-9_-]{1,63})");
    private static final Pattern BARE_NUMBER = Pattern.compile("(?<![\\w.,$€£-])#?(\\d{4,20})(?![\\w-]|[.,]\\d)");
    /** An order code such as "LH-20457" or "A1234": letters and at least three digits, no spaces. */
    private static final Pattern ORDER_CODE =
            Pattern.compile("(?<![\\w@.$€£-])#?([A-Za-z]{1,6}[-_]?\\d{3,}[A-Za-z0-9_-]{0,40})(?![\\w@-])");

    private static final Pattern ORDER_WORDS = Pattern.compile(
            "(?iu)\\b(orders?|package|parcel|tracking|track|shipped|delivery status|where is my|pedidos?|orden"
                    + "|paquete|commandes?|colis|bestellung|paket|sendung|encomendas?|pacote)\\b");
    /**
     * Phrases that name one of the shopper's own orders (in the English reading): an order, parcel or item of theirs;
     * anything of theirs that has not arrived ("my dog food hasnt arrived"); "where is my …" for anything but what a
     * store keeps about them (their data, account, points, balance), which an article answers.
     */
    private static final Pattern SPECIFIC_ORDER = Pattern.compile(
            "\\b(my|our) (order|orders|package|parcel|delivery|shipment|purchase|stuff|items?|things|products?)\\b"
                    + "|\\bi (ordered|bought|purchased|placed an order)\\b|\\border (number|no|nr)\\b"
                    + "|\\b(where is|where's|wheres|where are) (my|our) (?!(personal )?(data|information|info|details"
                    + "|account|password|points|balance|credit|privacy)\\b)"
                    + "|\\b(my|our) (?!(refund|money|credit|code|email|e-mail|label|points|voucher|invoice|reply|answer"
                    + "|password|link|confirmation)\\b)[a-z]+( [a-z]+)? (still )?(hasn'?t|has not|haven'?t|have not|didn'?t|did not|never)"
                    + " (arrived|come|turned up|shown up|been delivered|been shipped)\\b");
    /** Questions about where an order is (in the English reading). */
    private static final Pattern STATUS = Pattern.compile(
            "\\b(where is|where's|wheres|status|track|tracking|when will|hasn'?t (arrived|come|shipped)|has not"
                    + " (arrived|come|shipped)|haven'?t (received|got|gotten)|have not (received|got)|didn'?t (arrive|come)"
                    + "|did not (arrive|come)|not (received|arrived|here yet|delivered)|still (waiting|not)|not yet"
                    + "|late|delayed|any update|been shipped|shipped yet|dispatched yet|sent yet|hasn't arrived)\\b"
                    + "|\\bwhere\\b.{0,25}\\b(order|package|parcel|my)\\b|\\bwhen\\b.{0,40}\\b(arrive|come|ship|deliver)");
    /** Questions about a policy, even for one's own order: an article answers them, not the order's status. */
    private static final Pattern POLICY = Pattern.compile(
            "\\b(return|returns|exchange|refund|damaged|broken|defect|defective|faulty|wrong item|wrong size"
                    + "|missing item|cancel|change (the|my) (address|order)|change address|size|warranty|gift|discount"
                    + "|invoice|receipt|customs|tax|duties|label|price|cost|free shipping)\\b");
    /**
     * "Will I have to pay customs when my parcel arrives?": a question about what something costs is answered by an
     * article, even when it speaks of the shopper's own parcel.
     */
    private static final Pattern COSTS = Pattern.compile(
            "\\b(customs|duties|import (tax|taxes|fees|vat)|taxes|vat|how much|costs?|prices?|fees?|free shipping"
                    + "|(have|need) to pay|pay (for|extra|anything|more))\\b");

    /** "When will it arrive if I choose express?": a question about the policy, not about an order placed. */
    private static final Pattern HYPOTHETICAL =
            Pattern.compile("\\bif (i|we) (choose|order|pick|select|buy|pay|use|go for|want)\\b|\\bwould\\b");

    /**
     * "I ordered on Sunday, when will it be packed?": a question that says when the order was placed asks what the
     * store does with orders placed then (its dispatch times), which an article answers; the order's number would
     * add nothing.
     */
    private static final Pattern WHEN_PLACED = Pattern.compile(
            "\\b(ordered|placed (an|my|the) order|bought|purchased|order(ed)? placed)\\b.{0,20}\\b(on|over|during|at|"
                    + "after|before|late on) (a |the |last )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday"
                    + "|weekend|holiday|public holiday|night|evening|midnight|\\d{1,2}( ?[ap]\\.?m\\b|:\\d\\d))");

    private static final Pattern GREETING = Pattern.compile(
            "(?iu)^\\s*(hi|hello|hey|hallo|hola|buenas|buenos d[ií]as|bonjour|bonsoir|salut|ol[aá]|oi|bom dia|boa"
                    + " tarde|guten tag|moin|servus|good (morning|afternoon|evening)|thanks|thank you|thx|ty|gracias"
                    + "|muchas gracias|merci|merci beaucoup|danke|vielen dank|danke sch[öo]n|obrigad[oa]|ok|okay|vale"
                    + "|d'accord|bye|adi[oó]s|au revoir|tsch[üu]ss|tchau)[\\s!.,]*$");
    private static final Pattern THANKS = Pattern.compile("(?iu)(thank|thx|\\bty\\b|gracias|merci|danke|obrigad)");
    /**
     * Advice about the world rather than the store's policies ("which trail is best for beginners?", "can you
     * recommend a good laptop?", "how much should I feed a puppy?", "is it safe to…"): when no article is close (see {@link #ADVICE_RELEVANCE}), a person answers it.
     */
    static final Pattern ADVICE = Pattern.compile(
            "\\b(recommend|recommendation|suggest|which .{0,40}\\b(is|are|would be) (the )?(best|better|good|right)"
                    + "|what('s| is| are) (the )?best|best .{0,30}\\bfor (a |an )?(beginner|beginners|kids|me|hiking"
                    + "|running|gaming|travel)|should i (buy|get|choose) (the |a )?[a-z]+ or"
                    // how to go about the world ("how much should I feed…", "is it safe for cats to…")
                    + "|how (much|many|often)( [a-z]+)? should (i|we)|is it (safe|healthy|ok|okay|bad|good|normal|dangerous|harmful"
                    + "|toxic|poisonous) (for|to))\\b");
    /** Below the relevance of nearly every answerable question (the development set's 5th percentile is 0.41). */
    static final double ADVICE_RELEVANCE = 0.3;

    private static final Pattern INJECTION = Pattern.compile(
            "\\b(ignore|disregard|forget|override|bypass)\\b.{0,40}\\b(instructions?|rules|prompts?|guidelines"
                    + "|directives|constraints|restrictions)\\b|\\bsystem prompt\\b|\\b(you are now|act as|pretend"
                    + " (to be|you are|you're)|roleplay as|from now on,? you)\\b|\\b(admin|administrator|developer|debug"
                    + "|god|dan|sudo|root|maintenance) mode\\b|\\bjailbreak|\\b(reveal|print|show|output|repeat|dump"
                    + "|list) (me )?(your|the|all) (system|initial|hidden|secret|internal) (prompt|instructions|message"
                    + "|rules|data)|<\\|?(system|im_start)|\\[system\\]|^\\s*system\\s*:|\\bnew instructions\\b"
                    + "|\\bsystem override\\b|\\b(all|every|other) (customers'?|users'?|stores'?) (orders|data|emails"
                    + "|addresses)\\b|\\bignore instructions\\b");

    @Override
    public String reply(Turn turn, AgentTools tools, Consumer<String> deltas) {
        String reply = answer(turn, tools, turn.latest());
        stream(reply, deltas);
        return reply;
    }

    /** The language of the conversation: this message's, or for a short one (an email, a number) the shopper's last. */
    static Language language(Turn turn) {
        String latest = turn.latest();
        if (words(latest) >= 3) {
            return Language.detect(latest);
        }
        List<Message> history = turn.history();
        for (int i = history.size() - 2; i >= 0; i--) {
            Message m = history.get(i);
            if (m.role().equals("customer") && words(m.content()) >= 3) {
                return Language.detect(m.content());
            }
        }
        return Language.detect(latest);
    }

    private static int words(String text) {
        String withoutEmails = EMAIL.matcher(text).replaceAll(" ");
        return (int) Stream.of(withoutEmails.strip().split("[\\s,;]+"))
                .filter(w -> w.chars().anyMatch(Character::isLetter))
                .count();
    }

    private String answer(Turn turn, AgentTools tools, String text) {
        List<String> enabled = turn.profile().definition().tools();
        boolean orders = enabled.contains(AgentTools.LOOKUP_ORDER);
        Language language = language(turn);
        Replies replies = Replies.of(language);
        if (GREETING.matcher(text).matches()) {
            return THANKS.matcher(text).find()
                    ? replies.welcome()
                    : orders ? replies.greetingWithOrders() : replies.greeting();
        }
        String english =
                (language == Language.EN ? text : text + " " + language.toEnglish(text)).toLowerCase(Locale.ROOT);
        boolean awaitingOrder = orders && awaitingOrderDetails(turn);
        Optional<String> number = orders ? orderNumber(text, awaitingOrder) : Optional.empty();
        Optional<String> email = email(text);
        if (orders && number.isEmpty() && email.isPresent()) {
            number = earlierCustomerText(turn).map(t -> orderNumber(t, true)).flatMap(o -> o);
        }
        boolean policy =
                POLICY.matcher(english).find() && !STATUS.matcher(english).find()
                        || HYPOTHETICAL.matcher(english).find()
                        || WHEN_PLACED.matcher(english).find();
        Retrieval retrieval = null;
        if (number.isPresent() && policy && enabled.contains(AgentTools.SEARCH_KNOWLEDGE)) {
            retrieval = tools.searchKnowledge(text); // "can I return order 1001?" is a returns question
            if (!retrieval.matches().isEmpty()) {
                return quote(tools, retrieval, text, replies);
            }
        }
        if (number.isPresent()) {
            Optional<String> address = email.or(
                            () -> Optional.ofNullable(turn.conversation().customerEmail()))
                    .or(() -> earlierCustomerText(turn)
                            .map(OfflineProvider::email)
                            .flatMap(e -> e));
            if (address.isEmpty()) {
                return replies.askEmail().formatted(number.get());
            }
            return tools.lookupOrder(number.get(), address.get())
                    .map(o -> describe(o, replies))
                    .orElse(replies.noOrder().formatted(number.get()));
        }
        boolean aboutMyOrder = orders && SPECIFIC_ORDER.matcher(english).find();
        if (aboutMyOrder
                && STATUS.matcher(english).find()
                && !HYPOTHETICAL.matcher(english).find()
                && !WHEN_PLACED.matcher(english).find()
                && !COSTS.matcher(english).find()) {
            return replies.askOrder();
        }
        if (INJECTION.matcher(english).find()) {
            return replies.refuse(); // instructions in a message are data: nothing to search for, nothing to obey
        }
        if (retrieval == null && enabled.contains(AgentTools.SEARCH_KNOWLEDGE)) {
            retrieval = tools.searchKnowledge(text);
        }
        boolean advice = retrieval != null
                && !retrieval.matches().isEmpty()
                && retrieval.matches().getFirst().relevance() < ADVICE_RELEVANCE
                && ADVICE.matcher(english).find();
        if (retrieval != null && !retrieval.matches().isEmpty() && !advice) {
            return quote(tools, retrieval, text, replies);
        }
        if (aboutMyOrder || (orders && ORDER_WORDS.matcher(text).find() && awaitingOrder)) {
            return replies.askOrder();
        }
        if (!enabled.contains(AgentTools.HANDOFF_TO_HUMAN)) {
            return replies.noMatchKept();
        }
        tools.handoff(HandoffIntent.Reason.OUT_OF_SCOPE.note);
        return replies.noMatch();
    }

    private static String quote(AgentTools tools, Retrieval retrieval, String text, Replies replies) {
        Answers.Composed composed = Answers.compose(retrieval, text, replies);
        composed.cited().forEach(tools::cite);
        return composed.text();
    }

    /** Whether the agent's last message asked for an order number or the email of an order. */
    private static boolean awaitingOrderDetails(Turn turn) {
        List<Message> history = turn.history();
        for (int i = history.size() - 2; i >= 0; i--) {
            Message m = history.get(i);
            if (m.role().equals("agent")) {
                return Stream.of(Replies.EN, Replies.ES, Replies.FR, Replies.DE, Replies.PT)
                        .anyMatch(r -> m.content().equals(r.askOrder())
                                || m.content()
                                        .startsWith(r.askEmail()
                                                .substring(0, r.askEmail().indexOf("%s"))));
            }
        }
        return false;
    }

    private static Optional<String> earlierCustomerText(Turn turn) {
        List<Message> earlier =
                turn.history().subList(0, Math.max(0, turn.history().size() - 1));
        for (int i = earlier.size() - 1; i >= 0; i--) {
            Message m = earlier.get(i);
            if (m.role().equals("customer")) {
                String content = m.content();
                if (orderNumber(content, false).isPresent() || email(content).isPresent()) {
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
        return orderNumber(text, false);
    }

    /**
     * An order number in the text: after "order" (or "#", "pedido", "commande", "Bestellung"…), or a bare number of
     * four or more digits when the text is about an order, carries an email, or answers the agent's question.
     */
    static Optional<String> orderNumber(String text, boolean expected) {
        String withoutEmails = EMAIL.matcher(text).replaceAll(" ");
        Matcher m = ORDER_NUMBER.matcher(withoutEmails);
        while (m.find()) {
            if (looksLikeOrderNumber(m.group(1))) {
                return Optional.of(m.group(1));
            }
        }
        if (!expected
                && !ORDER_WORDS.matcher(text).find()
                && !EMAIL.matcher(text).find()) {
            return Optional.empty();
        }
        Matcher code = ORDER_CODE.matcher(withoutEmails);
        if (code.find()) {
            return Optional.of(code.group(1));
        }
        Matcher bare = BARE_NUMBER.matcher(withoutEmails);
        return bare.find() ? Optional.of(bare.group(1)) : Optional.empty();
    }

    /**
     * Whether a word after "order" can be an order number: three digits or more, or letters with digits ("LH-20457",
     * "A12B"). "If I order 10 shirts" or "an order of 2" name a quantity, not an order: a general question.
     */
    static boolean looksLikeOrderNumber(String word) {
        long digits = word.chars().filter(Character::isDigit).count();
        boolean letters = word.chars().anyMatch(Character::isLetter);
        return digits >= 3 || (digits >= 1 && letters && word.length() >= 4);
    }

    private static String describe(Order order, Replies replies) {
        StringBuilder out =
                new StringBuilder(replies.orderIs().formatted(order.number(), replies.status(order.status())));
        if (!order.items().isEmpty()) {
            out.append(replies.items()
                    .formatted(order.items().stream()
                            .map(i -> i.quantity() + " × " + i.name())
                            .collect(Collectors.joining(", "))));
        }
        if (order.trackingUrl() != null) {
            out.append(replies.track().formatted(order.trackingUrl()));
        }
        return out.toString();
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
