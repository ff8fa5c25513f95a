package io.supportagent.platform.db;

import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long anything waits for the database, so that an outage or a slow database answers 503 quickly instead of
 * holding every request's thread (and connection) for half a minute.
 *
 * @param connectionTimeout longest wait for a connection of the request or platform pool, queue included: past it
 *     a request answers 503. Sized for a request, not for a batch job.
 * @param statementTimeout PostgreSQL's {@code statement_timeout} for the request pool: a statement running longer
 *     is cancelled by the server, the request answers 503 and its connection is free again. A transaction that
 *     declares a longer timeout ({@code @Transactional(timeout = …)}) gets that instead.
 * @param lockTimeout PostgreSQL's {@code lock_timeout} for the request pool: the longest wait for a row or table
 *     lock (another transaction holding it) before the request answers 503
 * @param platformStatementTimeout {@code statement_timeout} of the platform pool (operator work, billing runs, the
 *     webhook worker, resolving keys) while serving; commands run at a terminal ({@code billing-run},
 *     {@code migrate-to-multi-tenant}) are not bounded
 * @param healthTimeout how long the database may go without answering its health check, past the check interval,
 *     before readiness reads DOWN; the probe itself never waits for the database ({@link DatabaseStatus})
 * @param healthInterval how often a checker of its own looks at the database for readiness and the status banner
 */
@Validated
@ConfigurationProperties("support-agent.database")
public record DatabaseTimeouts(
        @DefaultValue("1s") Duration connectionTimeout,
        @DefaultValue("5s") Duration statementTimeout,
        @DefaultValue("2s") Duration lockTimeout,
        @DefaultValue("60s") Duration platformStatementTimeout,
        @DefaultValue("1500ms") Duration healthTimeout,
        @DefaultValue("500ms") Duration healthInterval) {

    /** The defaults, for code that opens pools outside the application context. */
    public static DatabaseTimeouts defaults() {
        return new DatabaseTimeouts(
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(2),
                Duration.ofSeconds(60),
                Duration.ofMillis(1500),
                Duration.ofMillis(500));
    }

    @AssertTrue(message = "connection-timeout must be at least 250ms (the pool's smallest)")
    boolean isConnectionTimeoutPossible() {
        return connectionTimeout.toMillis() >= 250;
    }

    @AssertTrue(
            message = "the timeouts must not be negative (0 turns a statement or lock timeout off), the health"
                    + " interval at least 100ms")
    boolean isNoneNegative() {
        return !statementTimeout.isNegative()
                && !lockTimeout.isNegative()
                && !platformStatementTimeout.isNegative()
                && healthTimeout.toMillis() > 0
                && healthInterval.toMillis() >= 100;
    }
}
