package io.supportagent.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param retention how long a key's first answer is replayed
 * @param inFlightTimeout after this long a request that never finished (its node died) no longer blocks its key
 * @param purgeInterval how often expired keys are deleted
 * @param workLease how long a widget start's key stays taken after its node last said that its request still runs
 *     (renewed every third of it while it does): a node killed mid-start blocks the retry at most this long
 */
@Validated
@ConfigurationProperties("support-agent.idempotency")
record IdempotencySettings(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("60s") Duration inFlightTimeout,
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue("5s") Duration workLease) {}
