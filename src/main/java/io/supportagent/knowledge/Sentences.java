package io.supportagent.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts an article into sentences (what the agent quotes) and passages of about three sentences (what retrieval ranks
 * and embeds), so that a long article is found by the part that answers, not diluted by the rest.
 */
final class Sentences {

    static final int PER_PASSAGE = 3;
    /** A passage is cut before this many characters even with fewer sentences (very long sentences, lists). */
    static final int PASSAGE_CHARS = 700;

    /** A sentence ends at . ! ? (or a line break) followed by a capital, a digit, a quote or a bracket. */
    private static final Pattern END =
            Pattern.compile("(?<=[.!?…])[\"'”’)]*\\s+(?=[\\p{Lu}\\p{N}\"'“‘(¿¡•*-])|\\s*\\n+\\s*");

    private static final Set<String> ABBREVIATIONS = Set.of(
            "e.g.", "i.e.", "etc.", "approx.", "incl.", "no.", "nr.", "vs.", "mr.", "mrs.", "ms.", "dr.", "st.", "u.s.",
            "u.k.", "p.m.", "a.m.", "min.", "max.", "ca.", "z.b.", "bzw.", "inc.", "ltd.", "co.");

    private Sentences() {}

    static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return sentences;
        }
        String body = text.strip();
        Matcher m = END.matcher(body);
        int start = 0;
        StringBuilder pending = new StringBuilder();
        while (m.find()) {
            String piece = body.substring(start, m.start()).strip();
            start = m.end();
            if (piece.isEmpty()) {
                continue;
            }
            if (!pending.isEmpty()) {
                pending.append(' ');
            }
            pending.append(piece);
            if (!endsWithAbbreviation(pending)) {
                sentences.add(pending.toString());
                pending.setLength(0);
            }
        }
        String rest = body.substring(start).strip();
        if (!rest.isEmpty()) {
            if (!pending.isEmpty()) {
                pending.append(' ');
            }
            pending.append(rest);
        }
        if (!pending.isEmpty()) {
            sentences.add(pending.toString());
        }
        return sentences;
    }

    private static boolean endsWithAbbreviation(StringBuilder text) {
        int space = text.lastIndexOf(" ");
        String last = text.substring(space + 1).toLowerCase(java.util.Locale.ROOT);
        return ABBREVIATIONS.contains(last);
    }

    /** Consecutive groups of about {@value #PER_PASSAGE} sentences (a short article is one passage). */
    static List<List<String>> passages(List<String> sentences) {
        List<List<String>> passages = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int chars = 0;
        for (String sentence : sentences) {
            if (!current.isEmpty() && (current.size() >= PER_PASSAGE || chars + sentence.length() > PASSAGE_CHARS)) {
                passages.add(current);
                current = new ArrayList<>();
                chars = 0;
            }
            current.add(sentence);
            chars += sentence.length() + 1;
        }
        if (!current.isEmpty()) {
            // A lone last sentence joins the passage before it, unless that would make it far too long.
            if (current.size() == 1
                    && !passages.isEmpty()
                    && passages.getLast().size() <= PER_PASSAGE
                    && chars < PASSAGE_CHARS / 3) {
                passages.getLast().addAll(current);
            } else {
                passages.add(current);
            }
        }
        return passages;
    }
}
