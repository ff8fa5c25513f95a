package io.supportagent.knowledge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Countries and regions as shoppers name them in the five languages ({@code knowledge/places.txt}). "I live in
 * Germany", "¿envían a Canadá?" or "je suis en Suisse" are questions about abroad — international shipping or
 * returns — even though they never say "international": what is abroad depends on the store, so a place the store's
 * own articles call home ("outside the US", "within Germany") is not.
 */
final class Places {

    /** The longest place name, in words ("estados unidos da america"). */
    private static final int LONGEST = 5;

    /** Words that say the place after them is the store's own country: "outside the US", "within Germany". */
    private static final Pattern HOME_MARKER = Pattern.compile(
            "(?i)\\b(outside|within|across|throughout|inside|anywhere in|only in)\\s+(?:of\\s+)?(?:the\\s+)?"
                    + "(?:continental\\s+|mainland\\s+|contiguous\\s+)?");

    /** Abbreviations that are places only in capitals: "US" is a country, "us" a pronoun. */
    private static final Pattern ABBREVIATION =
            Pattern.compile("(?<![\\p{L}.])(U\\.S\\.A\\.|U\\.S\\.|U\\.K\\.|[A-Z]{2,3})(?!\\p{L})");

    private static volatile Places shared;

    private final Map<String, String> names = new HashMap<>(); // folded name → the place's English name
    private final Map<String, String> abbreviations = new HashMap<>(); // "US" → "united states"
    private final Map<String, String> regions = new HashMap<>(); // "germany" → "eu europe"

    private Places() {
        InputStream in = Places.class.getClassLoader().getResourceAsStream("knowledge/places.txt");
        if (in == null) {
            throw new IllegalStateException("Missing knowledge/places.txt");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                int eq = line.indexOf('=');
                if (line.isEmpty() || line.startsWith("#") || eq < 0) {
                    continue;
                }
                String place = line.substring(0, eq).strip();
                if (place.startsWith("region ")) {
                    String words = place.substring("region ".length()).strip();
                    for (String member : line.substring(eq + 1).split(",")) {
                        regions.merge(member.strip(), words, (a, b) -> a + " " + b);
                    }
                    continue;
                }
                for (String name : line.substring(eq + 1).split(",")) {
                    String n = name.strip();
                    if (n.isEmpty()) {
                        continue;
                    }
                    if (n.chars().noneMatch(Character::isLowerCase)) {
                        abbreviations.put(n, place);
                    } else {
                        names.put(String.join(" ", Lexicon.tokens(Language.fold(n))), place);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Places shared() {
        Places places = shared;
        if (places == null) {
            synchronized (Places.class) {
                if (shared == null) {
                    shared = new Places();
                }
                places = shared;
            }
        }
        return places;
    }

    /**
     * The English reading of a place named in any of the five languages (a folded phrase): its English name and
     * abbreviations ("reino unido" → "united kingdom uk"), or null.
     */
    String english(String foldedPhrase) {
        String place = names.get(foldedPhrase);
        if (place == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(place);
        abbreviations.forEach((abbreviation, p) -> {
            if (p.equals(place) && abbreviation.chars().allMatch(Character::isLetter)) {
                out.append(' ').append(abbreviation.toLowerCase(Locale.ROOT));
            }
        });
        return out.toString();
    }

    /** The words for the regions the places are in ("germany" → "eu europe"), space-separated; may be empty. */
    String regions(Set<String> places) {
        Set<String> words = new LinkedHashSet<>();
        for (String place : places) {
            String of = regions.get(place);
            if (of != null) {
                words.addAll(List.of(of.split(" ")));
            }
        }
        return String.join(" ", words);
    }

    /** The places a text names (their English names), in the five languages. */
    Set<String> named(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        List<String> tokens = Lexicon.tokens(Language.fold(text));
        for (int i = 0; i < tokens.size(); i++) {
            for (int n = Math.min(LONGEST, tokens.size() - i); n >= 1; n--) {
                String place = names.get(String.join(" ", tokens.subList(i, i + n)));
                if (place != null) {
                    out.add(place);
                    i += n - 1;
                    break;
                }
            }
        }
        Matcher m = ABBREVIATION.matcher(text);
        while (m.find()) {
            String place = abbreviations.get(m.group(1));
            if (place != null) {
                out.add(place);
            }
        }
        return out;
    }

    /**
     * How often a text calls each place home: the place right after "outside", "within", "across"… ("Returns within
     * the US are free", "Delivery outside Germany"). "Outside" counts double: it is said only of home.
     */
    Map<String, Integer> homes(String text) {
        Map<String, Integer> out = new HashMap<>();
        Matcher m = HOME_MARKER.matcher(text);
        while (m.find()) {
            // Only the place right after the marker: "within Germany and Austria" says where home is, then more.
            String place = placeAtStart(text.substring(m.end(), Math.min(text.length(), m.end() + 40)));
            if (place != null) {
                out.merge(place, m.group(1).equalsIgnoreCase("outside") ? 2 : 1, Integer::sum);
            }
        }
        return out;
    }

    /** The place a text starts with, or null. */
    private String placeAtStart(String text) {
        Matcher abbreviation = ABBREVIATION.matcher(text);
        if (abbreviation.lookingAt() && abbreviations.containsKey(abbreviation.group(1))) {
            return abbreviations.get(abbreviation.group(1));
        }
        List<String> tokens = Lexicon.tokens(Language.fold(text));
        for (int n = Math.min(LONGEST, tokens.size()); n >= 1; n--) {
            String place = names.get(String.join(" ", tokens.subList(0, n)));
            if (place != null) {
                return place;
            }
        }
        return null;
    }
}
