package io.supportagent.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Three ways into PostgreSQL, one per role: the owner migrates the schema at start-up; the request pool (the
 * primary {@link DataSource}, {@link JdbcClient} and transaction manager) runs every tenant's work under
 * row-level security; the platform pool serves explicit cross-tenant operator work through {@link PlatformJdbc}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    public static final String PLATFORM = "platform";

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(DatabaseSettings settings) {
        DatabaseServer server = DatabaseServer.open(settings);
        try (Connection owner = server.migrations().openOwnerConnection()) {
            DatabaseRoles.ensure(owner, settings);
        } catch (SQLException e) {
            server.close();
            throw new DatabaseUnavailable("cannot connect to " + server.ownerUrl() + ": " + e.getMessage(), e);
        }
        return server;
    }

    @Bean
    SchemaMigrations schemaMigrations(
            DatabaseServer server, DatabaseSettings settings, @Value("${support-agent.command:serve}") String command) {
        SchemaMigrations migrations = server.migrations();
        if (command.equals(LegacyLayout.COMMAND)) {
            // That command upgrades a single-tenant database itself, assigning rows before the NOT NULL steps.
            return migrations;
        }
        LegacyLayout.refuseSingleTenant(migrations);
        if (settings.migrateOnStart()) {
            try {
                migrations.update();
            } catch (RuntimeException e) {
                throw LegacyLayout.explainFailedUpgrade(migrations, e);
            }
        }
        return migrations;
    }

    @Bean(destroyMethod = "close")
    @Primary
    FairConnectionQueue dataSource(
            DatabaseServer server, DatabaseSettings settings, DatabaseTimeouts timeouts, SchemaMigrations migrated) {
        HikariConfig config =
                pool(server.ownerUrl(), settings.appRole(), settings.appPassword(), settings.poolSize(), "request");
        bound(config, timeouts, timeouts.statementTimeout(), timeouts.lockTimeout());
        return new FairConnectionQueue(new HikariDataSource(config));
    }

    /** Hikari's own "pending" gauge stays near 0 behind the queue; this one counts the requests that wait. */
    @Bean
    MeterBinder connectionQueueMetrics(FairConnectionQueue dataSource) {
        return registry -> Gauge.builder(
                        "support_agent.db.connections.waiting", dataSource, FairConnectionQueue::waiting)
                .description("Requests waiting, in arrival order, for a connection of the request pool")
                .register(registry);
    }

    /**
     * Bounded like the request pool, with a longer statement timeout: while serving, operator work (a billing run
     * from the platform API) and the background jobs share it with the key look-ups of requests. A command run at a
     * terminal (a billing run, the single-tenant migration) has the pool to itself and is not cut short.
     */
    @Bean(destroyMethod = "close")
    @Qualifier(PLATFORM)
    HikariDataSource platformDataSource(
            DatabaseServer server,
            DatabaseSettings settings,
            DatabaseTimeouts timeouts,
            @Value("${support-agent.command:serve}") String command,
            SchemaMigrations migrated) {
        HikariConfig config =
                pool(server.ownerUrl(), settings.platformRole(), settings.platformPassword(), 4, "platform");
        bound(config, timeouts, command.equals("serve") ? timeouts.platformStatementTimeout() : Duration.ZERO, null);
        return new HikariDataSource(config);
    }

    /** Whether the database answers, checked outside both pools by a thread of its own (readiness, status pages). */
    @Bean
    DatabaseStatus databaseStatus(
            DatabaseServer server, DatabaseSettings settings, DatabaseTimeouts timeouts, SchemaMigrations migrated) {
        return new DatabaseStatus(
                server.ownerUrl().jdbcUrl(),
                settings.appRole(),
                settings.appPassword(),
                timeouts.healthInterval(),
                timeouts.healthTimeout());
    }

    /**
     * {@code database} in {@code /actuator/health} and the readiness group: the state its checker last saw, never a
     * wait for the database, so a load balancer's probe always gets its answer at once; DOWN within the check
     * interval when the database refuses connections, within the interval and the health timeout when it stops
     * answering.
     */
    @Bean
    HealthIndicator databaseHealthIndicator(DatabaseStatus status) {
        return () -> {
            DatabaseStatus.Seen seen = status.current();
            return seen.up()
                    ? Health.up().build()
                    : Health.down().withDetail("problem", seen.problem()).build();
        };
    }

    @Bean
    @Primary
    PlatformTransactionManager transactionManager(DataSource dataSource, DatabaseTimeouts timeouts) {
        return new TenantTransactionManager(dataSource, timeouts);
    }

    @Bean
    @Primary
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    @Bean
    PlatformJdbc platformJdbc(@Qualifier(PLATFORM) HikariDataSource platformDataSource, DatabaseTimeouts timeouts) {
        DataSource pool = new PlatformPoolForRequests(platformDataSource);
        var transactions = new TransactionTemplate(new JdbcTransactionManager(pool));
        var lookups = new LookupConnections(pool, LookupConnections.socketTimeout(timeouts));
        return new PlatformJdbc(JdbcClient.create(pool), JdbcClient.create(lookups), transactions);
    }

    private static HikariConfig pool(DatabaseUrl url, String user, String password, int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        // Grow on demand: idle nodes (and the many application contexts of a test run) hold few connections.
        config.setMinimumIdle(Math.min(2, size));
        config.setPoolName(name);
        config.setAutoCommit(true);
        config.addDataSourceProperty("ApplicationName", "support-agent " + name);
        return config;
    }

    /**
     * Every wait of a pool bounded. The statement and lock timeouts are set once on each new connection, for the
     * statements outside a transaction (a tenant transaction sets its own with its tenant); the socket timeout ends a
     * statement whose server stopped answering altogether (a network cut that leaves no reset), a little after the
     * server itself would have cancelled it. Not as the {@code options} start-up parameter, which PgBouncer refuses.
     */
    static void bound(HikariConfig config, DatabaseTimeouts timeouts, Duration statementTimeout, Duration lockTimeout) {
        long wait = timeouts.connectionTimeout().toMillis();
        config.setConnectionTimeout(wait);
        // A connection idle for a while is checked before it is handed out; a dead one must not eat the whole wait,
        // and a check begun just before the wait ends overshoots it by at most this much (250 ms: HikariCP's least).
        config.setValidationTimeout(Math.max(250, wait / 4));
        // A connection that breaks under a request ends that request's waits for the database (RequestDatabaseWaits).
        config.setExceptionOverride(new ConnectionLossNotice());
        config.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, ceilSeconds(wait))));
        config.setConnectionInitSql("SELECT set_config('statement_timeout', '" + statementTimeout.toMillis()
                + "', false), set_config('lock_timeout', '" + (lockTimeout == null ? 0 : lockTimeout.toMillis())
                + "', false)");
        config.addDataSourceProperty("socketTimeout", Long.toString(socketTimeoutSeconds(statementTimeout)));
    }

    /** Past the statement timeout by a margin for the cancel to come back; 0 (none) without a statement timeout. */
    static long socketTimeoutSeconds(Duration statementTimeout) {
        return statementTimeout.isZero() ? 0 : ceilSeconds(statementTimeout.toMillis()) + 2;
    }

    private static long ceilSeconds(long millis) {
        return (millis + 999) / 1000;
    }
}
