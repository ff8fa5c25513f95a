package io.supportagent.knowledge;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Knowledge retrieval ({@code SUPPORT_AGENT_KNOWLEDGE_*}).
 *
 * @param embeddings whether articles are embedded and questions also ranked by meaning (the in-process model); off,
 *     retrieval is lexical only (and so it is where the model cannot run)
 * @param recheck how long a node searches a store's index before comparing it with the database again, behind the
 *     change notifications that rebuild it at once
 * @param indexCachePassages how many passages the in-memory indexes of all stores hold together at most (about 6 KB
 *     each); the least recently searched stores' indexes are dropped beyond it and rebuilt when next needed
 */
@ConfigurationProperties("support-agent.knowledge")
@Validated
public record KnowledgeSettings(
        @DefaultValue("true") boolean embeddings,
        @DefaultValue("60s") @NotNull Duration recheck,
        @DefaultValue("50000") @Min(1000) long indexCachePassages) {}
