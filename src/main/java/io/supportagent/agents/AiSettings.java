package io.supportagent.agents;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The model provider the agents answer with ({@code SUPPORT_AGENT_AI_*}).
 *
 * @param provider {@code offline} (default: no network, answers from articles and orders), {@code openai} (any
 *     OpenAI-compatible chat.completions server: OpenAI, vLLM, llama.cpp, Ollama's /v1) or {@code anthropic}
 * @param baseUrl the provider's API root, e.g. {@code http://localhost:11434/v1}; empty = the vendor's
 * @param apiKey the provider's key (never logged)
 * @param model the model name, e.g. {@code gpt-4o-mini}, {@code claude-sonnet-4-5}, {@code llama3.1}
 * @param timeout the deadline of one reply, counted from its first model call: all its calls and tool rounds
 *     together (and each HTTP call on its own); past it the shopper gets the graceful reply and a person
 * @param maxRetries retries of a failed model call inside the client
 * @param maxTokens the longest reply
 * @param maxHistory how many of the conversation's latest messages the model sees
 */
@ConfigurationProperties("support-agent.ai")
@Validated
public record AiSettings(
        @DefaultValue("offline") @Pattern(regexp = "offline|openai|anthropic")
        String provider,

        @DefaultValue("") String baseUrl,
        @DefaultValue("") String apiKey,
        @DefaultValue("") String model,
        @DefaultValue("30s") @NotNull Duration timeout,
        @DefaultValue("1") int maxRetries,
        @DefaultValue("1024") int maxTokens,
        @DefaultValue("20") int maxHistory) {

    @Override
    public String toString() {
        return "AiSettings[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model + ", timeout=" + timeout
                + "]";
    }
}
