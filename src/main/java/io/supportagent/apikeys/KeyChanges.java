package io.supportagent.apikeys;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import io.supportagent.tenancy.OrganizationChanged;
import io.supportagent.tenancy.TenancyService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells every node that a key (or an organization) changed, so that their caches let go of it.
 *
 * <p>Without Redis the database does it: triggers on {@code organization_api_keys} and {@code organizations} (any change of the row) send
 * {@code NOTIFY support_agent_api_keys} at commit, whoever changed the row, and every node LISTENs on one dedicated
 * connection of the platform role (outside the pool). With {@code support-agent.redis.url} set, the nodes publish and
 * subscribe on the Redis channel {@code support-agent:api-key-changes} instead (for deployments where LISTEN does not
 * work, such as PgBouncer in transaction mode). Either way the node that makes a change evicts locally first, so the
 * very next request on it sees the change. Payloads are non-secret: a lookup id or {@code org:<uuid>}; the stores
 * trigger adds {@code store:<org>:<store>} (allowed widget origins), passed on as a {@code StoreChanged} event, on
 * PostgreSQL only.
 *
 * <p>If the listening connection drops, everything cached is forgotten on reconnect, as notifications may have been
 * missed; independently, every cached key is re-read every {@code cacheRecheck}.
 */
@Component
class KeyChanges implements SmartLifecycle {

    static final String PG_CHANNEL = "support_agent_api_keys";
    static final String REDIS_CHANNEL = "support-agent:api-key-changes";
    private static final String ORG = "org:";
    private static final String STORE = "store:";
    private static final Logger log = LoggerFactory.getLogger(KeyChanges.class);

    private final ApiKeyVerifier verifier;
    private final TenancyService tenancy;
    private final HikariDataSource platformDataSource;
    private final String redisUrl;
    private final CountDownLatch listening = new CountDownLatch(1);

    private volatile boolean running;
    private volatile Connection pgConnection;
    private Thread pgListener;
    private RedisClient redis;
    private StatefulRedisPubSubConnection<String, String> redisSubscription;
    private StatefulRedisConnection<String, String> redisPublisher;

    KeyChanges(
            ApiKeyVerifier verifier,
            TenancyService tenancy,
            @Qualifier("platform") HikariDataSource platformDataSource,
            @Value("${support-agent.redis.url:}") String redisUrl) {
        this.verifier = verifier;
        this.tenancy = tenancy;
        this.platformDataSource = platformDataSource;
        this.redisUrl = redisUrl == null ? "" : redisUrl.strip();
    }

    /** A key changed on this node (after commit): forget it here now and tell the other nodes. */
    void keyChanged(String lookupId) {
        verifier.evict(lookupId);
        publish(lookupId);
    }

    /** An organization changed on this node (already forgotten here): tell the other nodes. */
    @EventListener
    void on(OrganizationChanged changed) {
        publish(ORG + changed.organizationId());
    }

    /** Whether this node is listening to other nodes' changes. */
    boolean listening() {
        return running && listening.getCount() == 0;
    }

    void received(String payload) {
        if (payload == null || payload.isEmpty()) {
            return;
        }
        if (payload.startsWith(STORE)) {
            // store:<organization>:<store>, from the stores trigger (PostgreSQL only: stores do not travel on Redis).
            String[] ids = payload.substring(STORE.length()).split(":");
            try {
                tenancy.storeChangedElsewhere(
                        new OrganizationId(UUID.fromString(ids[0])), new StoreId(UUID.fromString(ids[1])));
            } catch (RuntimeException e) {
                log.warn("Ignored a malformed store change notification");
            }
        } else if (payload.startsWith(ORG)) {
            try {
                tenancy.forgetOrganizationSnapshot(
                        new OrganizationId(UUID.fromString(payload.substring(ORG.length()))));
            } catch (IllegalArgumentException e) {
                tenancy.forgetOrganizationSnapshots();
            }
        } else {
            verifier.evict(payload);
        }
    }

    private void publish(String payload) {
        // Without Redis the database triggers notify the other nodes themselves.
        if (redisPublisher != null) {
            redisPublisher.async().publish(REDIS_CHANNEL, payload);
        }
    }

    @Override
    public void start() {
        running = true;
        boolean onRedis = false;
        if (!redisUrl.isEmpty()) {
            try {
                startRedis();
                onRedis = true;
            } catch (RuntimeException e) {
                // Fail open: the database triggers notify anyway, so listen there until the next start.
                log.warn(
                        "Redis unavailable for API key change notifications ({}); listening on PostgreSQL instead",
                        e.getClass().getSimpleName());
                stopRedis();
            }
        }
        if (!onRedis) {
            pgListener = Thread.ofPlatform().daemon().name("api-key-changes").start(this::listenToPostgres);
        }
        try {
            if (!listening.await(10, TimeUnit.SECONDS)) {
                log.warn("Not yet listening for API key changes; cached keys are re-checked every few seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startRedis() {
        redis = RedisClient.create(redisUrl);
        redisPublisher = redis.connect();
        redisSubscription = redis.connectPubSub();
        redisSubscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                received(message);
            }
        });
        redisSubscription.sync().subscribe(REDIS_CHANNEL);
        listening.countDown();
        log.info("Listening for API key changes on Redis channel {}", REDIS_CHANNEL);
    }

    private void listenToPostgres() {
        boolean first = true;
        while (running) {
            Properties properties = new Properties();
            properties.setProperty("user", platformDataSource.getUsername());
            if (platformDataSource.getPassword() != null) {
                properties.setProperty("password", platformDataSource.getPassword());
            }
            properties.setProperty("ApplicationName", "support-agent api-key-changes");
            try (Connection connection = DriverManager.getConnection(platformDataSource.getJdbcUrl(), properties)) {
                pgConnection = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + PG_CHANNEL);
                }
                if (!first) {
                    // Changes made while we were away are unknown: start from the database again.
                    verifier.evictAll();
                    tenancy.forgetOrganizationSnapshots();
                    log.info("Listening for API key changes again");
                }
                first = false;
                listening.countDown();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            received(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Lost the API key change notifications ({}); reconnecting", e.getMessage());
                    verifier.evictAll();
                    tenancy.forgetOrganizationSnapshots();
                    sleepQuietly(1000);
                }
            } finally {
                pgConnection = null;
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (pgListener != null) {
            try {
                pgListener.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopRedis();
    }

    private void stopRedis() {
        if (redisSubscription != null) {
            redisSubscription.close();
            redisSubscription = null;
        }
        if (redisPublisher != null) {
            redisPublisher.close();
            redisPublisher = null;
        }
        if (redis != null) {
            redis.shutdown();
            redis = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
