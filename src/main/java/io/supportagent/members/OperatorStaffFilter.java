package io.supportagent.members;

import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides, for each operator console request ({@code /platform} and below, but never the platform API, whose chain is
 * its own), whether the signed-in person acts as operator staff: while their account is staff (read on every
 * request, so a removal counts at once), the request's caller is a {@link Caller.OperatorStaff}. Anyone else signed
 * in gets 404, as an organization's pages answer a person who is not its member: the console does not tell that it
 * exists. The caller lives in this request's security context only; the session keeps the person ({@link SignedIn}).
 */
final class OperatorStaffFilter extends OncePerRequestFilter {

    static final String CONSOLE = "/platform";

    private final OperatorStaffService staff;

    OperatorStaffFilter(OperatorStaffService staff) {
        this.staff = staff;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !(path.equals(CONSOLE) || path.startsWith(CONSOLE + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<SignedIn> person = SignedIn.current();
        if (person.isEmpty()) {
            chain.doFilter(request, response); // authorization sends the browser to the sign-in page
            return;
        }
        if (!staff.isStaff(person.get().accountId())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        CallerAuthentication authentication = new CallerAuthentication(
                new Caller.OperatorStaff(person.get().accountId(), person.get().email()));
        authentication.setDetails(person.get());
        SecurityContext original = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.setContext(original);
        }
    }

    private static String path(HttpServletRequest request) {
        String path = request.getServletPath();
        return request.getPathInfo() == null ? path : path + request.getPathInfo();
    }
}
