package io.supportagent.knowledge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cross-lingual vocabulary of online shopping: Spanish, French, German and Portuguese words and phrases with their
 * English meaning, and English synonyms that articles may use instead of the shopper's word ("parcel" for
 * "package"). No multilingual embedding model ships as a Maven artifact, so a question in another language is
 * translated word by word into English, which both the lexical index and the (English) embedding model understand.
 *
 * <p>The lists are {@code knowledge/lexicon/<code>.txt}: {@code source, source … = english words}, one meaning a
 * line; sources are matched without accents and case, phrases before single words, and a source ending in
 * {@code *} matches any word it starts (verb forms: {@code devolv*}). Words not in the list are kept as they are
 * (names, numbers, shared words such as "PayPal"), except the language's function words.
 */
final class Lexicon {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}$€£%]+(?:[.,'-][\\p{L}\\p{N}]+)*");
    private static final int LONGEST_PHRASE = 5;
    /** A French verb with its subject after it: "est-il", "dois-je", "sera-t-elle". */
    private static final Pattern FRENCH_INVERSION =
            Pattern.compile("(.+?)-(?:t-)?(?:il|elle|ils|elles|je|tu|vous|nous|on|ce)");

    private static volatile Lexicon shared;

    private final Map<Language, Map<String, String>> entries = new EnumMap<>(Language.class);
    private final Map<Language, List<Map.Entry<String, String>>> prefixes = new EnumMap<>(Language.class);
    private final Map<Language, Set<String>> stopwords = new EnumMap<>(Language.class);

    private Lexicon() {
        for (Language language : Language.values()) {
            Map<String, String> words = new HashMap<>();
            List<Map.Entry<String, String>> starts = new ArrayList<>();
            Set<String> stop = new HashSet<>();
            read(language, words, starts, stop);
            starts.sort(Comparator.comparingInt(
                            (Map.Entry<String, String> e) -> e.getKey().length())
                    .reversed());
            entries.put(language, words);
            prefixes.put(language, starts);
            stopwords.put(language, stop);
        }
    }

    static Lexicon shared() {
        Lexicon lexicon = shared;
        if (lexicon == null) {
            synchronized (Lexicon.class) {
                if (shared == null) {
                    shared = new Lexicon();
                }
                lexicon = shared;
            }
        }
        return lexicon;
    }

    private static void read(
            Language language, Map<String, String> words, List<Map.Entry<String, String>> starts, Set<String> stop) {
        String path = "knowledge/lexicon/" + language.code() + ".txt";
        InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("Missing " + path);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq < 0) {
                    throw new IllegalStateException(path + ": no '=' in " + line);
                }
                String english = line.substring(eq + 1).strip();
                for (String source : line.substring(0, eq).split(",")) {
                    String key = String.join(" ", tokens(Language.fold(source.strip())));
                    if (key.isEmpty()) {
                        continue;
                    }
                    if (english.equals("-")) {
                        stop.add(key);
                    } else if (source.strip().endsWith("*")) {
                        starts.add(Map.entry(key, english));
                    } else {
                        words.merge(key, english, (a, b) -> a.equals(b) ? a : a + " " + b);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> tokens(String folded) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(folded);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Whether a (folded) word is in the language's list: a hint of the language a text is in. */
    boolean knows(Language language, String word) {
        return entries.get(language).containsKey(word)
                || stopwords.get(language).contains(word);
    }

    /**
     * The English reading of a question: each phrase or word of the list replaced by its meaning, function words
     * dropped, other words kept. English text only gets its synonyms added.
     */
    String toEnglish(Language language, String text) {
        List<String> tokens = tokens(Language.fold(text));
        if (language == Language.EN) {
            return expand(text, tokens);
        }
        Map<String, String> words = entries.get(language);
        Set<String> stop = stopwords.get(language);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < tokens.size()) {
            int matched = 0;
            String meaning = null;
            for (int n = Math.min(LONGEST_PHRASE, tokens.size() - i); n >= 1 && meaning == null; n--) {
                String phrase = String.join(" ", tokens.subList(i, i + n));
                meaning = words.get(phrase);
                if (meaning == null) {
                    meaning = Places.shared().english(phrase); // "Alemania" is "Germany", which an article may name
                }
                if (meaning == null && n == 1) {
                    meaning = singleWord(language, phrase);
                }
                if (meaning != null) {
                    matched = n;
                }
            }
            if (meaning != null) {
                append(out, meaning);
                i += matched;
                continue;
            }
            String token = tokens.get(i++);
            // "d'une", "est-il": a function word with its elision or inversion is one too
            if (!stop.contains(token) && plainForms(language, token).stream().noneMatch(stop::contains)) {
                append(out, token);
            }
        }
        return expand(out.toString(), tokens(out.toString()));
    }

    private String singleWord(Language language, String word) {
        Map<String, String> words = entries.get(language);
        for (String stem : plainForms(language, word)) {
            String meaning = words.get(stem);
            if (meaning != null) {
                return meaning;
            }
        }
        if (word.length() >= 4) {
            for (Map.Entry<String, String> prefix : prefixes.get(language)) {
                if (word.startsWith(prefix.getKey())) {
                    return prefix.getValue();
                }
            }
        }
        return null;
    }

    /** The word without its plural or feminine ending, as the list writes it. */
    private static List<String> plainForms(Language language, String word) {
        List<String> forms = new ArrayList<>();
        switch (language) {
            case ES, PT -> {
                if (word.endsWith("es") && word.length() > 4) {
                    forms.add(word.substring(0, word.length() - 2));
                }
                if (word.endsWith("s") && word.length() > 3) {
                    forms.add(word.substring(0, word.length() - 1));
                }
                if (word.endsWith("oes") || word.endsWith("aes")) {
                    forms.add(word.substring(0, word.length() - 3) + "ao");
                }
                if (word.endsWith("a") && word.length() > 3) {
                    forms.add(word.substring(0, word.length() - 1) + "o");
                }
                if (word.endsWith("as") && word.length() > 4) {
                    forms.add(word.substring(0, word.length() - 2) + "o");
                }
            }
            case FR -> {
                if ((word.endsWith("s") || word.endsWith("x")) && word.length() > 3) {
                    forms.add(word.substring(0, word.length() - 1));
                }
                if (word.endsWith("e") && word.length() > 3) {
                    forms.add(word.substring(0, word.length() - 1));
                }
                if (word.endsWith("es") && word.length() > 4) {
                    forms.add(word.substring(0, word.length() - 2));
                }
                Matcher inverted = FRENCH_INVERSION.matcher(word);
                if (inverted.matches()) {
                    forms.add(inverted.group(1)); // "dois-je", "sera-t-elle": the verb
                }
                if (word.startsWith("l'")
                        || word.startsWith("d'")
                        || word.startsWith("j'")
                        || word.startsWith("m'")
                        || word.startsWith("s'")
                        || word.startsWith("n'")
                        || word.startsWith("qu'")
                        || word.startsWith("c'")) {
                    forms.add(word.substring(word.indexOf('\'') + 1));
                }
            }
            case DE -> {
                for (String ending : List.of("en", "er", "es", "e", "n", "s")) {
                    if (word.endsWith(ending) && word.length() > ending.length() + 3) {
                        forms.add(word.substring(0, word.length() - ending.length()));
                    }
                }
            }
            default -> {}
        }
        return forms;
    }

    /**
     * The text with the English synonyms of its phrases added (a phrase such as "money back" means "refund" as
     * strongly as a translation would).
     */
    private String expand(String text, List<String> tokens) {
        return text + synonyms(tokens, true);
    }

    /**
     * The synonyms of single words of an English text ("parcel" for "package"), which weigh less than the words the
     * shopper wrote: each word has other meanings too.
     */
    String synonyms(String english) {
        return synonyms(tokens(Language.fold(english)), false).strip();
    }

    private String synonyms(List<String> tokens, boolean phrases) {
        Map<String, String> synonyms = entries.get(Language.EN);
        StringBuilder out = new StringBuilder();
        Set<String> added = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            for (int n = Math.min(3, tokens.size() - i); n >= 1; n--) {
                String more = synonyms.get(String.join(" ", tokens.subList(i, i + n)));
                if (more != null) {
                    if ((n > 1) == phrases && added.add(more)) {
                        out.append(' ').append(more);
                    }
                    i += n - 1;
                    break;
                }
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String words) {
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(words);
    }
}
