package io.supportagent.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.agents.AgentService;
import io.supportagent.platform.MemberRole;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.MemberFixtures;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Support analytics over seeded conversations with known outcomes: exact figures in all, per store and per agent
 * definition version, through {@code GET /v1/analytics} and on the overview page; other periods, the other mode and
 * other organizations stay out.
 */
@DashboardTest
class SupportAnalyticsTests {

    static final String PERIOD = "created%5Bgte%5D=2026-11-01T00:00:00Z&created%5Blt%5D=2026-12-01T00:00:00Z";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MemberFixtures people;

    @Autowired
    TenancyService tenancy;

    @Autowired
    AgentService agents;

    @Autowired
    PlatformJdbc platform;

    record Seeded(Fixtures.Org org, UUID storeA, UUID storeB, UUID v1, UUID v2) {}

    Seeded seed() {
        var org = fixtures.organization(Tier.PRO);
        UUID v1 = agents.customerServiceV1().id().value();
        UUID v2 = platform.jdbc()
                .sql("INSERT INTO agent_definitions (type, version, name, system_prompt)"
                        + " VALUES (:type, '2.0', 'Customer service', 'Be kind.') RETURNING id")
                .param("type", "analytics-" + UUID.randomUUID())
                .query(UUID.class)
                .single();
        UUID[] ids = TenantContext.callAs(org.live(), () -> {
            var a = tenancy.createStore("Alpha", "alpha.example", List.of());
            var b = tenancy.createStore("Beta", "beta.example", List.of());
            var ia = agents.deploy(a.id(), agents.customerServiceV1().id(), "A", "{}");
            var ib = agents.deploy(b.id(), agents.customerServiceV1().id(), "B", "{}");
            return new UUID[] {
                a.id().value(), b.id().value(), ia.id().value(), ib.id().value()
            };
        });
        Instant day = Instant.parse("2026-11-10T10:00:00Z");
        // store, instance, version, live, created, status, handed off, reply after s, rating
        conversation(org, ids[0], ids[2], v1, true, day, "resolved", false, null, 5);
        conversation(org, ids[0], ids[2], v1, true, day, "resolved", false, null, null);
        conversation(org, ids[0], ids[2], v1, true, day, "resolved", true, 60, 3);
        conversation(org, ids[0], ids[2], v1, true, day, "handed_off", true, 180, null);
        conversation(org, ids[1], ids[3], v1, true, day, "open", false, null, null);
        conversation(org, ids[1], ids[3], v2, true, day, "resolved", true, 30, 4);
        // Outside: an earlier period, and test mode.
        conversation(org, ids[1], ids[3], v2, true, Instant.parse("2026-10-15T10:00:00Z"), "resolved", false, null, 1);
        conversation(org, ids[1], ids[3], v2, false, day, "resolved", false, null, 1);
        return new Seeded(org, ids[0], ids[1], v1, v2);
    }

    private void conversation(
            Fixtures.Org org,
            UUID store,
            UUID instance,
            UUID version,
            boolean live,
            Instant created,
            String status,
            boolean handedOff,
            Integer replyAfter,
            Integer rating) {
        Instant handed = handedOff ? created.plusSeconds(100) : null;
        platform.jdbc()
                .sql("""
                        INSERT INTO conversations (organization_id, store_id, agent_instance_id, livemode, status, owner,
                                                   created_at, handed_off_at, first_human_reply_at, resolved_at,
                                                   rating, agent_definition_id)
                        VALUES (:org, :store, :instance, :live, :status, :owner, :created, :handed, :reply,
                                :resolved, :rating, :version)""")
                .param("org", org.organization().id().value())
                .param("store", store)
                .param("instance", instance)
                .param("live", live)
                .param("status", status)
                .param("owner", handedOff ? "human" : "ai")
                .param("created", Timestamp.from(created))
                .param("handed", handed == null ? null : Timestamp.from(handed))
                .param("reply", replyAfter == null ? null : Timestamp.from(handed.plusSeconds(replyAfter)))
                .param("resolved", status.equals("resolved") ? Timestamp.from(created.plusSeconds(600)) : null)
                .param("rating", rating)
                .param("version", version)
                .update();
    }

    @Test
    void theApiAnswersExactFiguresInAllPerStoreAndPerAgentVersion() {
        Seeded s = seed();
        var answer = Http.on(port).bearer(s.org().liveKey()).get("/v1/analytics?" + PERIOD);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode a = answer.json();
        assertThat(a.get("livemode").asBoolean()).isTrue();
        // Six in the period: two resolved by the AI alone, three handed off, replies after 60, 180 and 30 s,
        // ratings 5, 3 and 4.
        metrics(a.get("total"), 6, 2, 0.3333, 3, 0.5, 60.0, 4.0, 3);
        JsonNode alpha = find(a.get("by_store"), "store_id", s.storeA().toString());
        metrics(alpha.get("metrics"), 4, 2, 0.5, 2, 0.5, 120.0, 4.0, 2);
        JsonNode beta = find(a.get("by_store"), "store_id", s.storeB().toString());
        metrics(beta.get("metrics"), 2, 0, 0.0, 1, 0.5, 30.0, 4.0, 1);
        JsonNode v1 = find(a.get("by_agent_version"), "agent_definition_id", s.v1().toString());
        assertThat(v1.get("version").asString()).isEqualTo("1.0.0");
        metrics(v1.get("metrics"), 5, 2, 0.4, 2, 0.4, 120.0, 4.0, 2);
        JsonNode v2 = find(a.get("by_agent_version"), "agent_definition_id", s.v2().toString());
        assertThat(v2.get("version").asString()).isEqualTo("2.0");
        metrics(v2.get("metrics"), 1, 0, 0.0, 1, 1.0, 30.0, 4.0, 1);

        // Test mode sees its own (one resolved by the AI, rated 1), another organization nothing of these.
        JsonNode test = Http.on(port)
                .bearer(s.org().testKey())
                .get("/v1/analytics?" + PERIOD)
                .json();
        metrics(test.get("total"), 1, 1, 1.0, 0, 0.0, null, 1.0, 1);
        var other = fixtures.organization(Tier.PRO);
        JsonNode nothing = Http.on(port)
                .bearer(other.liveKey())
                .get("/v1/analytics?" + PERIOD)
                .json();
        assertThat(nothing.get("total").get("conversations").asLong()).isZero();
        assertThat(nothing.get("by_store")).isEmpty();
        assertThat(nothing.get("total").path("csat_average").isMissingNode()
                        || nothing.get("total").get("csat_average").isNull())
                .isTrue();

        // Bad periods are 400s.
        Http http = Http.on(port).bearer(s.org().liveKey());
        assertThat(http.get("/v1/analytics?created%5Bgte%5D=yesterday").status())
                .isEqualTo(400);
        assertThat(http.get("/v1/analytics?created%5Bgte%5D=2026-12-01T00:00:00Z&created%5Blt%5D=2026-11-01T00:00:00Z")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void theOverviewShowsTheSameFiguresForTheChosenDays() {
        Seeded s = seed();
        var owner = people.join(s.org().organization().id(), MemberRole.OWNER);
        var page = DashboardSession.signedIn(port, owner)
                .get("/app/" + s.org().organization().id() + "/live?support_from=2026-11-01&support_to=2026-11-30");
        assertThat(page.status()).isEqualTo(200);
        String body = page.body().replaceAll("\\s+", " ");
        assertThat(body)
                .contains("All conversations</th> <td class=\"num\" data-label=\"Conversations\">6</td>")
                .contains(">33.3%</td>")
                .contains(">50%</td>")
                .contains(">60 s</td>")
                .contains(">4.00 (3)</td>")
                .contains("Store: Alpha")
                .contains("Store: Beta")
                .contains("Agent customer_service 1.0.0");
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode n : list) {
            if (n.get(field).asString().equals(value)) {
                return n;
            }
        }
        throw new AssertionError(field + " " + value + " not in " + list);
    }

    private static void metrics(
            JsonNode m,
            long conversations,
            long resolvedByAi,
            double aiRate,
            long handedOff,
            double handoffRate,
            Double medianReply,
            Double csat,
            long ratings) {
        assertThat(m.get("conversations").asLong()).as("conversations in " + m).isEqualTo(conversations);
        assertThat(m.get("resolved_by_ai").asLong())
                .as("resolved by AI in " + m)
                .isEqualTo(resolvedByAi);
        assertThat(m.get("ai_resolution_rate").asDouble()).as("AI rate in " + m).isEqualTo(aiRate);
        assertThat(m.get("handed_off").asLong()).as("handed off in " + m).isEqualTo(handedOff);
        assertThat(m.get("handoff_rate").asDouble()).as("hand-off rate in " + m).isEqualTo(handoffRate);
        if (medianReply == null) {
            assertThat(m.path("median_first_human_reply_seconds").isMissingNode()
                            || m.get("median_first_human_reply_seconds").isNull())
                    .as("no median in " + m)
                    .isTrue();
        } else {
            assertThat(m.get("median_first_human_reply_seconds").asDouble()).isEqualTo(medianReply);
        }
        assertThat(m.get("csat_average").asDouble()).as("CSAT in " + m).isEqualTo(csat);
        assertThat(m.get("csat_responses").asLong()).isEqualTo(ratings);
    }
}
