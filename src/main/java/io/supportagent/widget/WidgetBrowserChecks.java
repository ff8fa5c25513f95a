package io.supportagent.widget;

import io.supportagent.platform.web.ProblemWriter;
import io.supportagent.tenancy.WidgetSightings;
import jakarta.servlet.Filter;
import org.springframework.stereotype.Component;

/**
 * The widget API's checks of the browser page a request comes from, as filters for the widget's security chain:
 * one before authentication (CORS preflights, which carry no key) and one after it (the key's own store must allow
 * the page's origin). They are not servlet filters of their own: they run only where the chain puts them.
 */
@Component
public final class WidgetBrowserChecks {

    private final WidgetOrigins origins;
    private final ProblemWriter problems;
    private final WidgetSightings sightings;

    WidgetBrowserChecks(WidgetOrigins origins, ProblemWriter problems, WidgetSightings sightings) {
        this.origins = origins;
        this.problems = problems;
        this.sightings = sightings;
    }

    /** Answers CORS preflights and makes error answers readable by allowed pages; before authentication. */
    public Filter beforeAuthentication() {
        return new WidgetCorsFilter(origins, problems);
    }

    /**
     * Requires the widget key's own store to allow the page's origin, and notes the store's widget as seen there;
     * after authentication.
     */
    public Filter afterAuthentication() {
        return new WidgetStoreOriginFilter(origins, problems, sightings);
    }
}
