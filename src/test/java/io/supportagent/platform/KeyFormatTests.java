package io.supportagent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFormatTests {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @ParameterizedTest
    @EnumSource(KeyFormat.Type.class)
    void generatedKeysParseBackWithTheirTypeAndLookupId(KeyFormat.Type type) {
        String key = KeyFormat.generate(type);

        var parsed = KeyFormat.parse(key).orElseThrow();

        assertThat(key).startsWith(type.prefix()).hasSize(type.prefix().length() + 12 + 32 + 6);
        assertThat(parsed.type()).isEqualTo(type);
        assertThat(parsed.lookupId())
                .isEqualTo(key.substring(type.prefix().length(), type.prefix().length() + 12));
        assertThat(parsed.displayPrefix()).isEqualTo(type.prefix() + parsed.lookupId());
        assertThat(parsed.lastFour()).isEqualTo(key.substring(key.length() - 4));
    }

    @Test
    void keysAreUniqueAndHighEntropy() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = KeyFormat.generate(KeyFormat.Type.LIVE_SECRET);
            secrets.add(key.substring(20, 52));
        }
        assertThat(secrets).hasSize(1000);
        // 32 base62 characters: log2(62^32) > 190 bits, well above the 128 the spec asks for.
        assertThat(32 * Math.log(62) / Math.log(2)).isGreaterThan(128);
    }

    @Test
    void rejectsEverySingleCharacterTypoWithoutADatabase() {
        String key = KeyFormat.generate(KeyFormat.Type.LIVE_SECRET);
        int accepted = 0;
        for (int i = 8; i < key.length(); i++) {
            for (char c : new char[] {ALPHABET.charAt((ALPHABET.indexOf(key.charAt(i)) + 1) % 62), 'x', '0'}) {
                if (c == key.charAt(i)) {
                    continue;
                }
                String typo = key.substring(0, i) + c + key.substring(i + 1);
                if (KeyFormat.parse(typo).isPresent()) {
                    accepted++;
                }
            }
        }
        assertThat(accepted).isZero();
    }

    @Test
    void rejectsSwappedNeighbours() {
        String key = KeyFormat.generate(KeyFormat.Type.TEST_SECRET);
        for (int i = 8; i < key.length() - 1; i++) {
            if (key.charAt(i) == key.charAt(i + 1)) {
                continue;
            }
            String swapped = key.substring(0, i) + key.charAt(i + 1) + key.charAt(i) + key.substring(i + 2);
            assertThat(KeyFormat.parse(swapped)).as("swap at %d", i).isEmpty();
        }
    }

    @Test
    void rejectsABadChecksum() {
        String key = KeyFormat.generate(KeyFormat.Type.LIVE_SECRET);
        String body = key.substring(0, key.length() - 6);
        assertThat(KeyFormat.parse(body + "000000")).isEmpty();
        assertThat(KeyFormat.parse(body + KeyFormat.checksum(body))).isPresent();
    }

    @Test
    void rejectsAValidBodyUnderAnotherPrefix() {
        String live = KeyFormat.generate(KeyFormat.Type.LIVE_SECRET);
        // The checksum covers the prefix: a live key relabelled as test is no key.
        assertThat(KeyFormat.parse("sk_test_" + live.substring(8))).isEmpty();
        assertThat(KeyFormat.parse("rk_live_" + live.substring(8))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "sk_live_",
                "sk_live_short",
                "Bearer sk_live_abc",
                "pk_widget_",
                "sk_live_!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
                "sk_live_ääääääääääääääääääääääääääääääääääääääääääääääääää",
                "' OR 1=1 --"
            })
    void rejectsGarbage(String garbage) {
        assertThat(KeyFormat.parse(garbage)).isEmpty();
    }

    @Test
    void rejectsNullAndOverlongKeys() {
        String key = KeyFormat.generate(KeyFormat.Type.LIVE_SECRET);
        assertThat(KeyFormat.parse(null)).isEmpty();
        assertThat(KeyFormat.parse(key + "a")).isEmpty();
        assertThat(KeyFormat.parse(key + " ")).isEmpty();
        assertThat(KeyFormat.parse(" " + key)).isEmpty();
    }

    @Test
    void aParsedKeyNeverPrintsItsSecret() {
        String key = KeyFormat.generate(KeyFormat.Type.LIVE_SECRET);
        var parsed = KeyFormat.parse(key).orElseThrow();

        assertThat(parsed.toString()).doesNotContain(key.substring(20, 52)).doesNotContain(key);
    }

    @Test
    void redactsSecretKeysFromFreeText() {
        String key = KeyFormat.generate(KeyFormat.Type.LIVE_SECRET);

        assertThat(KeyFormat.redact("my key is " + key + "!")).isEqualTo("my key is sk_live_[redacted]!");
        assertThat(KeyFormat.redact("nothing here")).isEqualTo("nothing here");
        assertThat(KeyFormat.redact(null)).isNull();
    }
}
