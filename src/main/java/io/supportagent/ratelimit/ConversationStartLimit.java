package io.supportagent.ratelimit;

import io.supportagent.platform.Caller;
import io.supportagent.platform.web.ClientAddress;
import org.springframework.stereotype.Component;

/**
 * The widget's conversation starts have a low limit of their own per widget key and client (IPv6 by /64): the widget
 * key is public, every start is billed, and a shopper starts a conversation or two, not dozens.
 */
@Component
public class ConversationStartLimit {

    private final RateLimitSettings settings;
    private final Buckets buckets;
    private final Limits limits;

    ConversationStartLimit(RateLimitSettings settings, Buckets buckets, Limits limits) {
        this.settings = settings;
        this.buckets = buckets;
        this.limits = limits;
    }

    /** Takes one start from the client's allowance, or refuses with 429 {@code rate_limited}. */
    public void take(Caller.Widget caller, String clientAddress) {
        if (!settings.enabled()) {
            return;
        }
        Decision decision = buckets.consume(
                "widget-start:" + caller.agentInstanceId() + ":" + ClientAddress.group(clientAddress),
                limits.widgetStart());
        if (!decision.allowed()) {
            throw new RateLimitFilter.RateLimited(decision);
        }
    }
}
