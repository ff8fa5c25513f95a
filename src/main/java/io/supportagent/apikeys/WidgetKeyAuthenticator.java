package io.supportagent.apikeys;

import io.supportagent.agents.AgentInstance;
import io.supportagent.agents.AgentService;
import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.platform.CallerAuthenticator;
import io.supportagent.platform.CallerRefused;
import io.supportagent.platform.Forbidden;
import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.PresentedCredential;
import io.supportagent.platform.ServiceUnavailable;
import io.supportagent.platform.Unauthenticated;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Authenticates the widget API: {@code X-Widget-Key: pk_widget_…} opens one active agent instance of an active
 * organization, in live mode ({@link Caller.Widget}). Refusals: 401 {@code missing_widget_key},
 * {@code invalid_widget_key}; 403 {@code widget_key_required} (a secret key, which must never be in a browser),
 * {@code agent_paused}, {@code organization_suspended}.
 */
@Component
public final class WidgetKeyAuthenticator implements CallerAuthenticator {

    public static final String HEADER = "X-Widget-Key";
    static final String SCHEME = "WidgetKey";

    private static final Logger log = LoggerFactory.getLogger(WidgetKeyAuthenticator.class);

    private final AgentService agents;
    private final TenancyService tenancy;

    WidgetKeyAuthenticator(AgentService agents, TenancyService tenancy) {
        this.agents = agents;
        this.tenancy = tenancy;
    }

    @Override
    public PresentedCredential convert(HttpServletRequest request) {
        String presented = request.getHeader(HEADER);
        return presented == null || presented.isBlank()
                ? null
                : new PresentedCredential(presented.strip(), request.getRemoteAddr());
    }

    @Override
    public ApiProblem missingCredentials() {
        return new Unauthenticated("missing_widget_key", "Send the widget key as 'X-Widget-Key: pk_widget_…'.", SCHEME);
    }

    @Override
    public CallerAuthentication authenticate(Authentication authentication) {
        try {
            return new CallerAuthentication(verify(((PresentedCredential) authentication).value()));
        } catch (ApiProblem problem) {
            throw new CallerRefused(problem);
        } catch (RuntimeException e) {
            log.warn("Could not verify a widget key: {}", e.getClass().getSimpleName());
            throw new CallerRefused(new ServiceUnavailable());
        }
    }

    private Caller.Widget verify(String presented) {
        Optional<KeyFormat.ParsedKey> parsed = KeyFormat.parse(presented);
        if (parsed.isPresent() && parsed.get().type() != KeyFormat.Type.WIDGET) {
            throw new Forbidden(
                    "widget_key_required",
                    "Secret keys must never be used in a browser; the widget API takes a pk_widget_ key.");
        }
        AgentInstance instance = parsed.flatMap(k -> agents.resolveWidgetKey(k.full()))
                .orElseThrow(() -> new Unauthenticated("invalid_widget_key", "The widget key is invalid.", SCHEME));
        if (!"active".equals(instance.status())) {
            throw new Forbidden("agent_paused", "This assistant is paused.");
        }
        // A suspended organization's assistants stop too, as its secret keys do (no database work: the snapshot).
        if (!tenancy.organizationSnapshot(instance.organizationId())
                .map(Organization::active)
                .orElse(false)) {
            throw new Forbidden("organization_suspended", "This assistant is not available.");
        }
        return new Caller.Widget(instance.organizationId(), instance.id(), instance.storeId());
    }
}
