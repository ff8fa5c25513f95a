package io.supportagent.agents;

import java.util.regex.Pattern;

/** Recognises a shopper asking for a person, whatever the provider: that always hands off, without a model call. */
final class HandoffIntent {

    private static final Pattern PERSON = Pattern.compile(
            "(?i)\\b(human|humans|person|real people|representative|rep|agent|operator|staff|someone real|"
                    + "customer service|customer support|support team|live chat|mensch|mitarbeiter)\\b");
    private static final Pattern ASKING = Pattern.compile(
            "(?i)\\b(talk|speak|chat|connect|transfer|contact|reach|want|need|get|give|call|put|let|escalate|"
                    + "please|can i|could i|is there|sprechen)\\b");

    private HandoffIntent() {}

    static boolean asksForPerson(String text) {
        if (!PERSON.matcher(text).find()) {
            return false;
        }
        return ASKING.matcher(text).find() || text.strip().split("\\s+").length <= 4;
    }
}
