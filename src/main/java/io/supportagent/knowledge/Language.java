package io.supportagent.knowledge;

import java.text.Normalizer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The languages shoppers write in that the agent understands: English, Spanish, French, German, Portuguese. A store's
 * articles are in English; a question in another language is searched through its English translation and answered
 * in its own language.
 */
public enum Language {
    EN("en"),
    ES("es"),
    FR("fr"),
    DE("de"),
    PT("pt");

    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

    /** Frequent words that say which language a short text is in (accents folded, lower case). */
    private static final Map<Language, Set<String>> MARKERS = new EnumMap<>(Map.of(
            EN,
            words("the is are my i you your do does how what when where can will would with for and of to it have has"
                    + " this that be there which an a if not don't doesn't i'm it's please thanks much long get was did"
                    + " any from on in want need why who"),
            ES,
            words("el los las es mi mis yo usted ustedes puedo puede pueden como cuanto cuanta cuantos cuantas cuando"
                    + " donde que por para con una un del al hay tengo tienen tiene quiero necesito hola gracias pedido"
                    + " envio envian esta estan son si sin pero muy tarda cuesta hacer lo le nos ya aun todavia tambien"
                    + " hace cual porque senor favor mas llega llego ayuda devolver se"),
            FR,
            words("le la les est je vous mon ma mes votre vos pour avec dans sur une un des du au aux combien quand"
                    + " comment pourquoi quel quelle quels quelles ou qui que ne pas puis peux pouvez faire bonjour"
                    + " merci commande livraison c'est j'ai est-ce qu'il il elle sont ai avez avoir etre suis mais"
                    + " aussi tres encore toujours n'est m'a d'une l'article rembourser veux voudrais s'il plait"),
            DE,
            words("der die das den dem des ist ich sie mein meine meinen meiner ihr ihre und oder wie was wann wo"
                    + " warum welche welcher kann konnen nicht kein keine mit fur auf bei von zu ein eine einen lange"
                    + " dauert kostet hallo danke bestellung lieferung habe haben wird werden bitte noch schon auch"
                    + " aber mir mich uns gibt es sind bin mochte wurde ruckgabe versand nach zuruck im am"),
            PT,
            words("o os as meu minha meus minhas voce voces posso pode podem quanto quanta quantos quando onde como"
                    + " que por para com uma um do da dos das no na nao tem tenho quero preciso ola obrigado obrigada"
                    + " pedido encomenda entrega envio esta sao e se sem mas muito demora custa fazer ja ainda tambem"
                    + " qual porque favor mais chegou chega ajuda devolver frete vcs pra")));

    private static Set<String> words(String list) {
        return Set.copyOf(java.util.Arrays.asList(list.split(" ")));
    }

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /**
     * The text read in English: for another language, its words and phrases replaced by their English meaning from
     * the shopping vocabulary (word by word, function words dropped); English text as it is, with synonyms added.
     */
    public String toEnglish(String text) {
        if (text == null) {
            return "";
        }
        String english = Lexicon.shared().toEnglish(this, text);
        return english + " " + Lexicon.shared().synonyms(english);
    }

    /** ISO 639-1. */
    public String code() {
        return code;
    }

    /**
     * The language a shopper's text is most likely in, from its frequent words and letters; English when nothing
     * speaks for another.
     */
    public static Language detect(String text) {
        if (text == null || text.isBlank()) {
            return EN;
        }
        Map<Language, Double> score = new EnumMap<>(Language.class);
        for (Language l : values()) {
            score.put(l, 0.0);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        hint(score, lower, "¿¡ñ", ES, 2);
        hint(score, lower, "ãõ", PT, 2);
        hint(score, lower, "ç", FR, 0.5);
        hint(score, lower, "ç", PT, 0.5);
        hint(score, lower, "èêëœù", FR, 1);
        hint(score, lower, "äöüß", DE, 2);
        if (lower.contains("ção") || lower.contains("ções")) {
            score.merge(PT, 2.0, Double::sum);
        }
        Lexicon lexicon = Lexicon.shared();
        Matcher m = WORD.matcher(fold(lower));
        while (m.find()) {
            String word = m.group();
            if (MARKERS.get(EN).contains(word)) {
                score.merge(EN, 1.0, Double::sum); // "do", "a", "as", "no" are also Portuguese or Spanish words
                continue;
            }
            boolean english = EnglishWords.contains(word); // "email", "ignore", "express" are in their lists too
            boolean foreignMarker = false;
            for (Language l : values()) {
                if (MARKERS.get(l).contains(word)) {
                    score.merge(l, 1.0, Double::sum);
                    foreignMarker = true;
                }
                if (l != EN && lexicon.knows(l, word)) {
                    score.merge(l, english ? 0.25 : 0.75, Double::sum);
                }
            }
            if (english && !foreignMarker) {
                score.merge(EN, 0.5, Double::sum);
            }
        }
        Language best = EN;
        for (Language l : values()) {
            if (score.get(l) > score.get(best)) {
                best = l;
            }
        }
        return best;
    }

    private static void hint(Map<Language, Double> score, String text, String letters, Language language, double each) {
        for (int i = 0; i < text.length(); i++) {
            if (letters.indexOf(text.charAt(i)) >= 0) {
                score.merge(language, each, Double::sum);
            }
        }
    }

    /** Lower case without accents ("envío" → "envio", "Rückgabe" → "ruckgabe"). */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                out.append(c == 'ß' ? "ss" : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
