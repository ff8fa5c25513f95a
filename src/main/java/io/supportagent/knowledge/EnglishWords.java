package io.supportagent.knowledge;

import java.io.InputStream;

/**
 * Common English words: the whole words of the embedding model's vocabulary (some 20,000 of its 30,522 entries,
 * uncased). A question's word found there is never "corrected" into a store's word of similar spelling.
 */
final class EnglishWords {

    private static volatile WordPieceTokenizer vocabulary;

    private EnglishWords() {}

    static boolean contains(String word) {
        WordPieceTokenizer words = vocabulary;
        if (words == null) {
            synchronized (EnglishWords.class) {
                if (vocabulary == null) {
                    InputStream in = EnglishWords.class
                            .getClassLoader()
                            .getResourceAsStream(EmbeddingModel.NAME + "-tokenizer.json");
                    vocabulary = in == null
                            ? new WordPieceTokenizer(java.util.Map.of())
                            : WordPieceTokenizer.fromTokenizerJson(in);
                }
                words = vocabulary;
            }
        }
        return words.isWord(word);
    }
}
