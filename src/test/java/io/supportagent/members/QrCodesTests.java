package io.supportagent.members;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The QR code the security page draws scans back to the authenticator URI it was drawn from. */
class QrCodesTests {

    private static final Pattern SIZE = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern MODULE = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z");
    private static final int QUIET_ZONE = 4;

    @Test
    void scansBackToTheUriItWasDrawnFrom() throws Exception {
        String uri =
                AuthenticatorCodes.uri(AuthenticatorCodes.newSecret(), "Support Agent Platform", "ana@example.com");

        String svg = QrCodes.svg(uri);

        Matcher size = SIZE.matcher(svg);
        assertThat(size.find()).isTrue();
        int modules = Integer.parseInt(size.group(1)) - 2 * QUIET_ZONE;
        BitMatrix code = new BitMatrix(modules);
        Matcher module = MODULE.matcher(svg);
        while (module.find()) {
            code.set(Integer.parseInt(module.group(1)) - QUIET_ZONE, Integer.parseInt(module.group(2)) - QUIET_ZONE);
        }
        assertThat(new Decoder().decode(code).getText()).isEqualTo(uri);
        assertThat(svg).doesNotContain("<script").startsWith("<svg ");
    }
}
