package io.supportagent.agents;

import io.supportagent.knowledge.Language;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises messages that need a person, whatever the provider: that always hands off, without a model call. Each
 * reason is recorded on the conversation (its system note). Read in the shopper's own words and in their English
 * reading (see {@link Language#toEnglish}), so that the five languages share one set of English patterns, with a
 * few native phrasings that a word-by-word reading would lose.
 */
final class HandoffIntent {

    /** Why a conversation goes to people; {@code note} is what the team reads on the conversation. */
    enum Reason {
        PERSON("customer asked for a person"),
        LEGAL("legal threat"),
        ACCOUNT_SECURITY("account security: possible account takeover"),
        PAYMENT_DISPUTE("payment dispute or possible fraud"),
        COMPLAINT("complaint or frustration"),
        BUSINESS("bulk, business or job request"),
        OUT_OF_SCOPE("out of scope: no article answers it");

        final String note;

        Reason(String note) {
            this.note = note;
        }
    }

    private static final Pattern PERSON = Pattern.compile(
            "\\b(humans?|person|people|real people|representative|rep|agent|operator|staff|someone real|real one"
                    + "|customer service|customer support|support team|live chat|live agent|manager|supervisor"
                    + "|mensch|mitarbeiter|atendente|conseiller|asesor)\\b");
    private static final Pattern ASKING = Pattern.compile(
            "\\b(talk|speak|chat|connect|transfer|contact|reach|want|need|get|give|call|put|let|escalate|please|can i"
                    + "|could i|is there|sprechen|hablar|parler|falar)\\b");
    private static final Pattern NOT_A_REQUEST = Pattern.compile(
            "\\b(delivery agent|shipping agent|customs agent|travel agent|agent of|people (say|said|who)|per person)\\b");

    private static final Pattern LEGAL = Pattern.compile(
            "\\b(lawyer|lawyers|attorney|solicitor|sue|suing|lawsuit|legal action|legal steps|take (you|this|it) to"
                    + " court|court|small claims|consumer protection|ombudsman|trading standards|cease and desist"
                    + "|class action|better business bureau|bbb|report you to|legal department)\\b");

    private static final Pattern ACCOUNT_SECURITY = Pattern.compile(
            "\\b(hacked|hacker|compromised|account (was |has been |got )?(taken over|stolen|hijacked|breached)"
                    + "|someone (else )?(logged|got|broke|has logged|has got|accessed) (in|into)|suspicious (login|log in"
                    + "|sign in|activity|access)|unauthori[sz]ed (access|login|log in)|locked out of my account"
                    + "|(changed|reset) my (password|email) without|password (was |has been )?changed|phishing"
                    + "|login alert|unknown device)\\b");

    private static final Pattern PAYMENT_DISPUTE = Pattern.compile(
            "\\b(charged .{0,25}(twice|two times|double|2 times)|double[- ]charged|duplicate (charge|payment)"
                    + "|(paid|billed|debited) .{0,20}twice|charge\\b.{0,50}\\b(don't|do not|didn't|did not|can't|cannot)"
                    + " recogni[sz]e|unknown (charge|payment|transaction)|unauthori[sz]ed (charge|charges|transaction|payment|purchase)"
                    + "|(didn't|did not|never) (authori[sz]e|make|place) (this|that|the|these|any)"
                    + "|(don't|do not) recogni[sz]e (this|the|a|that) (charge|payment|transaction)"
                    + "|fraud|fraudulent|chargeback|dispute|disputing|stolen card|card (was |has been )?stolen"
                    + "|scam|scammed|overcharged|charged (me )?(the )?wrong (amount|price)|still (haven't|have not|not)"
                    + " (got|received|seen) (my|the) refund|refund (never|still hasn't|has not) (arrived|come|shown)"
                    + "|charged .{0,30}(never|didn't|did not) (receive|get|order))\\b");

    private static final Pattern COMPLAINT = Pattern.compile(
            "\\b(complain|complaint|complaints|unacceptable|ridiculous|terrible|awful|horrible|worst|disgusting"
                    + "|outrageous|disgrace|shameful|furious|angry|livid|frustrated|frustrating|fed up|sick of"
                    + "|tired of|disappointed|disappointing|pathetic|useless|incompetent|never again|never buying"
                    + "|third time|fourth time|several times|nobody (answers|responds|replies|helps)|no one"
                    + " (answers|responds|replies|helps)|no (answer|response|reply) from|ignored|ignoring me|wtf|wth"
                    + "|bullshit|shit|damn|fuck|fucking|crap|bad service|poor service|lousy|this is a joke"
                    + "|waste of (time|money)|rip[- ]?off|(is|are|was|were) (a|an|such a|a complete|a total) (joke"
                    + "|nightmare|disaster|mess|shambles)|(waiting|waited) .{0,30}\\b(for|on) (a|an|any|your) (reply"
                    + "|response|answer|call ?back)|(never|nobody|no one) (got|gets|has got|came) back to me)\\b");

    private static final Pattern BUSINESS =
            Pattern.compile("\\b(wholesale|wholesaler|bulk|b2b|reseller|resell|reselling|retailer|stockist|distributor"
                    + "|distribution|corporate (order|orders|gift|gifts|account|discount)|for (my|our) (company"
                    + "|business|team|office|employees|staff|shop|store|firm)|large order|big order|volume"
                    + " (order|discount|pricing)|\\d{2,} (units|pieces|pcs|items|jackets|shirts|pairs|boxes|of them)"
                    + "|partnership|partner with|collaborat\\w*|sponsor\\w*|influencer|affiliate|press|journalist"
                    + "|media (inquiry|enquiry)|job|jobs|career|careers|hiring|vacanc\\w*|apply for a (job|position)"
                    + "|internship|work (for|with|at) you|supplier|sell (my|our) products|business account)\\b");

    private static final Pattern CAPS_WORD = Pattern.compile("\\b[A-Z]{3,}\\b");

    private HandoffIntent() {}

    /** Why this message needs a person, if it does. */
    static Optional<Reason> of(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Language language = Language.detect(text);
        String own = text.toLowerCase(Locale.ROOT);
        String english =
                language == Language.EN ? own : language.toEnglish(text).toLowerCase(Locale.ROOT);
        List<String> readings = language == Language.EN ? List.of(own) : List.of(own, english);
        if (any(readings, LEGAL)) {
            return Optional.of(Reason.LEGAL);
        }
        if (any(readings, ACCOUNT_SECURITY)) {
            return Optional.of(Reason.ACCOUNT_SECURITY);
        }
        if (any(readings, PAYMENT_DISPUTE)) {
            return Optional.of(Reason.PAYMENT_DISPUTE);
        }
        if (asksForPerson(readings, text)) {
            return Optional.of(Reason.PERSON);
        }
        if (any(readings, COMPLAINT) || shouting(text)) {
            return Optional.of(Reason.COMPLAINT);
        }
        if (any(readings, BUSINESS)) {
            return Optional.of(Reason.BUSINESS);
        }
        return Optional.empty();
    }

    static boolean asksForPerson(String text) {
        return of(text).filter(r -> r == Reason.PERSON).isPresent();
    }

    private static boolean asksForPerson(List<String> readings, String text) {
        for (String reading : readings) {
            if (PERSON.matcher(reading).find()
                    && !NOT_A_REQUEST.matcher(reading).find()) {
                if (ASKING.matcher(reading).find() || text.strip().split("\\s+").length <= 4) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Several words in capitals and exclamation marks: an angry shopper, whatever the words. */
    private static boolean shouting(String text) {
        long caps = CAPS_WORD.matcher(text).results().count();
        long words = text.strip().split("\\s+").length;
        return caps >= 3 && caps * 2 >= words && text.contains("!");
    }

    private static boolean any(List<String> readings, Pattern pattern) {
        for (String reading : readings) {
            if (pattern.matcher(reading).find()) {
                return true;
            }
        }
        return false;
    }
}
