package io.supportagent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperatorTokenTests {

    @Test
    void matchesOnlyTheExactToken() {
        OperatorToken token = new OperatorToken("op_secret_token");

        assertThat(token.matches("op_secret_token")).isTrue();
        assertThat(token.matches("op_secret_toke")).isFalse();
        assertThat(token.matches("op_secret_token_")).isFalse();
        assertThat(token.matches("OP_SECRET_TOKEN")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void generatesATokenWhenNoneIsConfiguredAndNeverPrintsIt() {
        OperatorToken token = new OperatorToken(" ");

        assertThat(token.generated()).isTrue();
        assertThat(token.reveal()).startsWith("op_").hasSizeGreaterThan(40);
        assertThat(token.matches(token.reveal())).isTrue();
        assertThat(token.toString()).doesNotContain(token.reveal());
    }
}
