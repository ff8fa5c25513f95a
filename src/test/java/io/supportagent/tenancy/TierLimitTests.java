package io.supportagent.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.ApiFixtures;
import io.supportagent.support.Fixtures;
import io.supportagent.support.Http;
import io.supportagent.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

@IntegrationTest
@Import({Fixtures.class, ApiFixtures.class})
class TierLimitTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiFixtures api;

    @Autowired
    PlatformJdbc platform;

    @Test
    void aBasicOrganizationGetsOneStoreAndOneAgentInstance() {
        var org = fixtures.organization(Tier.BASIC);
        Http http = Http.on(port).bearer(org.liveKey());
        String store = http.post("/v1/stores", Map.of("name", "First"))
                .json()
                .get("id")
                .asString();

        var second = http.post("/v1/stores", Map.of("name", "Second"));
        assertThat(second.status()).isEqualTo(403);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.json().get("code").asString()).isEqualTo("tier_limit_reached");
        assertThat(second.json().get("limit").asString()).isEqualTo("stores");
        assertThat(second.json().get("max").asInt()).isEqualTo(1);

        String definition = api.definition().id().toString();
        Map<String, Object> deploy = Map.of("store_id", store, "agent_definition_id", definition, "name", "Bot");
        assertThat(http.post("/v1/agent-instances", deploy).status()).isEqualTo(201);
        var extra = http.post("/v1/agent-instances", deploy);
        assertThat(extra.status()).isEqualTo(403);
        assertThat(extra.json().get("limit").asString()).isEqualTo("agent_instances");
        assertThat(extra.json().get("max").asInt()).isEqualTo(1);
    }

    @Test
    void deletingAStoreFreesItsPlace() {
        var org = fixtures.organization(Tier.BASIC);
        Http http = Http.on(port).bearer(org.liveKey());
        String store = http.post("/v1/stores", Map.of("name", "First"))
                .json()
                .get("id")
                .asString();
        assertThat(http.delete("/v1/stores/" + store).status()).isEqualTo(200);
        assertThat(http.post("/v1/stores", Map.of("name", "Again")).status()).isEqualTo(201);
    }

    @Test
    void concurrentCreationsNeverPassTheLimit() throws Exception {
        var org = fixtures.organization(Tier.PRO);
        Http http = Http.on(port).bearer(org.liveKey());
        int attempts = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            int n = i;
            calls.add(() -> {
                start.await();
                return http.post("/v1/stores", Map.of("name", "Store " + n)).status();
            });
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
            List<Future<Integer>> futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
        }
        assertThat(statuses).containsOnly(201, 403);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(10);
        int stored = platform.jdbc()
                .sql("SELECT count(*) FROM stores WHERE organization_id = :org")
                .param("org", org.organization().id().value())
                .query(Integer.class)
                .single();
        assertThat(stored).isEqualTo(10);
    }

    @Test
    void concurrentDeploymentsNeverPassTheLimit() throws Exception {
        var org = fixtures.organization(Tier.BASIC);
        var deployedStore = Http.on(port)
                .bearer(org.liveKey())
                .post("/v1/stores", Map.of("name", "Only"))
                .json()
                .get("id")
                .asString();
        String definition = api.definition().id().toString();
        Http http = Http.on(port).bearer(org.liveKey());
        int attempts = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return http.post(
                                    "/v1/agent-instances",
                                    Map.of("store_id", deployedStore, "agent_definition_id", definition, "name", "Bot"))
                            .status();
                }));
            }
            start.countDown();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
        }
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(statuses).containsOnly(201, 403);
    }
}
