package io.supportagent.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.tenancy.Tier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/** A path the platform does not serve answers 404 problem+json naming it, not a search for a static file. */
@IntegrationTest
@Import(Fixtures.class)
class UnknownPathTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Test
    void anUnknownPathAnswersAProblemThatNamesIt() {
        var org = fixtures.organization(Tier.BASIC);

        var api = Http.on(port).bearer(org.liveKey()).get("/v1/no-such-thing");
        var elsewhere = Http.on(port).get("/index.html");

        assertThat(api.status()).isEqualTo(404);
        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(api.json().get("code").asString()).isEqualTo("not_found");
        assertThat(api.json().get("detail").asString()).isEqualTo("No endpoint GET /v1/no-such-thing.");
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.json().get("detail").asString()).isEqualTo("No endpoint GET /index.html.");
        // Without a key the organization API answers 401 before any routing: paths are not probed for free.
        assertThat(Http.on(port).get("/v1/no-such-thing").status()).isEqualTo(401);
    }
}
