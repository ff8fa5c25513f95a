package io.supportagent.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * BERT's uncased WordPiece tokenizer, as the embedding model was trained with it: clean the text, lower-case it,
 * strip accents, split on white space and punctuation, then cut each word into the longest pieces of the model's
 * vocabulary ({@code ##} marks a piece inside a word). Written here rather than taken from a native tokenizer library
 * so that the model needs nothing but ONNX Runtime.
 */
final class WordPieceTokenizer {

    static final int CLS = 101;
    static final int SEP = 102;
    private static final int MAX_WORD = 100;

    private final Map<String, Integer> vocabulary;
    private final int unknown;

    WordPieceTokenizer(Map<String, Integer> vocabulary) {
        this.vocabulary = vocabulary;
        this.unknown = vocabulary.getOrDefault("[UNK]", 100);
    }

    /** Reads the {@code model.vocab} of a Hugging Face {@code tokenizer.json}. */
    static WordPieceTokenizer fromTokenizerJson(InputStream json) {
        try (json) {
            JsonNode vocab = JsonMapper.shared().readTree(json).path("model").path("vocab");
            Map<String, Integer> ids = new HashMap<>(vocab.size() * 2);
            vocab.properties().forEach(e -> ids.put(e.getKey(), e.getValue().asInt()));
            if (ids.isEmpty()) {
                throw new IllegalStateException("The tokenizer has no vocabulary");
            }
            return new WordPieceTokenizer(ids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the vocabulary has the word whole: a common English word (the model's vocabulary is uncased). */
    boolean isWord(String word) {
        return vocabulary.containsKey(word);
    }

    /** {@code [CLS]} pieces {@code [SEP]}, at most {@code max} ids in all. */
    int[] encode(String text, int max) {
        List<Integer> ids = new ArrayList<>();
        ids.add(CLS);
        for (String word : words(text)) {
            for (int id : pieces(word)) {
                if (ids.size() >= max - 1) {
                    break;
                }
                ids.add(id);
            }
        }
        ids.add(SEP);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    List<String> words(String text) {
        String normalized = Normalizer.normalize(text.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK
                    || c == 0
                    || c == 0xFFFD
                    || Character.isISOControl(c) && !isSpace(c)) {
                continue; // accents stripped, control characters dropped
            }
            if (isSpace(c)) {
                flush(word, words);
            } else if (isPunctuation(c) || isCjk(c)) {
                flush(word, words);
                words.add(String.valueOf(c));
            } else {
                word.append(c);
            }
        }
        flush(word, words);
        return words;
    }

    private List<Integer> pieces(String word) {
        if (word.length() > MAX_WORD) {
            return List.of(unknown);
        }
        List<Integer> out = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            Integer found = null;
            while (start < end) {
                String piece = (start > 0 ? "##" : "") + word.substring(start, end);
                found = vocabulary.get(piece);
                if (found != null) {
                    break;
                }
                end--;
            }
            if (found == null) {
                return List.of(unknown);
            }
            out.add(found);
            start = end;
        }
        return out;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    private static boolean isPunctuation(char c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.CONNECTOR_PUNCTUATION
                || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION
                || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION
                || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    private static boolean isCjk(char c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
    }
}
