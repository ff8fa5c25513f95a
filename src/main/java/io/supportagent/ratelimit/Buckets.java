package io.supportagent.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Token buckets: in Redis (Bucket4j's compare-and-swap proxy over Lettuce) when {@code support-agent.redis.url} is
 * set, so that a limit holds across every node; in this process otherwise. When Redis fails the limiter fails open
 * to the in-process buckets (each node then limits on its own), logs that once, counts every failed attempt in
 * {@code ratelimit.redis.failures}, and tries Redis again after {@code redis-retry-interval}.
 */
@Component
class Buckets implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Buckets.class);

    private final RateLimitSettings settings;
    private final Clock clock;
    private final Cache<String, Bucket> local;
    private final Counter redisFailures;
    private final String redisUrl;
    private final AtomicBoolean redisDown = new AtomicBoolean(false);

    private final ReentrantLock connecting = new ReentrantLock();
    private ClientResources resources;
    private RedisClient client;
    private StatefulRedisConnection<byte[], byte[]> connection;
    private volatile ProxyManager<byte[]> redis;
    private volatile Instant retryRedisAt = Instant.MIN;

    Buckets(
            RateLimitSettings settings,
            Clock clock,
            MeterRegistry meters,
            @Value("${support-agent.redis.url:}") String redisUrl) {
        this.settings = settings;
        this.clock = clock;
        this.redisUrl = redisUrl == null ? "" : redisUrl.strip();
        this.local = Caffeine.newBuilder()
                .maximumSize(settings.localMaxBuckets())
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
        this.redisFailures = Counter.builder("ratelimit.redis.failures")
                .description("Rate-limit decisions that could not use Redis and fell back to in-process buckets")
                .register(meters);
        if (!this.redisUrl.isEmpty()) {
            connectRedis();
        }
    }

    boolean usesRedis() {
        return !redisUrl.isEmpty();
    }

    Decision consume(String key, Limit limit) {
        return onBucket(key, limit, bucket -> decide(bucket, limit));
    }

    /** Gives one token back, as when a request that consumed one turned out not to count. */
    void refund(String key, Limit limit) {
        onBucket(key, limit, bucket -> {
            bucket.addTokens(1);
            return null;
        });
    }

    /**
     * Acts on the bucket of {@code key} under {@code limit}: the shared one in Redis when it is configured and
     * reachable, else (also when Redis fails during the action) this process's own.
     */
    private <T> T onBucket(String key, Limit limit, Function<Bucket, T> action) {
        String fullKey = settings.keyPrefix() + key + ":" + limit.signature();
        if (!redisUrl.isEmpty() && !clock.instant().isBefore(retryRedisAt)) {
            try {
                ProxyManager<byte[]> proxies = redis != null ? redis : connectRedis();
                if (proxies != null) {
                    T result = action.apply(
                            proxies.builder().build(fullKey.getBytes(StandardCharsets.UTF_8), limit::configuration));
                    if (redisDown.compareAndSet(true, false)) {
                        log.info("Redis is back: rate limits are shared by all nodes again");
                    }
                    return result;
                }
            } catch (RuntimeException e) {
                redisFailed(e);
            }
        }
        return action.apply(local.get(
                fullKey,
                k -> Bucket.builder()
                        .addLimit(limit.configuration().getBandwidths()[0])
                        .build()));
    }

    private static Decision decide(Bucket bucket, Limit limit) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new Decision(limit, probe.isConsumed(), probe.getRemainingTokens(), probe.getNanosToWaitForRefill());
    }

    private void redisFailed(RuntimeException e) {
        redisFailures.increment();
        retryRedisAt = clock.instant().plus(settings.redisRetryInterval());
        if (redisDown.compareAndSet(false, true)) {
            log.warn(
                    "Redis is unreachable ({}): rate limits fall back to in-process buckets on this node; retrying"
                            + " every {}",
                    e.getClass().getSimpleName(),
                    settings.redisRetryInterval());
        }
    }

    /** Connects once; while one thread connects, the others use in-process buckets rather than wait. */
    private ProxyManager<byte[]> connectRedis() {
        if (redis != null) {
            return redis;
        }
        if (!connecting.tryLock()) {
            return null;
        }
        try {
            if (redis != null) {
                return redis;
            }
            if (client == null) {
                // Reconnect at the retry interval rather than Lettuce's default backoff of up to 30 s.
                resources = DefaultClientResources.builder()
                        .reconnectDelay(Delay.exponential(
                                Duration.ofMillis(100),
                                settings.redisRetryInterval(),
                                2,
                                java.util.concurrent.TimeUnit.MILLISECONDS))
                        .build();
                client = RedisClient.create(resources, redisUrl);
                client.setOptions(ClientOptions.builder()
                        .autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .timeoutOptions(TimeoutOptions.enabled(settings.redisTimeout()))
                        .socketOptions(SocketOptions.builder()
                                .connectTimeout(settings.redisTimeout().multipliedBy(4))
                                .build())
                        .build());
                client.setDefaultTimeout(settings.redisTimeout());
            }
            connection = client.connect(RedisCodec.of(ByteArrayCodec.INSTANCE, ByteArrayCodec.INSTANCE));
            redis = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build();
            return redis;
        } catch (RuntimeException e) {
            redisFailed(e);
            return null;
        } finally {
            connecting.unlock();
        }
    }

    @Override
    public synchronized void destroy() {
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
        if (resources != null) {
            resources.shutdown();
        }
    }
}
