package io.supportagent.agents;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The operator's request to publish an agent definition version: the platform API's body and the operator console's
 * form alike. {@link AgentService#publishVersion(PublishDefinition)} checks it (these constraints, the tools, the
 * default config), whoever sends it.
 *
 * @param tools the tools the agent may call; one named twice is kept once
 * @param defaultConfig a JSON object every instance's config is merged over; null for none
 */
public record PublishDefinition(
        @NotBlank @Size(max = 64) @Pattern(regexp = "^[a-z][a-z0-9_]*$", message = "must be lower_snake_case")
        String type,

        @NotBlank @Size(max = 64) @Pattern(regexp = SEMVER, message = "must be a semantic version such as 1.2.0")
        String version,

        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @NotBlank @Size(max = 20000) String systemPrompt,

        @NotNull
        @Size(max = 10)
        // Not said as uniqueItems (generated Java clients then fail to compile): a tool named twice is kept once.
        @ArraySchema(
                schema = @Schema(allowableValues = {"search_knowledge", "lookup_order", "handoff_to_human"}),
                arraySchema = @Schema(description = "The tools the agent may call; one named twice is kept once."))
        List<String> tools,

        JsonNode defaultConfig) {

    static final String SEMVER = "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$";

    /** The tools an agent definition may name. */
    public static final Set<String> TOOLS = Set.of("search_knowledge", "lookup_order", "handoff_to_human");
}
