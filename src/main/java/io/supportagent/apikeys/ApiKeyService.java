package io.supportagent.apikeys;

import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.PlatformJdbc;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;

/** The apikeys module's API: issuing keys; verification lives with the authentication of requests. */
@Service
public class ApiKeyService {

    private final ApiKeys keys;
    private final PlatformJdbc platform;
    private final BCryptPasswordEncoder bcrypt;

    ApiKeyService(ApiKeys keys, PlatformJdbc platform, ApiKeySettings settings) {
        this.keys = keys;
        this.platform = platform;
        this.bcrypt = new BCryptPasswordEncoder(settings.bcryptCost());
    }

    /** Operator work: a new key for any organization (its first keys, the demo's keys). */
    public IssuedKey issueAsOperator(OrganizationId org, boolean livemode, String name) {
        KeyFormat.ParsedKey key = KeyFormat.parse(
                        KeyFormat.generate(livemode ? KeyFormat.Type.LIVE_SECRET : KeyFormat.Type.TEST_SECRET))
                .orElseThrow();
        OrganizationApiKey stored = platform.inTransaction(tx -> keys.insert(
                tx,
                org,
                name,
                livemode ? "live" : "test",
                key.lookupId(),
                bcrypt.encode(key.full()),
                key.displayPrefix(),
                key.lastFour()));
        return new IssuedKey(stored, key.full());
    }

    /** Operator work: revokes the organization's unrevoked keys of that name; answers how many. */
    public int revokeByNameAsOperator(OrganizationId org, String name) {
        return platform.inTransaction(tx -> keys.revokeByName(tx, org, name));
    }

    /** Operator work: the organization's keys. */
    public List<OrganizationApiKey> listAsOperator(OrganizationId org) {
        return keys.list(platform.jdbc(), org);
    }

    /**
     * Operator work inside the caller's transaction: {@code tx} is the platform role's client bound to it, so the key
     * commits or rolls back with the rest (the legacy migration issues an organization's first keys this way).
     */
    public IssuedKey issueWith(JdbcClient tx, OrganizationId org, boolean livemode, String name) {
        KeyFormat.ParsedKey key = KeyFormat.parse(
                        KeyFormat.generate(livemode ? KeyFormat.Type.LIVE_SECRET : KeyFormat.Type.TEST_SECRET))
                .orElseThrow();
        OrganizationApiKey stored = keys.insert(
                tx,
                org,
                name,
                livemode ? "live" : "test",
                key.lookupId(),
                bcrypt.encode(key.full()),
                key.displayPrefix(),
                key.lastFour());
        return new IssuedKey(stored, key.full());
    }
}
