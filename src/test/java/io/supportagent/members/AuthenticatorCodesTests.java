package io.supportagent.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Authenticator codes against RFC 6238's own test values (SHA-1, six digits) and the replay and drift rules. */
class AuthenticatorCodesTests {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void computesTheCodesOfRfc6238() {
        assertThat(AuthenticatorCodes.codeAt(RFC_SECRET, 59 / 30)).isEqualTo("287082");
        assertThat(AuthenticatorCodes.codeAt(RFC_SECRET, 1111111109L / 30)).isEqualTo("081804");
        assertThat(AuthenticatorCodes.codeAt(RFC_SECRET, 1234567890L / 30)).isEqualTo("005924");
        assertThat(AuthenticatorCodes.codeAt(RFC_SECRET, 2000000000L / 30)).isEqualTo("279037");
    }

    @Test
    void writesTheSecretInBase32AsAppsReadIt() {
        assertThat(AuthenticatorCodes.base32(RFC_SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(AuthenticatorCodes.forTyping(RFC_SECRET)).startsWith("GEZD GNBV GY3T");
        assertThat(AuthenticatorCodes.uri(RFC_SECRET, "Support Agent Platform", "ana@example.com"))
                .isEqualTo("otpauth://totp/Support%20Agent%20Platform:ana%40example.com"
                        + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Support%20Agent%20Platform"
                        + "&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void acceptsOneStepOfDriftEitherWayAndNoMore() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = now.getEpochSecond() / 30;
        for (long drift = -1; drift <= 1; drift++) {
            String code = AuthenticatorCodes.codeAt(RFC_SECRET, step + drift);
            assertThat(AuthenticatorCodes.acceptedStep(RFC_SECRET, code, now, null))
                    .hasValue(step + drift);
        }
        assertThat(AuthenticatorCodes.acceptedStep(
                        RFC_SECRET, AuthenticatorCodes.codeAt(RFC_SECRET, step - 2), now, null))
                .isEmpty();
        assertThat(AuthenticatorCodes.acceptedStep(
                        RFC_SECRET, AuthenticatorCodes.codeAt(RFC_SECRET, step + 2), now, null))
                .isEmpty();
    }

    @Test
    void refusesACodeOfAStepUsedAlreadyOrEarlier() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = now.getEpochSecond() / 30;
        String code = AuthenticatorCodes.codeAt(RFC_SECRET, step);
        assertThat(AuthenticatorCodes.acceptedStep(RFC_SECRET, code, now, step)).isEmpty();
        assertThat(AuthenticatorCodes.acceptedStep(RFC_SECRET, code, now, step + 1))
                .isEmpty();
        assertThat(AuthenticatorCodes.acceptedStep(RFC_SECRET, code, now, step - 1))
                .hasValue(step);
    }

    @Test
    void takesOnlySixDigits() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        for (String odd : new String[] {null, "", "12345", "1234567", "12a456", "١٢٣٤٥٦", " "}) {
            assertThat(AuthenticatorCodes.acceptedStep(RFC_SECRET, odd, now, null))
                    .isEmpty();
        }
        assertThat(TwoFactor.normalizeRecoveryCode("ABCDE-23456")).isEqualTo("abcde23456");
        assertThat(TwoFactor.normalizeRecoveryCode("abcde-2345")).isNull();
        assertThat(TwoFactor.normalizeRecoveryCode("abcde-2345l"))
                .as("no l in the alphabet")
                .isNull();
    }
}
