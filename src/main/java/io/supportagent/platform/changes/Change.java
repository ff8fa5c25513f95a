package io.supportagent.platform.changes;

import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import java.util.Optional;
import java.util.UUID;

/**
 * Something that nodes cache changed. Published as an application event on every node, the one that made the change
 * included, so that each module's cache forgets it there. The payloads are what travels between nodes (PostgreSQL
 * {@code NOTIFY}, written by the database triggers, or Redis): ids only, nothing secret.
 */
public sealed interface Change {

    /** The text that travels between nodes. */
    String payload();

    /** An API key was revoked, rolled or changed. Its payload is the bare lookup id, as the first trigger wrote it. */
    record ApiKey(String lookupId) implements Change {
        @Override
        public String payload() {
            return lookupId;
        }
    }

    /** An organization changed (name, tier, status, pricing, cap, time zone). */
    record Organization(OrganizationId id) implements Change {
        @Override
        public String payload() {
            return "org:" + id;
        }
    }

    /** A store was created, deleted or given other widget origins. */
    record Store(OrganizationId organization, StoreId store) implements Change {
        @Override
        public String payload() {
            return "store:" + organization + ":" + store;
        }
    }

    /** An agent instance was changed (status, configuration, pinned version) or deleted. */
    record AgentInstance(OrganizationId organization, AgentInstanceId instance) implements Change {
        @Override
        public String payload() {
            return "instance:" + organization + ":" + instance;
        }
    }

    /** A store's knowledge articles were added, changed or deleted: its search index is rebuilt from the database. */
    record Knowledge(OrganizationId organization, StoreId store) implements Change {
        @Override
        public String payload() {
            return "knowledge:" + organization + ":" + store;
        }
    }

    /**
     * Something happened in a conversation that people may be watching (the inbox, the shopper's open widget): it
     * was handed off, assigned, resolved, handed back, rated, or got a message. Nothing is cached for it; it is
     * {@link ChangeNotifications#broadcast broadcast} so that every node's open streams hear of it.
     *
     * @param what {@code handed_off}, {@code assigned}, {@code resolved}, {@code handed_back}, {@code rated},
     *     {@code message} or {@code note}
     */
    record Conversation(OrganizationId organization, ConversationId conversation, boolean livemode, String what)
            implements Change {
        @Override
        public String payload() {
            return "conversation:" + organization + ":" + conversation + ":" + (livemode ? "live" : "test") + ":"
                    + what;
        }
    }

    /**
     * A member of the organization has a conversation open in the inbox ({@code viewing}), is writing a note
     * ({@code note}) or a reply to the shopper ({@code reply}, {@code reply_assignee} when they are its assignee), or
     * left it ({@code left}). Nothing is stored: each node keeps who is where for a few seconds, and it is
     * {@link ChangeNotifications#signal signalled} to every node.
     */
    record Presence(
            OrganizationId organization,
            ConversationId conversation,
            boolean livemode,
            io.supportagent.platform.AccountId account,
            String state)
            implements Change {
        @Override
        public String payload() {
            return "presence:" + organization + ":" + conversation + ":" + (livemode ? "live" : "test") + ":"
                    + account.value() + ":" + state;
        }
    }

    /** An organization's webhook endpoints were added, changed or deleted. */
    record WebhookEndpoints(OrganizationId organization) implements Change {
        @Override
        public String payload() {
            return "webhooks:" + organization;
        }
    }

    private static String what(String text) {
        if (!text.matches("[a-z_]{1,32}")) {
            throw new IllegalArgumentException(text);
        }
        return text;
    }

    /** A mode as a change's text writes it ({@code live} or {@code test}). */
    private static boolean livemode(String mode) {
        return switch (mode) {
            case "live" -> true;
            case "test" -> false;
            default -> throw new IllegalArgumentException(mode);
        };
    }

    /** The change a payload describes; empty for one this version does not know or cannot read. */
    static Optional<Change> parse(String payload) {
        if (payload == null || payload.isEmpty()) {
            return Optional.empty();
        }
        try {
            int colon = payload.indexOf(':');
            String kind = colon < 0 ? "" : payload.substring(0, colon);
            String[] ids = payload.substring(colon + 1).split(":");
            return Optional.of(
                    switch (kind) {
                        case "" -> new ApiKey(payload);
                        case "org" -> new Organization(new OrganizationId(UUID.fromString(ids[0])));
                        case "store" ->
                            new Store(
                                    new OrganizationId(UUID.fromString(ids[0])), new StoreId(UUID.fromString(ids[1])));
                        case "knowledge" ->
                            new Knowledge(
                                    new OrganizationId(UUID.fromString(ids[0])), new StoreId(UUID.fromString(ids[1])));
                        case "instance" ->
                            new AgentInstance(
                                    new OrganizationId(UUID.fromString(ids[0])),
                                    new AgentInstanceId(UUID.fromString(ids[1])));
                        case "webhooks" -> new WebhookEndpoints(new OrganizationId(UUID.fromString(ids[0])));
                        case "conversation" ->
                            new Conversation(
                                    new OrganizationId(UUID.fromString(ids[0])),
                                    new ConversationId(UUID.fromString(ids[1])),
                                    livemode(ids[2]),
                                    what(ids[3]));
                        case "presence" ->
                            new Presence(
                                    new OrganizationId(UUID.fromString(ids[0])),
                                    new ConversationId(UUID.fromString(ids[1])),
                                    livemode(ids[2]),
                                    new io.supportagent.platform.AccountId(UUID.fromString(ids[3])),
                                    what(ids[4]));
                        default -> throw new IllegalArgumentException(kind);
                    });
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
