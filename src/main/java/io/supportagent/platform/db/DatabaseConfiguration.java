package io.supportagent.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
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
            migrations.update();
        }
        return migrations;
    }

    @Bean(destroyMethod = "close")
    @Primary
    FairConnectionQueue dataSource(DatabaseServer server, DatabaseSettings settings, SchemaMigrations migrated) {
        return new FairConnectionQueue(
                pool(server.ownerUrl(), settings.appRole(), settings.appPassword(), settings.poolSize(), "request"));
    }

    /** Hikari's own "pending" gauge stays near 0 behind the queue; this one counts the requests that wait. */
    @Bean
    MeterBinder connectionQueueMetrics(FairConnectionQueue dataSource) {
        return registry -> Gauge.builder(
                        "support_agent.db.connections.waiting", dataSource, FairConnectionQueue::waiting)
                .description("Requests waiting, in arrival order, for a connection of the request pool")
                .register(registry);
    }

    @Bean(destroyMethod = "close")
    @Qualifier(PLATFORM)
    HikariDataSource platformDataSource(DatabaseServer server, DatabaseSettings settings, SchemaMigrations migrated) {
        return pool(server.ownerUrl(), settings.platformRole(), settings.platformPassword(), 4, "platform");
    }

    @Bean
    @Primary
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new TenantTransactionManager(dataSource);
    }

    @Bean
    @Primary
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    @Bean
    PlatformJdbc platformJdbc(@Qualifier(PLATFORM) HikariDataSource platformDataSource) {
        var transactions = new TransactionTemplate(new JdbcTransactionManager(platformDataSource));
        return new PlatformJdbc(JdbcClient.create(platformDataSource), transactions);
    }

    private static HikariDataSource pool(DatabaseUrl url, String user, String password, int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        // Grow on demand: idle nodes (and the many application contexts of a test run) hold few connections.
        config.setMinimumIdle(Math.min(2, size));
        config.setPoolName(name);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }
}
