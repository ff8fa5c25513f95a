package io.supportagent.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.changes.Change;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.ratelimit.FailureBudgets;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.tenancy.Tier;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Verification against the real database: keys hashed by the earlier Python system, the caches and the failure
 * budgets. Budgets are spent from made-up client addresses, so other tests (all from 127.0.0.1) are not throttled.
 */
@IntegrationTest
@Import(Fixtures.class)
class ApiKeyVerifierTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiKeyVerifier verifier;

    @Autowired
    ApiKeyService keys;

    @Autowired
    FailureBudgets budgets;

    @Autowired
    PlatformJdbc platform;

    @Autowired
    ApiKeySettings settings;

    @Autowired
    Clock clock;

    @Test
    void verifiesKeysHashedByThePythonSystemWithEveryBcryptPrefix() {
        var org = fixtures.organization(Tier.ENTERPRISE);
        insertLegacy(org.organization().id(), BcryptVectorsTests.KEY_2A, BcryptVectorsTests.HASH_2A, "live");
        insertLegacy(org.organization().id(), BcryptVectorsTests.KEY_2B, BcryptVectorsTests.HASH_2B, "test");
        insertLegacy(org.organization().id(), BcryptVectorsTests.KEY_2Y, BcryptVectorsTests.HASH_2Y, "live");

        assertThat(verifier.verify(BcryptVectorsTests.KEY_2A)).hasValueSatisfying(k -> {
            assertThat(k.organizationId()).isEqualTo(org.organization().id());
            assertThat(k.livemode()).isTrue();
        });
        assertThat(verifier.verify(BcryptVectorsTests.KEY_2B))
                .hasValueSatisfying(k -> assertThat(k.livemode()).isFalse());
        assertThat(verifier.verify(BcryptVectorsTests.KEY_2Y)).isPresent();
        var response = Http.on(port).bearer(BcryptVectorsTests.KEY_2B).get("/v1/organization");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("id").asString())
                .isEqualTo(org.organization().id().toString());
    }

    @Test
    void storesHashesWithTheConfiguredCost() {
        var org = fixtures.organization(Tier.BASIC);

        assertThat(keys.listAsOperator(org.organization().id()))
                .allSatisfy(k -> assertThat(k.keyHash()).startsWith("$2a$04$"));
    }

    @Test
    void aCachedKeyKeepsWorkingWhileItsLookupIdIsHammered() {
        var org = fixtures.organization(Tier.BASIC);
        assertThat(verifier.verify(org.liveKey(), "192.0.2.1")).isInstanceOf(ApiKeyVerifier.Valid.class);

        ApiKeyVerifier.Outcome last = null;
        for (int i = 0; i < 20; i++) {
            last = verifier.verify(SecretKeyAuthenticatorTests.withOtherSecret(org.liveKey()), "192.0.2." + (10 + i));
        }
        assertThat(last).isInstanceOf(ApiKeyVerifier.Throttled.class);

        assertThat(verifier.verify(org.liveKey(), "192.0.2.1")).isInstanceOf(ApiKeyVerifier.Valid.class);
        var response = Http.on(port).bearer(org.liveKey()).get("/v1/organization");
        assertThat(response.status()).isEqualTo(200);

        var throttled = Http.on(port)
                .bearer(SecretKeyAuthenticatorTests.withOtherSecret(org.liveKey()))
                .get("/v1/organization");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(throttled.json().get("code").asString()).isEqualTo("too_many_failed_attempts");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isPositive();
    }

    @Test
    void throttlesAnAddressThatKeepsPresentingWrongKeysButNotOthers() {
        String attacker = "198.51.100.66";
        int refusedWithoutBcrypt = 0;
        for (int i = 0; i < 40; i++) {
            if (verifier.verify(KeyFormat.generate(KeyFormat.Type.LIVE_SECRET), attacker)
                    instanceof ApiKeyVerifier.Throttled) {
                refusedWithoutBcrypt++;
            }
        }
        assertThat(refusedWithoutBcrypt).isEqualTo(10); // 30 failures allowed per window by default

        assertThat(verifier.verify(KeyFormat.generate(KeyFormat.Type.LIVE_SECRET), "198.51.100.67"))
                .isEqualTo(new ApiKeyVerifier.Rejected(ApiKeyVerifier.Reason.INVALID));
        var org = fixtures.organization(Tier.BASIC);
        // Spent budgets stop guessing, not a right key: its tag matches its row's, so it is verified anyway.
        assertThat(verifier.verify(org.liveKey(), attacker)).isInstanceOf(ApiKeyVerifier.Valid.class);
        assertThat(verifier.verify(org.liveKey(), "198.51.100.68")).isInstanceOf(ApiKeyVerifier.Valid.class);
    }

    @Test
    void guessesAtALookupIdDoNotLockOutItsKeyWhereItIsNotCached() {
        var org = fixtures.organization(Tier.BASIC);
        String sameAddress = "192.0.2.77";
        ApiKeyVerifier.Outcome last = null;
        for (int i = 0; i < 12; i++) {
            last = verifier.verify(SecretKeyAuthenticatorTests.withOtherSecret(org.liveKey()), sameAddress);
        }
        assertThat(last).as("the lookup id's budget is spent").isInstanceOf(ApiKeyVerifier.Throttled.class);

        // Never verified on this node before, so not cached: still valid, from the very address that guessed.
        assertThat(verifier.verify(org.liveKey(), sameAddress)).isInstanceOf(ApiKeyVerifier.Valid.class);
    }

    @Test
    void repeatingTheSameWrongKeyCostsNoBudget() {
        String address = "203.0.113.9";
        String wrong = KeyFormat.generate(KeyFormat.Type.TEST_SECRET);
        for (int i = 0; i < 100; i++) {
            assertThat(verifier.verify(wrong, address))
                    .isEqualTo(new ApiKeyVerifier.Rejected(ApiKeyVerifier.Reason.INVALID));
        }
    }

    @Test
    void malformedKeysCostNoBudgetAndNoDatabase() {
        for (int i = 0; i < 100; i++) {
            assertThat(verifier.verify("sk_live_nonsense" + i, "203.0.113.10"))
                    .isEqualTo(new ApiKeyVerifier.Rejected(ApiKeyVerifier.Reason.INVALID));
        }
        assertThat(verifier.verify(KeyFormat.generate(KeyFormat.Type.WIDGET), "203.0.113.10"))
                .isEqualTo(new ApiKeyVerifier.Rejected(ApiKeyVerifier.Reason.INVALID));
    }

    @Test
    void aKeyRevokedWhileItsFirstVerificationRunsStaysRevoked() throws Exception {
        var org = fixtures.organization(Tier.BASIC);
        var pausing = new PausingKeys();
        var verifier = new ApiKeyVerifier(pausing, platform, clock, settings, budgets);
        var first = CompletableFuture.supplyAsync(() -> verifier.verify(org.liveKey(), "192.0.2.200"));
        assertThat(pausing.rowRead.await(10, TimeUnit.SECONDS)).isTrue();

        // Revoked and evicted after the first verification read the row, before it cached its result.
        keys.revokeByNameAsOperator(org.organization().id(), "test live");
        verifier.on(
                new Change.ApiKey(KeyFormat.parse(org.liveKey()).orElseThrow().lookupId()));
        pausing.resume.countDown();

        var firstOutcome = first.get(10, TimeUnit.SECONDS);
        var revoked = new ApiKeyVerifier.Rejected(ApiKeyVerifier.Reason.REVOKED);
        assertThat(verifier.verify(org.liveKey(), "192.0.2.200")).isEqualTo(revoked);
        assertThat(verifier.cachedCount()).isZero();
        assertThat(firstOutcome).isEqualTo(revoked);
    }

    /** The stored keys, but the first verification pauses after reading its row until {@code resume}. */
    static final class PausingKeys extends ApiKeys {

        final CountDownLatch rowRead = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        private final AtomicBoolean first = new AtomicBoolean(true);

        @Override
        List<OrganizationApiKey> findByLookupId(JdbcClient platform, String lookupId) {
            List<OrganizationApiKey> rows = super.findByLookupId(platform, lookupId);
            if (first.compareAndSet(true, false)) {
                rowRead.countDown();
                try {
                    resume.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return rows;
        }
    }

    private void insertLegacy(OrganizationId org, String key, String hash, String mode) {
        var parsed = KeyFormat.parse(key).orElseThrow();
        platform.jdbc()
                .sql("""
                        INSERT INTO organization_api_keys (organization_id, name, mode, lookup_id, key_hash, display_prefix, last_four)
                        VALUES (:org, 'legacy', :mode, :lookup, :hash, :prefix, :last4)""")
                .param("org", org.value())
                .param("mode", mode)
                .param("lookup", parsed.lookupId())
                .param("hash", hash)
                .param("prefix", parsed.displayPrefix())
                .param("last4", parsed.lastFour())
                .update();
    }
}
