package io.supportagent.agents;

import java.util.List;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the configured model provider. Spring AI's auto-configuration is off ({@code spring.ai.model.chat=none}):
 * the chat model is made here from {@link AiSettings}, so that the offline default needs no key and no network.
 */
@Configuration(proxyBeanMethods = false)
class ModelProviders {

    @Bean
    ModelProvider modelProvider(AiSettings settings) {
        return create(settings);
    }

    static ModelProvider create(AiSettings settings) {
        return switch (settings.provider()) {
            case "openai" -> openAi(settings);
            case "anthropic" -> anthropic(settings);
            default -> new OfflineProvider();
        };
    }

    private static ModelProvider openAi(AiSettings s) {
        OpenAiChatModel model =
                OpenAiChatModel.builder().options(openAiOptions(s, List.of())).build();
        return new SpringAiProvider(model, tools -> openAiOptions(s, tools), s.timeout(), s.maxHistory());
    }

    private static OpenAiChatOptions openAiOptions(AiSettings s, List<ToolCallback> tools) {
        OpenAiChatOptions.Builder options = OpenAiChatOptions.builder()
                .model(s.model().isBlank() ? "gpt-4o-mini" : s.model())
                .apiKey(s.apiKey().isBlank() ? "none" : s.apiKey())
                .timeout(s.timeout())
                .maxRetries(s.maxRetries())
                .maxTokens(s.maxTokens())
                .toolCallbacks(tools);
        if (!s.baseUrl().isBlank()) {
            options.baseUrl(s.baseUrl());
        }
        return options.build();
    }

    private static ModelProvider anthropic(AiSettings s) {
        AnthropicChatModel model = AnthropicChatModel.builder()
                .options(anthropicOptions(s, List.of()))
                .build();
        return new SpringAiProvider(model, tools -> anthropicOptions(s, tools), s.timeout(), s.maxHistory());
    }

    private static AnthropicChatOptions anthropicOptions(AiSettings s, List<ToolCallback> tools) {
        AnthropicChatOptions.Builder options = AnthropicChatOptions.builder();
        options.model(s.model().isBlank() ? "claude-sonnet-4-5" : s.model());
        options.apiKey(s.apiKey().isBlank() ? "none" : s.apiKey());
        options.timeout(s.timeout());
        options.maxRetries(s.maxRetries());
        options.maxTokens(s.maxTokens());
        options.toolCallbacks(tools);
        if (!s.baseUrl().isBlank()) {
            options.baseUrl(s.baseUrl());
        }
        return options.build();
    }
}
