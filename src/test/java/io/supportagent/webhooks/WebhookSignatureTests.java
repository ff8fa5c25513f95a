package io.supportagent.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportagent.platform.InvalidRequest;
import org.junit.jupiter.api.Test;

class WebhookSignatureTests {

    @Test
    void signsTimestampDotBodyWithHmacSha256() {
        // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test'
        String header = WebhookSignature.header("whsec_test", 1_700_000_000L, "{\"a\":1}");

        assertThat(header)
                .isEqualTo("t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
        assertThat(WebhookSignature.verify("whsec_test", header, "{\"a\":1}")).isTrue();
        assertThat(WebhookSignature.verify("whsec_other", header, "{\"a\":1}")).isFalse();
        assertThat(WebhookSignature.verify("whsec_test", header, "{\"a\":2}")).isFalse();
        assertThat(WebhookSignature.verify("whsec_test", "v1=abc", "{\"a\":1}")).isFalse();
    }

    @Test
    void acceptsOnlyHttpAndHttpsUrls() {
        assertThat(WebhookService.checkUrl("https://example.com/hooks")).isEqualTo("https://example.com/hooks");
        assertThat(WebhookService.checkUrl("http://127.0.0.1:8080/x")).isEqualTo("http://127.0.0.1:8080/x");
        for (String bad : new String[] {
            "ftp://example.com",
            "file:///etc/passwd",
            "example.com",
            "",
            "http://",
            "javascript:alert(1)",
            "https://user:pw@example.com/"
        }) {
            assertThatThrownBy(() -> WebhookService.checkUrl(bad)).as(bad).isInstanceOf(InvalidRequest.class);
        }
    }
}
