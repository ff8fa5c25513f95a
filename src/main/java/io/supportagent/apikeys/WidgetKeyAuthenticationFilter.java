package io.supportagent.apikeys;

import io.supportagent.agents.AgentInstance;
import io.supportagent.agents.AgentService;
import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.Forbidden;
import io.supportagent.platform.KeyFormat;
import io.supportagent.platform.TenantContext;
import io.supportagent.platform.Unauthenticated;
import io.supportagent.platform.web.ProblemWriter;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the widget API ({@code /widget/v1/**}): {@code X-Widget-Key: pk_widget_…} opens one agent instance, in
 * live mode. CORS preflights pass, as browsers send them without the key.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class WidgetKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Widget-Key";
    static final String SCHEME = "WidgetKey";

    private final AgentService agents;
    private final TenancyService tenancy;
    private final ProblemWriter problems;

    WidgetKeyAuthenticationFilter(AgentService agents, TenancyService tenancy, ProblemWriter problems) {
        this.agents = agents;
        this.tenancy = tenancy;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/widget/v1/") || "OPTIONS".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller.Widget caller;
        try {
            caller = authenticate(request.getHeader(HEADER));
        } catch (ApiProblem problem) {
            problems.write(response, problem);
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        TenantContext.set(caller.tenant());
        try {
            chain.doFilter(request, response);
        } finally {
            TenantContext.clear();
        }
    }

    private Caller.Widget authenticate(String presented) {
        if (presented == null || presented.isBlank()) {
            throw new Unauthenticated(
                    "missing_widget_key", "Send the widget key as 'X-Widget-Key: pk_widget_…'.", SCHEME);
        }
        Optional<KeyFormat.ParsedKey> parsed = KeyFormat.parse(presented.strip());
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
