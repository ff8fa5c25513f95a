package io.supportagent.members;

import io.supportagent.platform.AccountId;
import io.supportagent.platform.db.Rows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * People's authenticator apps and recovery codes: global tables (no tenant), like the accounts, read and written
 * through the request pool. The secret is always the sealed one ({@link AuthenticatorSecrets}).
 */
@Repository
class AuthenticatorApps {

    /** A person's authenticator app: {@code enabledAt} null while being set up. */
    record App(AccountId account, byte[] sealedSecret, Instant enabledAt, Long lastUsedStep) {

        boolean enabled() {
            return enabledAt != null;
        }

        @Override
        public String toString() {
            return "App[" + account + ", enabled " + enabledAt + "]"; // never the secret
        }
    }

    private final JdbcClient jdbc;

    AuthenticatorApps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<App> of(AccountId account) {
        return jdbc.sql("""
                        SELECT account_id, secret_sealed, enabled_at, last_used_step
                          FROM account_two_factor WHERE account_id = :account""")
                .param("account", account.value())
                .query((rs, row) -> new App(
                        new AccountId(Rows.uuid(rs, "account_id")),
                        rs.getBytes("secret_sealed"),
                        Rows.instant(rs, "enabled_at"),
                        rs.getObject("last_used_step") == null ? null : rs.getLong("last_used_step")))
                .optional();
    }

    /** A new secret being set up, replacing one not yet confirmed; nothing when an enabled one exists. */
    boolean startSetup(AccountId account, byte[] sealedSecret, Instant now) {
        return jdbc.sql("""
                        INSERT INTO account_two_factor (account_id, secret_sealed, created_at)
                        VALUES (:account, :secret, :now)
                        ON CONFLICT (account_id) DO UPDATE
                           SET secret_sealed = EXCLUDED.secret_sealed, created_at = EXCLUDED.created_at,
                               last_used_step = NULL
                         WHERE account_two_factor.enabled_at IS NULL""")
                        .param("account", account.value())
                        .param("secret", sealedSecret)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Records that the code of {@code step} was accepted, only if no code of that step or a later one was: false means
     * the code was used already (two requests racing with one code: one wins).
     */
    boolean use(AccountId account, long step) {
        return jdbc.sql("""
                        UPDATE account_two_factor SET last_used_step = :step
                         WHERE account_id = :account AND (last_used_step IS NULL OR last_used_step < :step)""")
                        .param("account", account.value())
                        .param("step", step)
                        .update()
                == 1;
    }

    boolean enable(AccountId account, Instant now) {
        return jdbc.sql("""
                        UPDATE account_two_factor SET enabled_at = :now
                         WHERE account_id = :account AND enabled_at IS NULL""")
                        .param("account", account.value())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Turns the app on with its first recovery codes, at once; false (and nothing changed) when it was on already
     * (two confirmations racing: one wins).
     */
    @Transactional
    boolean enableWithRecoveryCodes(AccountId account, List<byte[]> hashes, Instant now) {
        if (!enable(account, now)) {
            return false;
        }
        replaceRecoveryCodes(account, hashes, now);
        return true;
    }

    /** Removes the app and its recovery codes. */
    boolean remove(AccountId account) {
        return jdbc.sql("DELETE FROM account_two_factor WHERE account_id = :account")
                        .param("account", account.value())
                        .update()
                == 1;
    }

    @Transactional
    void replaceRecoveryCodes(AccountId account, List<byte[]> hashes, Instant now) {
        jdbc.sql("DELETE FROM account_recovery_codes WHERE account_id = :account")
                .param("account", account.value())
                .update();
        for (byte[] hash : hashes) {
            jdbc.sql("""
                            INSERT INTO account_recovery_codes (account_id, code_hash, created_at)
                            VALUES (:account, :hash, :now)""")
                    .param("account", account.value())
                    .param("hash", hash)
                    .param("now", Timestamp.from(now))
                    .update();
        }
    }

    /** Uses up an unused recovery code: false when there is no such code or it was used already. */
    boolean useRecoveryCode(AccountId account, byte[] hash, Instant now) {
        return jdbc.sql("""
                        UPDATE account_recovery_codes SET used_at = :now
                         WHERE account_id = :account AND code_hash = :hash AND used_at IS NULL""")
                        .param("account", account.value())
                        .param("hash", hash)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    int recoveryCodesLeft(AccountId account) {
        return jdbc.sql("SELECT count(*) FROM account_recovery_codes WHERE account_id = :account AND used_at IS NULL")
                .param("account", account.value())
                .query(Integer.class)
                .single();
    }
}
