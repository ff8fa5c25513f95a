package io.supportagent.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.support.ApiFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import io.supportagent.support.RoundTripCountingSocketFactory;
import io.supportagent.support.TestDatabase;
import io.supportagent.tenancy.Tier;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * How many times a request waits for PostgreSQL. On two cores a round trip costs about as much CPU as the SQL it
 * carries (a socket write, a wake-up on each side), so the API's hottest path is held to a fixed count: starting a
 * conversation is the tenant's context with the instance check, the insert, the usage count and the commit.
 */
@IntegrationTest
@Import({Fixtures.class, ApiFixtures.class})
class DatabaseRoundTripTests {

    /** The threads that serve HTTP requests (virtual threads named by Tomcat). */
    private static final String REQUEST_THREADS = "tomcat-handler-";

    @DynamicPropertySource
    static void countingDatabaseSockets(DynamicPropertyRegistry registry) {
        String url = TestDatabase.url();
        registry.add(
                "support-agent.database.url",
                () -> url + (url.contains("?") ? "&" : "?") + "socketFactory="
                        + RoundTripCountingSocketFactory.class.getName());
    }

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiFixtures api;

    @Test
    void startingALiveConversationTakesFourRoundTrips() {
        var org = fixtures.organization(Tier.ENTERPRISE);
        Http http = Http.on(port).bearer(org.liveKey());
        String instance = api.deploy(org).instance().id().toString();

        double perRequest = roundTripsPerRequest(
                () -> http.post("/v1/conversations", Map.of("agent_instance_id", instance, "customer_name", "Ada"))
                        .status());

        // BEGIN with the tenant's context, the insert (which checks the instance), the usage count, COMMIT.
        assertThat(perRequest).isEqualTo(4.0);
    }

    @Test
    void startingATestModeConversationCountsNoUsage() {
        var org = fixtures.organization(Tier.ENTERPRISE);
        Http http = Http.on(port).bearer(org.testKey());
        String instance = api.deploy(org).instance().id().toString();

        double perRequest =
                roundTripsPerRequest(() -> http.post("/v1/conversations", Map.of("agent_instance_id", instance))
                        .status());

        assertThat(perRequest).isEqualTo(3.0);
    }

    /**
     * A read is BEGIN with the tenant's context, one statement per thing read, COMMIT. Lists take optional filters
     * and a cursor, mostly null: typed (platform.db.Params), they cost no extra round trip.
     */
    @Test
    void readsTakeOneRoundTripPerStatement() {
        var org = fixtures.organization(Tier.ENTERPRISE);
        Http http = Http.on(port).bearer(org.liveKey());
        var deployed = api.deploy(org);
        String instance = deployed.instance().id().toString();
        String conversation = start(http, instance);

        assertThat(roundTripsPerRequest(
                        () -> http.get("/v1/conversations/" + conversation).status()))
                .as("a conversation with its messages")
                .isEqualTo(4.0);
        assertThat(roundTripsPerRequest(
                        () -> http.get("/v1/conversations?limit=10").status()))
                .as("conversations, no filter")
                .isEqualTo(3.0);
        assertThat(roundTripsPerRequest(
                        () -> http.get("/v1/conversations?status=open&created%5Bgte%5D=2026-01-01T00:00:00Z")
                                .status()))
                .as("conversations, filtered")
                .isEqualTo(3.0);
        assertThat(roundTripsPerRequest(() -> http.get("/v1/stores").status()))
                .as("stores")
                .isEqualTo(3.0);
        assertThat(roundTripsPerRequest(() -> http.get("/v1/agent-instances").status()))
                .as("agent instances")
                .isEqualTo(3.0);
    }

    /** A human agent's message: the conversation read, then the message and the takeover in one transaction. */
    @Test
    void aHumanAgentsMessageTakesTwoTransactions() {
        var org = fixtures.organization(Tier.ENTERPRISE);
        Http http = Http.on(port).bearer(org.liveKey());
        String instance = api.deploy(org).instance().id().toString();
        String conversation = start(http, instance);

        assertThat(roundTripsPerRequest(() -> http.post(
                                "/v1/conversations/" + conversation + "/messages",
                                Map.of("role", "human_agent", "content", "Sam here."))
                        .status()))
                .isEqualTo(7.0);
    }

    /** Updates with optional fields send the missing ones as typed nulls: no extra round trip either. */
    @Test
    void partialUpdatesTakeOneRoundTripPerStatement() {
        var org = fixtures.organization(Tier.ENTERPRISE);
        Http http = Http.on(port).bearer(org.liveKey());
        var deployed = api.deploy(org);

        assertThat(roundTripsPerRequest(() -> http.patch(
                                "/v1/agent-instances/" + deployed.instance().id(), Map.of("name", "Renamed"))
                        .status()))
                .as("an instance renamed: read, update, its audit event")
                .isEqualTo(5.0);
        assertThat(roundTripsPerRequest(
                        () -> http.patch("/v1/stores/" + deployed.store().id(), Map.of("name", "Renamed"))
                                .status()))
                .as("a store renamed: read (what its audit event says it was), update; renamed to the same name again,"
                        + " no audit event")
                .isEqualTo(4.0);
    }

    private static String start(Http http, String instance) {
        return http.post("/v1/conversations", Map.of("agent_instance_id", instance))
                .json()
                .get("id")
                .asString();
    }

    /**
     * Round trips per request once warm: pgjdbc prepares a statement on the server from its fifth use on each
     * pooled connection, and the organization's snapshot is loaded by its first request. The fewest of three runs of
     * 20: on a loaded machine a connection can sit idle past the pool's half-second bypass window between two
     * requests, and the pool then checks it is alive (one round trip more, not the request's); a statement the
     * request itself added shows in every run.
     */
    private static double roundTripsPerRequest(Supplier<Integer> request) {
        int status = request.get();
        assertThat(status).isBetween(200, 201);
        for (int i = 0; i < 40; i++) {
            assertThat(request.get()).isEqualTo(status);
        }
        double fewest = Double.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            int before = RoundTripCountingSocketFactory.roundTrips(REQUEST_THREADS);
            int requests = 20;
            for (int i = 0; i < requests; i++) {
                assertThat(request.get()).isEqualTo(status);
            }
            double perRequest =
                    (double) (RoundTripCountingSocketFactory.roundTrips(REQUEST_THREADS) - before) / requests;
            fewest = Math.min(fewest, perRequest);
        }
        return fewest;
    }
}
