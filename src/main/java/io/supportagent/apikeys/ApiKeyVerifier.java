package io.supportagent.apikeys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.changes.Change;
import io.supportagent.platform.changes.ChangesMissed;
import io.supportagent.platform.db.DatabaseFailures;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.platform.web.ClientAddress;
import io.supportagent.ratelimit.FailureBudgets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Verifies a presented secret key without a bcrypt per request.
 *
 * <ol>
 *   <li>The format (prefix, length, alphabet, CRC32 checksum) is checked first: typos and garbage cost no database
 *       work.
 *   <li>A key verified recently is answered from memory. The cache key is the SHA-256 of the presented key, never the
 *       key; a cached key is re-read (by id, without bcrypt) every {@code cacheRecheck}, in the background (the
 *       request at hand is answered from memory, also while the database is away), and evicted at once when it is
 *       revoked on this node or a change notification arrives from another one.
 *   <li>A key rejected recently (wrong secret, unknown, revoked, expired) is refused from memory too.
 *   <li>Otherwise the row is found by its lookup id (platform role). A key whose tag ({@link KeyHash}: 32 bits of
 *       its SHA-256) differs from the row's is wrong, and is refused without bcrypt; else bcrypt runs once (rows of
 *       keys issued before tags, and unknown lookup ids, which are checked against a decoy hash of the same cost).
 *   <li>Each failure is paid from two budgets ({@link FailureBudgets}, shared by the nodes through Redis when it is
 *       configured), one per client address (IPv6 by /64) and one per lookup id; while either is spent, a key is
 *       refused as "throttled" without bcrypt, unless its tag matches its row's: spent budgets stop guessing, not
 *       the key's owner, whom the display prefix (lookup id included) shown in every key list must not lock out.
 * </ol>
 */
@Component
public class ApiKeyVerifier {

    /** What a verification concluded. */
    public sealed interface Outcome {}

    /** The key is valid: its organization and mode, from its stored row. */
    public record Valid(VerifiedKey key) implements Outcome {}

    /** The key is refused; {@code reason} is only ever more than {@code INVALID} when the secret was right. */
    public record Rejected(Reason reason) implements Outcome {}

    /** Too many failed attempts from this address or for this lookup id: try again after {@code retryAfter}. */
    public record Throttled(Duration retryAfter) implements Outcome {}

    /** Too many keys are waiting for bcrypt on this node right now: try again shortly. */
    public record Busy() implements Outcome {}

    public enum Reason {
        INVALID,
        REVOKED,
        EXPIRED
    }

    /** A verified key in memory, with what is needed to re-check it without bcrypt. */
    record Cached(VerifiedKey key, String lookupId, String keyHash) {}

    private static final Rejected INVALID = new Rejected(Reason.INVALID);
    private static final int MAX_ROW_READS = 3;
    private static final Executor RECHECKS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("api-key-recheck-", 0).factory());

    private final ApiKeys keys;
    private final PlatformJdbc platform;
    private final Clock clock;
    private final ApiKeySettings settings;
    private final BCryptPasswordEncoder bcrypt;
    private final String decoyHash;
    private final LoadingCache<String, Cached> verified;
    private final Cache<String, Reason> rejected;
    private final FailureBudgets budgets;
    /** Tags of lookup ids ("" for none), which never change for a lookup id: the throttled path's check. */
    private final LoadingCache<String, String> tags;

    private final ThreadPoolExecutor bcryptPool;
    private final Map<String, CompletableFuture<Outcome>> inFlight = new ConcurrentHashMap<>();
    // Evictions so far, and the lock that orders them against the caching of a freshly verified key (never taken on
    // a cache hit): see cacheUnlessEvictedSince.
    private final ReentrantLock evicting = new ReentrantLock();
    private volatile long evictions;

    ApiKeyVerifier(ApiKeys keys, PlatformJdbc platform, Clock clock, ApiKeySettings settings, FailureBudgets budgets) {
        this.keys = keys;
        this.budgets = budgets;
        this.platform = platform;
        this.clock = clock;
        this.settings = settings;
        this.bcrypt = new BCryptPasswordEncoder(settings.bcryptCost());
        byte[] decoy = new byte[24];
        new SecureRandom().nextBytes(decoy);
        this.decoyHash = bcrypt.encode(HexFormat.of().formatHex(decoy));
        this.verified = Caffeine.newBuilder()
                .maximumSize(settings.cacheMaxSize())
                .expireAfterAccess(settings.cacheIdleTimeout())
                .refreshAfterWrite(settings.cacheRecheck())
                // Re-checks block on JDBC: keep them off the common fork-join pool.
                .executor(RECHECKS)
                .build(new Recheck());
        this.rejected = Caffeine.newBuilder()
                .maximumSize(settings.cacheMaxSize())
                .expireAfterWrite(settings.rejectedCacheTtl())
                .build();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.bcryptPool = new ThreadPoolExecutor(
                threads,
                threads,
                1,
                TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(settings.bcryptQueue()),
                Thread.ofPlatform().daemon().name("api-key-bcrypt-", 0).factory(),
                new ThreadPoolExecutor.AbortPolicy());
        this.tags = Caffeine.newBuilder()
                .maximumSize(settings.cacheMaxSize())
                .expireAfterWrite(Duration.ofMinutes(1))
                .build(lookupId -> tagOf(keys.findByLookupId(platform.lookups(), lookupId)));
    }

    /** The organization and mode of a valid secret key; empty for anything else (no throttling by address). */
    public Optional<VerifiedKey> verify(String presented) {
        return verify(presented, null) instanceof Valid valid ? Optional.of(valid.key()) : Optional.empty();
    }

    /**
     * Verifies a presented secret key ({@code sk_live_}/{@code sk_test_}) for a request from {@code clientAddress}
     * (null when there is none).
     */
    public Outcome verify(String presented, String clientAddress) {
        Optional<KeyFormat.ParsedKey> parsed =
                KeyFormat.parse(presented).filter(k -> k.type() != KeyFormat.Type.WIDGET);
        if (parsed.isEmpty()) {
            return INVALID;
        }
        String digest = sha256(presented);
        Instant now = clock.instant();
        Cached cached = verified.getIfPresent(digest);
        if (cached != null) {
            VerifiedKey key = cached.key();
            if (key.expiresAt() == null || key.expiresAt().isAfter(now)) {
                return new Valid(key);
            }
            verified.invalidate(digest);
            rejected.put(digest, Reason.EXPIRED);
            return new Rejected(Reason.EXPIRED);
        }
        Reason known = rejected.getIfPresent(digest);
        if (known != null) {
            return new Rejected(known);
        }
        // One verification per presented key at a time: concurrent first uses of a key share one bcrypt (and one
        // unit of the budgets) instead of each spending their own.
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> running = inFlight.putIfAbsent(digest, mine);
        if (running != null) {
            try {
                Outcome shared = running.get();
                if (shared instanceof Valid && verified.getIfPresent(digest) == null) {
                    // Evicted since that verification cached it, maybe after this request arrived: start again.
                    return verify(presented, clientAddress);
                }
                return shared;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Busy();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        try {
            Outcome outcome = verifyAgainstStore(parsed.get(), digest, clientAddress, now);
            mine.complete(outcome);
            return outcome;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(digest, mine);
        }
    }

    private Outcome verifyAgainstStore(KeyFormat.ParsedKey key, String digest, String address, Instant now) {
        String tag = KeyHash.tagOf(key.full());
        Paid paid = pay(key.lookupId(), address);
        // Spent budgets stop guessing, not the key's owner: a key whose tag matches its row's goes on to bcrypt.
        if (!paid.paid() && !tag.equals(tags.get(key.lookupId()))) {
            return throttled(paid.retryAfter());
        }
        long seen = evictions; // before the row is read
        List<OrganizationApiKey> candidates = keys.findByLookupId(platform.lookups(), key.lookupId());
        OrganizationApiKey row = candidates.isEmpty() ? null : candidates.getFirst();
        tags.put(key.lookupId(), tagOf(candidates));
        if (row != null && row.secretTag() != null && !row.secretTag().equals(tag)) {
            rejected.put(digest, Reason.INVALID); // surely wrong: no bcrypt, and the failure stays paid
            return INVALID;
        }
        String hash = row == null ? decoyHash : row.keyHash();
        Boolean matches = bcryptOffRequestThreads(key.full(), hash);
        if (matches == null) {
            paid.refund().run(); // not checked at all
            return new Busy();
        }
        if (!matches || row == null) {
            rejected.put(digest, Reason.INVALID);
            return INVALID;
        }
        // The secret was right: whatever follows is no guessing, so it costs no budget.
        paid.refund().run();
        for (int reads = 1; ; reads++) {
            if (row == null) {
                rejected.put(digest, Reason.INVALID);
                return INVALID;
            }
            if (row.revokedAt() != null) {
                rejected.put(digest, Reason.REVOKED);
                return new Rejected(Reason.REVOKED);
            }
            if (row.expiresAt() != null && !row.expiresAt().isAfter(now)) {
                rejected.put(digest, Reason.EXPIRED);
                return new Rejected(Reason.EXPIRED);
            }
            Cached cached = new Cached(toVerified(row), row.lookupId(), row.keyHash());
            if (cacheUnlessEvictedSince(seen, digest, cached)) {
                return new Valid(cached.key());
            }
            if (reads == MAX_ROW_READS) {
                return new Busy(); // changes keep coming: the client retries rather than get a stale answer
            }
            // A key changed since the row was read, maybe this one: read it again (the bcrypt still holds for it).
            seen = evictions;
            String matched = row.keyHash();
            row = keys.findByLookupId(platform.lookups(), row.lookupId()).stream()
                    .filter(r -> r.keyHash().equals(matched))
                    .findFirst()
                    .orElse(null);
        }
    }

    /**
     * Pays one failure from the client address's budget and the lookup id's, before the check: concurrent guesses
     * cannot all slip through while one is checked. A success pays them back.
     */
    private Paid pay(String lookupId, String address) {
        int perKey = settings.failedAttemptsPerKey();
        int perAddress = settings.failedAttemptsPerAddress();
        Duration window = settings.failedAttemptsWindow();
        String addressBudget = address == null ? null : "api-key-address:" + ClientAddress.group(address);
        String keyBudget = "api-key:" + lookupId;
        FailureBudgets.Payment byAddress =
                addressBudget == null ? null : budgets.pay(addressBudget, perAddress, window);
        if (byAddress != null && !byAddress.paid()) {
            return new Paid(false, byAddress.retryAfter(), () -> {});
        }
        FailureBudgets.Payment byKey = budgets.pay(keyBudget, perKey, window);
        Runnable refundAddress = () -> {
            if (addressBudget != null) {
                budgets.refund(addressBudget, perAddress, window);
            }
        };
        if (!byKey.paid()) {
            refundAddress.run();
            return new Paid(false, byKey.retryAfter(), () -> {});
        }
        return new Paid(true, Duration.ZERO, () -> {
            refundAddress.run();
            budgets.refund(keyBudget, perKey, window);
        });
    }

    /** What {@link #pay} did: whether both budgets had room (else when to retry), and how to pay it back. */
    private record Paid(boolean paid, Duration retryAfter, Runnable refund) {}

    private static String tagOf(List<OrganizationApiKey> rows) {
        return rows.isEmpty() || rows.getFirst().secretTag() == null
                ? ""
                : rows.getFirst().secretTag();
    }

    /**
     * Caches a freshly verified key unless a key was evicted since its row was read ({@code seen}): that row may
     * predate a revocation whose eviction has already run, and caching it would bring the revoked key back until the
     * next re-check. Under the lock evictions take, so an eviction either comes first and is seen here, or comes
     * after and removes this entry.
     */
    private boolean cacheUnlessEvictedSince(long seen, String digest, Cached cached) {
        evicting.lock();
        try {
            if (evictions != seen) {
                return false;
            }
            verified.put(digest, cached);
            return true;
        } finally {
            evicting.unlock();
        }
    }

    /**
     * bcrypt on a small pool of platform threads (half the cores), never on the request's virtual thread: a CPU-bound
     * virtual thread would hold its carrier, and a burst of wrong keys would stall every other request of the node.
     * Null when the queue is full.
     */
    private Boolean bcryptOffRequestThreads(String presented, String hash) {
        Future<Boolean> result;
        try {
            result = bcryptPool.submit(() -> bcrypt.matches(presented, hash));
        } catch (RejectedExecutionException e) {
            return null;
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            return null;
        } catch (ExecutionException e) {
            return false; // a malformed stored hash matches nothing
        }
    }

    /**
     * A bcrypt hash of a new key, with the configured cost, computed on the bcrypt threads (for the reason above); on
     * the calling thread when their queue is full.
     */
    KeyHash hash(String key) {
        return new KeyHash(bcrypt(key), KeyHash.tagOf(key));
    }

    private String bcrypt(String key) {
        try {
            return bcryptPool.submit(() -> bcrypt.encode(key)).get();
        } catch (RejectedExecutionException e) {
            return bcrypt.encode(key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing a key", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not hash a key", e.getCause());
        }
    }

    /**
     * Forgets every cached verification of the key (revoked, rolled, changed; on this node or another). A re-check
     * still running for it is discarded by Caffeine when the entry is removed, so it cannot put back what it read.
     */
    @EventListener
    void on(Change.ApiKey changed) {
        evicting.lock();
        try {
            evictions++;
            // By key: values().removeIf removes an entry only if it still holds the value the scan read, and a
            // re-check finishing meanwhile replaces it.
            verified.invalidateAll(verified.asMap().entrySet().stream()
                    .filter(e -> e.getValue().lookupId().equals(changed.lookupId()))
                    .map(Map.Entry::getKey)
                    .toList());
        } finally {
            evicting.unlock();
        }
    }

    /**
     * Change notifications may have been missed: every cached key is re-checked now, in the background (by id, no
     * bcrypt), and dropped if it was revoked, rolled or expired meanwhile. The cached verifications answer until their
     * re-check is done: this comes when the node's listening connection drops, often because the database is away,
     * when forgetting them would fail every request (and, once it is back, cost a bcrypt per key, seconds of CPU at
     * the production cost); and again when the connection is back, when the re-checks take moments. (A re-check
     * already running is not started again: should it have read its row before a missed change, the next interval's
     * re-check catches that.)
     */
    @EventListener
    void on(ChangesMissed missed) {
        evicting.lock();
        try {
            evictions++; // a verification whose row was read before this is not cached (see cacheUnlessEvictedSince)
            verified.refreshAll(verified.asMap().keySet());
        } finally {
            evicting.unlock();
        }
    }

    /** For tests and benchmarks: remembers a key as verified, as a successful bcrypt would. */
    void remember(String presented, VerifiedKey key, String lookupId, String keyHash) {
        verified.put(sha256(presented), new Cached(key, lookupId, keyHash));
    }

    long cachedCount() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private static Throttled throttled(Duration retryAfter) {
        long nanos = retryAfter.toNanos();
        return new Throttled(Duration.ofSeconds(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L)));
    }

    private static VerifiedKey toVerified(OrganizationApiKey row) {
        return new VerifiedKey(row.id(), row.organizationId(), row.livemode(), row.expiresAt());
    }

    static String sha256(String presented) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(presented.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Re-reads a cached key's row by id, without bcrypt: drops it when revoked, expired, replaced or gone. */
    private final class Recheck implements CacheLoader<String, Cached> {

        @Override
        public Cached load(String digest) {
            return null; // entries are only ever put after a bcrypt
        }

        /**
         * While the database is away the key stays as it was verified (stale while error): nothing can revoke it
         * meanwhile, and requests must not fail for want of a re-check. It is re-checked after the next interval,
         * or at once when a change (or a missed change) is announced.
         */
        @Override
        public Cached reload(String digest, Cached old) {
            return DatabaseFailures.readAgainOrKeep(() -> recheck(old), old);
        }

        /** The key as its row says now: null when revoked, rolled, expired or gone. */
        private Cached recheck(Cached old) {
            Optional<OrganizationApiKey> row =
                    keys.findById(platform.lookups(), old.key().keyId());
            Instant now = clock.instant();
            return row.filter(r -> r.keyHash().equals(old.keyHash()))
                    .filter(r -> r.revokedAt() == null)
                    .filter(r -> r.expiresAt() == null || r.expiresAt().isAfter(now))
                    .map(r -> new Cached(toVerified(r), r.lookupId(), r.keyHash()))
                    .orElse(null);
        }
    }
}
