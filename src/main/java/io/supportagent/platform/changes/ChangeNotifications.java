package io.supportagent.platform.changes;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells every node that something they cache changed ({@link Change}), so that their caches let go of it; each module
 * listens for the changes of what it caches.
 *
 * <p>Without Redis the database does it: triggers on API keys, organizations, stores and agent instances send
 * {@code NOTIFY support_agent_api_keys} at commit, whoever changed the row (the channel is named after its first
 * use), and every node LISTENs on one dedicated connection of the platform role (outside the pool). With
 * {@code support-agent.redis.url} set, the nodes publish and subscribe on the Redis channel
 * {@code support-agent:changes} instead (for deployments where LISTEN does not work, such as PgBouncer in
 * transaction mode); there a change made in plain SQL reaches the caches only when they re-check. Either way the
 * node that makes a change {@link #announce announces} it, which forgets it on that node first, so the very next
 * request there sees it.
 *
 * <p>If the listening connection drops, every cache forgets everything on reconnect ({@link ChangesMissed}), as
 * notifications may have been missed; independently, each cache re-checks what it holds after a while.
 */
@Component
public class ChangeNotifications implements SmartLifecycle {

    static final String PG_CHANNEL = "support_agent_api_keys";
    static final String REDIS_CHANNEL = "support-agent:changes";
    private static final Logger log = LoggerFactory.getLogger(ChangeNotifications.class);

    private final ApplicationEventPublisher events;
    private final HikariDataSource platformDataSource;
    private final String redisUrl;
    private final CountDownLatch listening = new CountDownLatch(1);

    private volatile boolean running;
    private Thread pgListener;
    private RedisClient redis;
    private StatefulRedisPubSubConnection<String, String> redisSubscription;
    private StatefulRedisConnection<String, String> redisPublisher;

    ChangeNotifications(
            ApplicationEventPublisher events,
            @Qualifier("platform") HikariDataSource platformDataSource,
            @Value("${support-agent.redis.url:}") String redisUrl) {
        this.events = events;
        this.platformDataSource = platformDataSource;
        this.redisUrl = redisUrl == null ? "" : redisUrl.strip();
    }

    /**
     * A change made on this node: once its transaction commits (at once, outside one), this node's caches forget it
     * and, on Redis, the other nodes are told. A rolled-back change is not announced. On PostgreSQL the database's
     * triggers tell the other nodes themselves.
     */
    public void announce(Change change) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // afterCompletion, not afterCommit: it also runs when registered from another synchronization's
            // afterCommit.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        announceNow(change);
                    }
                }
            });
        } else {
            announceNow(change);
        }
    }

    /**
     * A change that every node, this one included, hears of only through the channel between nodes, exactly once. On
     * PostgreSQL the database's triggers send it (at commit, and only then), so this does nothing there; on Redis it
     * is published after the commit. Nothing is published on this node directly, so a listener that pushes to open
     * streams does not push twice.
     */
    public void broadcast(Change change) {
        StatefulRedisConnection<String, String> publisher = redisPublisher;
        if (publisher == null) {
            return;
        }
        Runnable publish = () -> publisher.async().publish(REDIS_CHANNEL, change.payload());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        publish.run();
                    }
                }
            });
        } else {
            publish.run();
        }
    }

    /**
     * Something ephemeral that no row records (who has a conversation open, who types): told to every node, this one
     * included, only through the channel between nodes, at once and outside any transaction. On Redis it is
     * published; on PostgreSQL it is a {@code pg_notify} on the platform role's pool. Lost when the channel is down,
     * which suits what is forgotten in seconds anyway.
     */
    public void signal(Change change) {
        StatefulRedisConnection<String, String> publisher = redisPublisher;
        if (publisher != null) {
            publisher.async().publish(REDIS_CHANNEL, change.payload());
            return;
        }
        try (Connection connection = platformDataSource.getConnection();
                var statement = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            statement.setString(1, PG_CHANNEL);
            statement.setString(2, change.payload());
            statement.execute();
        } catch (SQLException e) {
            log.debug("Could not signal {}: {}", change, e.getMessage());
        }
    }

    private void announceNow(Change change) {
        log.debug("Announcing {}", change);
        events.publishEvent(change);
        StatefulRedisConnection<String, String> publisher = redisPublisher;
        if (publisher != null) {
            publisher.async().publish(REDIS_CHANNEL, change.payload());
        }
    }

    /** Whether this node is listening to other nodes' changes. */
    public boolean listening() {
        return running && listening.getCount() == 0;
    }

    /**
     * A listener's failure must not end this thread: the node would stop hearing changes for good. Logged, and the
     * next notification is delivered as usual.
     */
    private void deliver(String payload) {
        try {
            received(payload);
        } catch (RuntimeException e) {
            if (running) {
                log.warn("A listener failed on change notification {}", payload, e);
            }
        }
    }

    void received(String payload) {
        log.debug("Change notification {}", payload);
        Change.parse(payload).ifPresentOrElse(events::publishEvent, () -> {
            log.warn("Could not read a change notification; forgetting everything cached");
            events.publishEvent(new ChangesMissed());
        });
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
                        "Redis unavailable for change notifications ({}); listening on PostgreSQL instead",
                        e.getClass().getSimpleName());
                stopRedis();
            }
        }
        if (!onRedis) {
            pgListener =
                    Thread.ofPlatform().daemon().name("change-notifications").start(this::listenToPostgres);
        }
        try {
            if (!listening.await(10, TimeUnit.SECONDS)) {
                log.warn("Not yet listening for changes; caches re-check what they hold every few seconds");
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
        log.info("Listening for changes on Redis channel {}", REDIS_CHANNEL);
    }

    private void listenToPostgres() {
        boolean first = true;
        boolean connected = false;
        while (running) {
            Properties properties = new Properties();
            properties.setProperty("user", platformDataSource.getUsername());
            if (platformDataSource.getPassword() != null) {
                properties.setProperty("password", platformDataSource.getPassword());
            }
            properties.setProperty("ApplicationName", "support-agent change-notifications");
            try (Connection connection = DriverManager.getConnection(platformDataSource.getJdbcUrl(), properties)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + PG_CHANNEL);
                }
                if (!first) {
                    // Changes made while we were away are unknown: start from the database again.
                    events.publishEvent(new ChangesMissed());
                    log.info("Listening for changes again");
                }
                first = false;
                connected = true;
                listening.countDown();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null) {
                        // A burst (a migration's commit notifies once per store and instance) can outlast stop()'s
                        // wait: once stopped, the rest is not delivered to a context that is closing.
                        for (int i = 0; i < notifications.length && running; i++) {
                            deliver(notifications[i].getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    // Once per outage, not at every attempt to reconnect: caches forget when the connection is
                    // lost and again when it is back.
                    if (connected) {
                        log.warn("Lost the change notifications ({}); reconnecting every second", e.getMessage());
                        events.publishEvent(new ChangesMissed());
                    } else {
                        log.debug("Still no change notifications: {}", e.getMessage());
                    }
                    connected = false;
                    sleepQuietly(1000);
                }
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
