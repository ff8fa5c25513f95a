package io.supportagent.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.Fixtures;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.Storefront;
import io.supportagent.tenancy.Tier;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Claims go back to the queue when the shopper has waited longer than the claim timeout (15 minutes here, the default)
 * for the person who took the conversation, on the real PostgreSQL, with the times of the claim and the messages set
 * in the past: from the claim, or from the shopper's oldest unanswered message when that came later; never while the
 * shopper's last word was answered. Each release leaves one note, however often (and on however many nodes) the job
 * runs.
 */
@IntegrationTest
@Import({Fixtures.class, Storefront.class})
class StaleClaimsTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Storefront storefront;

    @Autowired
    PlatformJdbc platform;

    @Autowired
    StaleClaims staleClaims;

    /** Minutes ago. */
    record Said(String role, int minutesAgo) {}

    @Test
    void aClaimWhoseShopperWaitedLongerThanTheTimeoutGoesBackToTheQueueWithOneNote() {
        var shop = storefront.open(fixtures.organization(Tier.PRO));
        UUID stale = claimed(shop, 20, new Said("customer", 25));

        staleClaims.releaseAll();
        staleClaims.releaseAll();

        var row = conversation(stale);
        assertThat(row.get("assignee_account_id")).isNull();
        assertThat(row.get("assignee_name")).isNull();
        assertThat(row.get("status")).as("still waiting for a person").isEqualTo("handed_off");
        assertThat(row.get("owner")).isEqualTo("human");
        assertThat(systemNotes(stale))
                .containsExactly("Back in the queue: Pat agent had not replied for 15 min while the shopper waited.");
    }

    @Test
    void aClaimIsKeptUntilTheShopperHasWaitedTheWholeTimeoutForIt() {
        var shop = storefront.open(fixtures.organization(Tier.PRO));
        // Asked long ago, but taken 5 minutes ago: the person has had 5 minutes.
        UUID recent = claimed(shop, 5, new Said("customer", 25));

        staleClaims.releaseAll();

        assertThat(conversation(recent).get("assignee_name")).isEqualTo("Pat agent");
        assertThat(systemNotes(recent)).isEmpty();
    }

    @Test
    void aClaimWhoseShopperHadTheLastWordAnsweredIsKeptHoweverOld() {
        var shop = storefront.open(fixtures.organization(Tier.PRO));
        UUID answered = claimed(shop, 40, new Said("customer", 35), new Said("human_agent", 30));

        staleClaims.releaseAll();

        assertThat(conversation(answered).get("assignee_name")).isEqualTo("Pat agent");
        assertThat(systemNotes(answered)).isEmpty();
    }

    @Test
    void aShopperWhoWroteAgainAfterTheReplyWaitsFromThatMessage() {
        var shop = storefront.open(fixtures.organization(Tier.PRO));
        UUID longAgo =
                claimed(shop, 40, new Said("customer", 35), new Said("human_agent", 30), new Said("customer", 20));
        UUID justNow =
                claimed(shop, 40, new Said("customer", 35), new Said("human_agent", 30), new Said("customer", 5));

        staleClaims.releaseAll();

        assertThat(conversation(longAgo).get("assignee_name")).isNull();
        assertThat(conversation(justNow).get("assignee_name")).isEqualTo("Pat agent");
    }

    @Test
    void aReleasedClaimTellsTheOrganizationsIntegrationsWhoHadIt() {
        var shop = storefront.open(fixtures.organization(Tier.PRO));
        UUID org = shop.org().organization().id().value();
        platform.jdbc().sql("""
                        INSERT INTO webhook_endpoints (organization_id, livemode, url, secret)
                        VALUES (:org, true, 'https://hooks.example.com/helpdesk', 'whsec_test')""").param("org", org).update();
        UUID stale = claimed(shop, 20, new Said("customer", 25));

        staleClaims.releaseAll();
        staleClaims.releaseAll();

        List<String> events =
                platform.jdbc().sql("""
                        SELECT payload FROM webhook_deliveries
                         WHERE organization_id = :org AND event_type = 'conversation.unassigned'""").param("org", org).query(String.class).list();
        assertThat(events).as("one event, however often the job runs").hasSize(1);
        assertThat(events.getFirst())
                .contains(stale.toString())
                .contains("\"reason\":\"claim_expired\"")
                .contains("\"previous_assignee\":{\"account_id\":")
                .contains("\"name\":\"Pat agent\"");
    }

    @Test
    void aResolvedOrUnclaimedConversationIsLeftAlone() {
        var shop = storefront.open(fixtures.organization(Tier.PRO));
        UUID resolved = claimed(shop, 40, new Said("customer", 35));
        platform.jdbc()
                .sql("UPDATE conversations SET status = 'resolved', resolved_at = now() WHERE id = :id")
                .param("id", resolved)
                .update();

        staleClaims.releaseAll();

        assertThat(conversation(resolved).get("assignee_name")).isEqualTo("Pat agent");
        assertThat(systemNotes(resolved)).isEmpty();
    }

    /** A handed-off conversation of the shop that "Pat agent" claimed {@code claimedMinutesAgo}, with these messages. */
    private UUID claimed(Storefront.Shop shop, int claimedMinutesAgo, Said... messages) {
        UUID org = shop.org().organization().id().value();
        UUID id = platform.jdbc()
                .sql("""
                        INSERT INTO conversations (organization_id, store_id, agent_instance_id, livemode, status, owner,
                                                   handed_off_at, waiting_since, assignee_account_id, assignee_name,
                                                   assigned_at)
                        VALUES (:org, :store, :instance, true, 'handed_off', 'human', now() - interval '1 hour',
                                now() - interval '1 hour', gen_random_uuid(), 'Pat agent',
                                now() - :claimed * interval '1 minute')
                        RETURNING id""")
                .param("org", org)
                .param("store", shop.store().value())
                .param("instance", shop.instance().value())
                .param("claimed", claimedMinutesAgo)
                .query(UUID.class)
                .single();
        for (Said said : messages) {
            platform.jdbc()
                    .sql("""
                            INSERT INTO messages (organization_id, conversation_id, role, content, created_at)
                            VALUES (:org, :id, :role, 'text', now() - :ago * interval '1 minute')""")
                    .param("org", org)
                    .param("id", id)
                    .param("role", said.role())
                    .param("ago", said.minutesAgo())
                    .update();
        }
        return id;
    }

    private Map<String, Object> conversation(UUID id) {
        return platform.jdbc()
                .sql("SELECT status, owner, assignee_account_id, assignee_name FROM conversations WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    private List<String> systemNotes(UUID id) {
        return platform.jdbc()
                .sql("SELECT content FROM messages WHERE conversation_id = :id AND role = 'system' ORDER BY created_at")
                .param("id", id)
                .query(String.class)
                .list();
    }
}
