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
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

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
    /**
     * The list's single words by their light stem ({@link #stem}): "devoluciones" meets "devolucion". Built in
     * the words' alphabetical order, so that the same word wins a shared stem on every start.
     */
    private final Map<Language, Map<String, String>> stems = new EnumMap<>(Language.class);
    /** The list's single words of five letters or more, for a misspelt word of six or more (one edit away). */
    private final Map<Language, List<String>> spellable = new EnumMap<>(Language.class);

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
            Map<String, String> byStem = new HashMap<>();
            List<String> long5 = new ArrayList<>();
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(words).entrySet()) {
                if (e.getKey().indexOf(' ') < 0) {
                    byStem.putIfAbsent(stem(language, e.getKey()), e.getValue());
                    if (e.getKey().length() >= 5) {
                        long5.add(e.getKey());
                    }
                }
            }
            stems.put(language, byStem);
            spellable.put(language, long5);
        }
    }

    /**
     * A word's light stem in its language (Lucene's light stemmers: plural, gender and common inflections), so that a
     * form the list does not write meets the one it does ("Rücksendungen" and "Rücksendung", "trocknen" and
     * "trockne"). English and unknown languages are left as they are.
     */
    static String stem(Language language, String word) {
        Analyzer stemmer = STEMMERS.get(language);
        if (stemmer == null) {
            return word;
        }
        try (TokenStream stream = stemmer.tokenStream("word", word)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            String out = stream.incrementToken() ? term.toString() : word;
            stream.end();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole word as one token, light-stemmed: Lucene's stemmers are reached through their filters. */
    private static final Map<Language, Analyzer> STEMMERS = Map.of(
            Language.DE, stemmer(GermanLightStemFilter::new),
            Language.ES, stemmer(SpanishLightStemFilter::new),
            Language.FR, stemmer(FrenchLightStemFilter::new),
            Language.PT, stemmer(PortugueseLightStemFilter::new));

    private static Analyzer stemmer(java.util.function.Function<TokenStream, TokenStream> filter) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer words = new KeywordTokenizer();
                return new TokenStreamComponents(words, filter.apply(words));
            }
        };
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
        if (language == Language.DE) {
            tokens = germanTokens(Language.fold(text));
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

    /** German particles that a verb leaves at the end of its clause ("schicke … zurück", "tausche … um"). */
    private static final Set<String> PARTICLES = Set.of("zuruck", "um", "an", "ab", "aus", "ein", "mit", "weg");

    private static final Pattern CLAUSE_END = Pattern.compile("[?.!,;:]+");

    /**
     * A German question's words as the list would write them: umlauts typed as "ae", "oe", "ue" ("zurueck",
     * "Groesse") read as the folded umlaut when only that form is known, and a separable verb's particle at the end
     * of its clause joined to the verb when the joined verb is known ("schicke ich die Schuhe zurück" is
     * "zurückschicken": return, not ship; "kommt mein Paket an" is "ankommen").
     */
    private List<String> germanTokens(String folded) {
        List<String> out = new ArrayList<>();
        for (String clause : CLAUSE_END.split(folded)) {
            List<String> words = new ArrayList<>();
            for (String token : tokens(clause)) {
                words.add(umlautTyped(token));
            }
            int last = words.size() - 1;
            if (last >= 1 && PARTICLES.contains(words.get(last))) {
                String particle = words.get(last);
                for (int j = last - 1; j >= Math.max(0, last - 8); j--) {
                    String joined = joinedVerb(particle, words.get(j));
                    if (joined != null) {
                        words.set(j, joined);
                        words.remove(last);
                        break;
                    }
                }
            }
            out.addAll(words);
        }
        return out;
    }

    private String umlautTyped(String token) {
        if (!(token.contains("ae") || token.contains("oe") || token.contains("ue")) || listed(token)) {
            return token;
        }
        String umlaut = token.replace("ae", "a").replace("oe", "o").replace("ue", "u");
        return listed(umlaut) || compound(umlaut, 2) != null ? umlaut : token;
    }

    /** Whether the German list knows the word as written, in a plain form or by its stem, or as a place. */
    private boolean listed(String word) {
        return stopwords.get(Language.DE).contains(word)
                || known(Language.DE, word) != null
                || Places.shared().english(word) != null;
    }

    /** The particle and the verb as one infinitive the list knows ("zurück" + "schicke" → "zuruckschicken"). */
    private String joinedVerb(String particle, String verb) {
        if (verb.length() < 3 || !verb.chars().allMatch(Character::isLetter)) {
            return null;
        }
        List<String> bases = new ArrayList<>(List.of(verb));
        for (String ending : List.of("st", "t", "e", "en")) {
            if (verb.endsWith(ending) && verb.length() - ending.length() >= 3) {
                bases.add(verb.substring(0, verb.length() - ending.length()));
            }
        }
        Map<String, String> words = entries.get(Language.DE);
        for (String base : bases) {
            for (String candidate : List.of(particle + base + "en", particle + base + "n", particle + base)) {
                if (words.containsKey(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
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
        if (language == Language.EN || !word.chars().allMatch(Character::isLetter)) {
            return null;
        }
        String meaning = word.length() >= 4 ? stems.get(language).get(stem(language, word)) : null;
        if (meaning == null && language == Language.DE) {
            meaning = compound(word, 2);
        }
        if (meaning == null) {
            meaning = misspelt(language, word);
        }
        return meaning;
    }

    /** A form of the word the list has: as written, without its plural or gender ending, or by its light stem. */
    private String known(Language language, String word) {
        String meaning = entries.get(language).get(word);
        for (String form : plainForms(language, word)) {
            if (meaning == null) {
                meaning = entries.get(language).get(form);
            }
        }
        if (meaning == null && word.length() >= 4) {
            meaning = stems.get(language).get(stem(language, word));
        }
        return meaning;
    }

    /**
     * A German compound the list does not have, read as its parts: "Wandmontage" is "Wand" + "Montage",
     * "Rücksendekosten" "Rücksende" + "Kosten" (the linking "s" or "n" dropped: "Versandskosten"). The longest known
     * head first; a head may be a compound itself, down to {@code depth} parts.
     */
    private String compound(String word, int depth) {
        for (int cut = word.length() - 4; cut >= 3; cut--) {
            String tail = known(Language.DE, word.substring(cut));
            if (tail == null) {
                continue;
            }
            String head = word.substring(0, cut);
            String meaning = known(Language.DE, head);
            for (String linking : List.of("s", "n", "en", "es", "e")) {
                if (meaning == null && head.endsWith(linking) && head.length() - linking.length() >= 3) {
                    meaning = known(Language.DE, head.substring(0, head.length() - linking.length()));
                }
            }
            if (meaning == null && depth > 1 && head.length() >= 7) {
                meaning = compound(head, depth - 1);
            }
            if (meaning == null && head.length() >= 4 && EnglishWords.contains(head)) {
                meaning = head; // "Winterjacke": a head German shares with English is read as it is
            }
            if (meaning != null) {
                return meaning + " " + tail;
            }
        }
        return null;
    }

    /**
     * A misspelt word of six letters or more ("devolucion" typed "devolucoin", "Garnatie"): the one word of the list
     * one edit away (a letter added, dropped, changed or two swapped), when only one is ("holen" is no "Hosen": too
     * short to guess). A word of English (a brand, a shared word) is kept as it is.
     */
    private String misspelt(Language language, String word) {
        if (word.length() < 6 || EnglishWords.contains(word)) {
            return null;
        }
        String found = null;
        for (String candidate : spellable.get(language)) {
            if (Math.abs(candidate.length() - word.length()) <= 1 && oneEdit(word, candidate)) {
                String meaning = entries.get(language).get(candidate);
                if (found != null && !found.equals(meaning)) {
                    return null; // two words one edit away mean different things: no guess
                }
                found = meaning;
            }
        }
        return found;
    }

    /** Whether two different words are one edit apart (insertion, deletion, substitution or adjacent swap). */
    static boolean oneEdit(String a, String b) {
        if (a.equals(b)) {
            return false;
        }
        int la = a.length();
        int lb = b.length();
        int i = 0;
        while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (la == lb) {
            if (a.substring(i + 1).equals(b.substring(i + 1))) {
                return true; // substitution
            }
            return i + 1 < la
                    && a.charAt(i) == b.charAt(i + 1)
                    && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));
        }
        return la == lb + 1
                ? a.substring(i + 1).equals(b.substring(i))
                : b.substring(i + 1).equals(a.substring(i));
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
                // a conjugated verb as its infinitive, which the list writes: "schickt", "nutze" → "schicken", "nutzen"
                for (String ending : List.of("st", "t", "e")) {
                    if (word.endsWith(ending) && word.length() > ending.length() + 3) {
                        forms.add(word.substring(0, word.length() - ending.length()) + "en");
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
