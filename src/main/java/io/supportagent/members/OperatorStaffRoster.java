package io.supportagent.members;

import io.supportagent.platform.AccountId;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who is operator staff ({@code operator_staff}, a global table): read through the request pool on every console
 * request, written only as the platform role (the request role may not), by the {@code create-operator} and
 * {@code remove-operator} commands.
 */
@Repository
class OperatorStaffRoster {

    private final JdbcClient jdbc;

    OperatorStaffRoster(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isStaff(AccountId account) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM operator_staff WHERE account_id = :account)")
                .param("account", account.value())
                .query(Boolean.class)
                .single();
    }

    /** Whether the account is staff that may view organizations' dashboards read-only (off unless granted). */
    boolean mayViewAsOrganization(AccountId account) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM operator_staff
                                       WHERE account_id = :account AND may_view_as_organization)""")
                .param("account", account.value())
                .query(Boolean.class)
                .single();
    }

    /** Grants or withdraws viewing organizations' dashboards; true when the account is staff. */
    boolean allowViewingAsOrganization(JdbcClient platformTx, AccountId account, boolean allowed) {
        return platformTx
                        .sql(
                                "UPDATE operator_staff SET may_view_as_organization = :allowed WHERE account_id = :account")
                        .param("allowed", allowed)
                        .param("account", account.value())
                        .update()
                == 1;
    }

    /** Makes the account staff; true when it was not already. */
    boolean add(JdbcClient platformTx, AccountId account, Instant now) {
        return platformTx
                        .sql("""
                                INSERT INTO operator_staff (account_id, created_at) VALUES (:account, :now)
                                ON CONFLICT (account_id) DO NOTHING""")
                        .param("account", account.value())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Takes the account off the staff; true when it was staff. */
    boolean remove(JdbcClient platformTx, AccountId account) {
        return platformTx
                        .sql("DELETE FROM operator_staff WHERE account_id = :account")
                        .param("account", account.value())
                        .update()
                == 1;
    }

    /** How many people are operator staff. */
    int count(JdbcClient platformTx) {
        return platformTx
                .sql("SELECT count(*) FROM operator_staff")
                .query(Integer.class)
                .single();
    }
}
