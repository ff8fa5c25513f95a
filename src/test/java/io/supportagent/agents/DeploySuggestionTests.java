package io.supportagent.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.AgentDefinitionId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which version the deploy form offers first: the operator's newest customer_service, not whatever came last. */
class DeploySuggestionTests {

    @Test
    void theNewestCustomerServiceVersionIsSuggestedEvenWhenAnotherTypeIsNewer() {
        AgentDefinition v1 = definition("customer_service", "1.0.0", 1);
        AgentDefinition v2 = definition("customer_service", "1.1.0", 2);
        AgentDefinition sales = definition("sales_assistant", "0.1.0", 3);

        assertThat(AgentService.suggestedForDeploy(List.of(v1, sales, v2))).contains(v2);
    }

    @Test
    void withoutCustomerServiceTheNewestOfAnyTypeAndWithNothingNothing() {
        AgentDefinition older = definition("sales_assistant", "0.1.0", 1);
        AgentDefinition newer = definition("returns_desk", "2.0.0", 5);

        assertThat(AgentService.suggestedForDeploy(List.of(newer, older))).contains(newer);
        assertThat(AgentService.suggestedForDeploy(List.of())).isEmpty();
    }

    private static AgentDefinition definition(String type, String version, long second) {
        return new AgentDefinition(
                new AgentDefinitionId(UUID.randomUUID()),
                type,
                version,
                type + " " + version,
                "",
                "prompt",
                List.of(),
                "{}",
                Instant.ofEpochSecond(second));
    }
}
