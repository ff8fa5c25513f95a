package io.supportagent.conversations;

import io.supportagent.platform.ConversationId;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.TenantContext;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which changes of the inbox alert which member (a desktop notification and a sound), and each member's own mutes.
 * A member is alerted only by what concerns them: a hand-off that nobody has taken yet, and a shopper's new message in
 * a conversation assigned to them; never by what a teammate took, and never from a store they muted or while they
 * muted every alert. The page's stream says only that something changed; the page asks here whether to alert.
 */
@Service
public class InboxAlerts {

    static final int BODY = 140;

    private final AlertPreferences preferences;
    private final Conversations conversations;
    private final ConversationService service;

    InboxAlerts(AlertPreferences preferences, Conversations conversations, ConversationService service) {
        this.preferences = preferences;
        this.conversations = conversations;
        this.service = service;
    }

    /** {@code me}'s settings in the organization in context. */
    @MemberAccess.Support
    @Transactional(readOnly = true)
    public AlertSettings settings(Teammate me) {
        return preferences.of(TenantContext.require().organizationId(), me.accountId());
    }

    /** Mutes (or turns back on) every alert of {@code me} in the organization in context, in both modes. */
    @MemberAccess.Support
    @Transactional
    public AlertSettings mute(Teammate me, boolean muted) {
        Tenant tenant = TenantContext.require();
        preferences.mute(tenant.organizationId(), me.accountId(), muted);
        return preferences.of(tenant.organizationId(), me.accountId());
    }

    /** The stores whose conversations never alert {@code me} become {@code stores}; another's store answers 404. */
    @MemberAccess.Support
    @Transactional
    public AlertSettings muteStores(Teammate me, Set<StoreId> stores) {
        Tenant tenant = TenantContext.require();
        try {
            preferences.muteStores(tenant.organizationId(), me.accountId(), stores);
        } catch (DataIntegrityViolationException unknownStore) {
            throw new NotFound("store", "among those chosen");
        }
        return preferences.of(tenant.organizationId(), me.accountId());
    }

    /**
     * The alert {@code me} gets for a change of a conversation ({@code what}: {@code handed_off} or {@code message},
     * as the inbox's stream says), or none: a hand-off alerts while the conversation waits unassigned; a message
     * alerts when the conversation is {@code me}'s and has a shopper message {@code me} was not shown yet. 404 for a
     * conversation of another organization or mode, 400 for another {@code what}.
     */
    @MemberAccess.Support
    @Transactional(readOnly = true)
    public Optional<InboxAlert> alert(Teammate me, ConversationId id, String what) {
        boolean handOff = "handed_off".equals(what);
        if (!handOff && !"message".equals(what)) {
            throw new InvalidRequest(
                    "Alerts are for hand-offs and shopper messages.", Map.of("what", "handed_off or message"));
        }
        Conversation conversation = service.conversation(id); // 404 for another tenant's or mode's
        Tenant tenant = TenantContext.require();
        if (preferences.of(tenant.organizationId(), me.accountId()).mutes(conversation.storeId())) {
            return Optional.empty();
        }
        Optional<InboxItem> waiting =
                conversations.waitingOne(tenant.organizationId(), tenant.livemode(), me.accountId(), id);
        if (handOff) {
            return waiting.filter(item -> item.conversation().assignee() == null)
                    .map(item -> new InboxAlert(
                            id,
                            "A shopper is waiting for a person",
                            item.lastCustomerMessage() == null
                                    ? "A conversation was handed off to your team."
                                    : shopper(item.conversation()) + ": " + abbreviated(item.lastCustomerMessage()),
                            "handoff-" + id));
        }
        return waiting.filter(item -> item.conversation().assignee() != null
                        && item.conversation().assignee().accountId().equals(me.accountId())
                        && item.unread()
                        && item.lastCustomerMessage() != null)
                .map(item -> new InboxAlert(
                        id,
                        shopper(item.conversation()) + " wrote to you",
                        abbreviated(item.lastCustomerMessage()),
                        "message-" + id + "-" + item.lastCustomerMessageAt().toEpochMilli()));
    }

    private static String shopper(Conversation c) {
        if (c.customerName() != null && !c.customerName().isBlank()) {
            return c.customerName();
        }
        return c.customerEmail() != null ? c.customerEmail() : "The shopper";
    }

    private static String abbreviated(String text) {
        String one = text.strip().replaceAll("\\s+", " ");
        return one.codePointCount(0, one.length()) <= BODY
                ? one
                : one.substring(0, one.offsetByCodePoints(0, BODY - 1)) + "…";
    }
}
