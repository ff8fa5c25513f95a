package io.supportagent.apikeys;

import io.supportagent.agents.AgentService;
import io.supportagent.members.AuditTrail;
import io.supportagent.members.MemberService;
import io.supportagent.platform.ApiKeyId;
import io.supportagent.platform.Conflict;
import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.LiveModeRequired;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.changes.Change;
import io.supportagent.platform.changes.ChangeNotifications;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.tenancy.CreateOrganization;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The apikeys module's API: issuing, listing, revoking and rolling keys (the tenant's own, through the request pool
 * under row-level security; or any organization's, as operator work), and telling which organization a key belongs
 * to. A full key exists only in the answer that issues it; the database keeps a bcrypt hash.
 */
@Service
public class ApiKeyService {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);

    private final ApiKeys keys;
    private final PlatformJdbc platform;
    private final JdbcClient jdbc;
    private final ApiKeyVerifier verifier;
    private final ChangeNotifications changes;
    private final TenancyService tenancy;
    private final AgentService agents;
    private final Clock clock;
    private final AuditTrail audit;
    private final MemberService members;

    ApiKeyService(
            ApiKeys keys,
            PlatformJdbc platform,
            JdbcClient jdbc,
            ApiKeyVerifier verifier,
            ChangeNotifications changes,
            TenancyService tenancy,
            AgentService agents,
            Clock clock,
            AuditTrail audit,
            MemberService members) {
        this.audit = audit;
        this.members = members;
        this.keys = keys;
        this.platform = platform;
        this.jdbc = jdbc;
        this.verifier = verifier;
        this.changes = changes;
        this.tenancy = tenancy;
        this.agents = agents;
        this.clock = clock;
    }

    /** Operator work: a new key for any organization (its first keys, the demo's keys). */
    public IssuedKey issueAsOperator(OrganizationId org, boolean livemode, String name) {
        IssuedKey issued = platform.inTransaction(tx -> {
            IssuedKey key = issueWith(tx, org, livemode, name);
            audit.recordAsOperator(org, created(key.key()));
            return key;
        });
        log.info(
                "Issued API key {} ({}) for organization {}",
                issued.key().id(),
                issued.key().displayPrefix(),
                org);
        return issued;
    }

    /** Operator work: revokes the organization's unrevoked keys of that name; answers how many. */
    public int revokeByNameAsOperator(OrganizationId org, String name) {
        List<String> revoked = platform.inTransaction(tx -> {
            List<String> lookupIds = keys.revokeByName(tx, org, name);
            if (!lookupIds.isEmpty()) {
                audit.recordAsOperator(
                        org,
                        AuditTrail.Entry.of(
                                        "api_key.revoked",
                                        "api_key",
                                        null,
                                        "Revoked " + lookupIds.size() + " API key(s) named “" + name + "”")
                                .with("name", name));
            }
            return lookupIds;
        });
        revoked.forEach(id -> changes.announce(new Change.ApiKey(id)));
        return revoked.size();
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
        KeyFormat.ParsedKey key = newKey(livemode);
        OrganizationApiKey stored = keys.insert(
                tx,
                org,
                name,
                livemode ? "live" : "test",
                key.lookupId(),
                verifier.hash(key.full()),
                key.displayPrefix(),
                key.lastFour());
        return new IssuedKey(stored, key.full());
    }

    // --- The tenant's own keys (issue 3) ---

    /**
     * Issues a key for the organization in context. {@code mode} null means the caller's own mode; a test-mode
     * caller may only issue test keys.
     */
    @Transactional
    public IssuedKey create(String name, String mode) {
        Tenant tenant = TenantContext.require();
        String wanted = mode == null ? modeOf(tenant) : mode;
        if ("live".equals(wanted) && !tenant.livemode()) {
            throw new LiveModeRequired("A test key can only create test keys.");
        }
        KeyFormat.ParsedKey key = newKey("live".equals(wanted));
        OrganizationApiKey stored =
                keys.insert(jdbc, tenant.organizationId(), name, wanted, key, verifier.hash(key.full()), null);
        log.info(
                "Issued API key {} ({}) for organization {}",
                stored.id(),
                stored.displayPrefix(),
                stored.organizationId());
        audit.record(created(stored), stored.livemode());
        return new IssuedKey(stored, key.full());
    }

    /** The keys the caller may see, newest first: a live key sees all, a test key only test keys. */
    @Transactional(readOnly = true)
    public List<OrganizationApiKey> list(int limit, ApiKeyId startingAfter) {
        Tenant tenant = TenantContext.require();
        return keys.page(jdbc, tenant.organizationId(), visibleMode(tenant), limit, startingAfter);
    }

    /**
     * The keys of the caller's own mode only, newest first: the dashboard's list, where the mode is the page's (a
     * live page lists live keys, a test page test keys), as Stripe's dashboard does.
     */
    @Transactional(readOnly = true)
    public List<OrganizationApiKey> listOfOwnMode(int limit, ApiKeyId startingAfter) {
        Tenant tenant = TenantContext.require();
        return keys.page(jdbc, tenant.organizationId(), modeOf(tenant), limit, startingAfter);
    }

    @Transactional(readOnly = true)
    public OrganizationApiKey get(ApiKeyId id) {
        Tenant tenant = TenantContext.require();
        return keys.find(jdbc, tenant.organizationId(), id, visibleMode(tenant), false)
                .orElseThrow(() -> new NotFound("API key", id));
    }

    /** Revokes one of the caller's keys at once (idempotent); foreign or invisible ids answer 404. */
    @Transactional
    public OrganizationApiKey revoke(ApiKeyId id) {
        Tenant tenant = TenantContext.require();
        OrganizationApiKey key = keys.find(jdbc, tenant.organizationId(), id, visibleMode(tenant), true)
                .orElseThrow(() -> new NotFound("API key", id));
        OrganizationApiKey revoked = keys.revoke(jdbc, tenant.organizationId(), key.id());
        changes.announce(new Change.ApiKey(revoked.lookupId()));
        if (key.revokedAt() == null) {
            audit.record(
                    AuditTrail.Entry.of(
                            "api_key.revoked", "api_key", key.id(), "Revoked the API key " + described(key)),
                    key.livemode());
        }
        afterCommit(() -> {
            log.info("Revoked API key {} ({})", revoked.id(), revoked.displayPrefix());
        });
        return revoked;
    }

    /** A roll's result: the new key (shown once) and the old key with its new expiry. */
    public record Rolled(IssuedKey issued, OrganizationApiKey previous) {}

    /**
     * Replaces a key: a new key of the same name and mode, while the old one keeps working until {@code overlap} from
     * now (zero: it stops now). An expiry already sooner stays.
     */
    @Transactional
    public Rolled roll(ApiKeyId id, Duration overlap) {
        Tenant tenant = TenantContext.require();
        OrganizationApiKey old = keys.find(jdbc, tenant.organizationId(), id, visibleMode(tenant), true)
                .orElseThrow(() -> new NotFound("API key", id));
        Instant now = clock.instant();
        if (!"active".equals(old.status(now))) {
            throw new Conflict(
                    "api_key_inactive", "Only an active key can be rolled; this one is " + old.status(now) + ".");
        }
        KeyFormat.ParsedKey key = newKey(old.livemode());
        OrganizationApiKey stored = keys.insert(
                jdbc, tenant.organizationId(), old.name(), old.mode(), key, verifier.hash(key.full()), old.id());
        OrganizationApiKey previous = keys.expireAt(jdbc, tenant.organizationId(), old.id(), now.plus(overlap));
        changes.announce(new Change.ApiKey(previous.lookupId()));
        audit.record(
                AuditTrail.Entry.of(
                                "api_key.rolled",
                                "api_key",
                                old.id(),
                                "Rolled the API key " + described(old) + " into " + stored.displayPrefix() + "…"
                                        + stored.lastFour() + "; the old key works until " + previous.expiresAt())
                        .with("new_key_id", stored.id().toString())
                        .with("old_key_expires_at", String.valueOf(previous.expiresAt())),
                old.livemode());
        afterCommit(() -> {
            log.info(
                    "Rolled API key {} into {}; the old one expires at {}",
                    old.id(),
                    stored.id(),
                    previous.expiresAt());
        });
        return new Rolled(new IssuedKey(stored, key.full()), previous);
    }

    /**
     * The organization of any valid key: a secret key ({@code sk_live_}, {@code sk_test_}) that verifies and is neither
     * revoked nor expired, or the widget key ({@code pk_widget_}) of an agent instance. Always from the key's stored
     * row, never from the key's text; empty for anything else.
     */
    public Optional<OrganizationId> organizationOf(String presentedKey) {
        Optional<KeyFormat.ParsedKey> parsed = KeyFormat.parse(presentedKey);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        if (parsed.get().type() == KeyFormat.Type.WIDGET) {
            return agents.resolveWidgetKey(presentedKey).map(instance -> instance.organizationId());
        }
        return verifier.verify(presentedKey).map(VerifiedKey::organizationId);
    }

    /**
     * Operator work: a new organization with its first live and test keys and, when an owner email is given, the
     * invitation of its first owner, in one transaction.
     */
    public Onboarded createOrganization(CreateOrganization command, String ownerEmail) {
        return platform.inTransaction(tx -> {
            Organization org = tenancy.createOrganization(command);
            audit.recordAsOperator(
                    org.id(),
                    AuditTrail.Entry.of(
                                    "organization.created",
                                    "organization",
                                    org.id(),
                                    "Created the organization “" + org.name() + "” on "
                                            + org.tier().code())
                            .with("tier", org.tier().code()));
            IssuedKey live = issueAsOperator(org.id(), true, "Default live key");
            IssuedKey test = issueAsOperator(org.id(), false, "Default test key");
            String invitation = ownerEmail == null ? null : members.inviteOwnerAsOperator(org.id(), ownerEmail);
            return new Onboarded(org, live, test, invitation);
        });
    }

    /** A new organization with its first keys and its owner's invitation link (or null), shown once. */
    public record Onboarded(
            Organization organization, IssuedKey liveKey, IssuedKey testKey, String ownerInvitationUrl) {}

    private static AuditTrail.Entry created(OrganizationApiKey key) {
        return AuditTrail.Entry.of(
                        "api_key.created",
                        "api_key",
                        key.id(),
                        "Created the " + key.mode() + " API key " + described(key))
                .with("name", key.name())
                .with("mode", key.mode());
    }

    private static String described(OrganizationApiKey key) {
        return "“" + key.name() + "” (" + key.displayPrefix() + "…" + key.lastFour() + ")";
    }

    private static KeyFormat.ParsedKey newKey(boolean livemode) {
        return KeyFormat.parse(KeyFormat.generate(livemode ? KeyFormat.Type.LIVE_SECRET : KeyFormat.Type.TEST_SECRET))
                .orElseThrow();
    }

    private static String modeOf(Tenant tenant) {
        return tenant.livemode() ? "live" : "test";
    }

    /** A live key manages all the organization's keys; a test key sees only test keys. */
    private static String visibleMode(Tenant tenant) {
        return tenant.livemode() ? null : "test";
    }

    private static void afterCommit(Runnable work) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.run();
                }
            });
        } else {
            work.run();
        }
    }
}
