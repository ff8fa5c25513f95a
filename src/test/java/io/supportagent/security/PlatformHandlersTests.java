package io.supportagent.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.platform.OperatorOnly;
import io.supportagent.platform.OperatorStaffOnly;
import io.supportagent.platform.OrganizationId;
import io.supportagent.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every platform API handler requires the operator itself, and every operator console page operator staff, by method
 * security on the handler: no other way of reaching it (a chain that let a request through by mistake, a call from
 * elsewhere in the code) can skip the check, and neither credential opens the other's handlers.
 */
@IntegrationTest
class PlatformHandlersTests {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    ApplicationContext context;

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private List<HandlerMethod> platformHandlers() {
        return handlersUnder("/platform/v1/");
    }

    private List<HandlerMethod> handlersUnder(String prefix) {
        List<HandlerMethod> handlers = new ArrayList<>();
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            if (info.getPatternValues().stream().anyMatch(p -> p.startsWith(prefix))) {
                handlers.add(entry.getValue());
            }
        }
        return handlers;
    }

    @Test
    void everyPlatformHandlerIsForTheOperatorOnly() {
        List<HandlerMethod> handlers = platformHandlers();

        assertThat(handlers).hasSizeGreaterThanOrEqualTo(7);
        for (HandlerMethod handler : handlers) {
            boolean guarded = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), OperatorOnly.class)
                    || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), OperatorOnly.class);
            assertThat(guarded).as(handler.toString()).isTrue();
        }
    }

    @Test
    void everyOperatorConsolePageIsForOperatorStaffOnlyAndNoneForTheOperatorToken() {
        List<HandlerMethod> handlers = handlersUnder("/platform").stream()
                .filter(h -> !platformHandlers().contains(h))
                .toList();

        assertThat(handlers).hasSizeGreaterThanOrEqualTo(12);
        for (HandlerMethod handler : handlers) {
            boolean staff = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), OperatorStaffOnly.class)
                    || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), OperatorStaffOnly.class);
            boolean token = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), OperatorOnly.class)
                    || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), OperatorOnly.class);
            assertThat(staff).as(handler.toString()).isTrue();
            assertThat(token).as(handler.toString()).isFalse();
        }
    }

    @Test
    void anOperatorConsolePageCalledByTheOperatorTokenOrAMemberRefuses() throws Exception {
        HandlerMethod organizations = handlersUnder("/platform/organizations").stream()
                .filter(h -> h.getMethod().getName().equals("organization"))
                .findFirst()
                .orElseThrow();
        Object controller = context.getBean(organizations.getBeanType());
        var method = organizations.getMethod();
        method.setAccessible(true);
        Object[] arguments = {UUID.randomUUID().toString(), null};

        SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(new Caller.Operator()));
        assertThatThrownBy(() -> invoke(method, controller, arguments)).isInstanceOf(AccessDeniedException.class);
        SecurityContextHolder.getContext()
                .setAuthentication(new CallerAuthentication(new Caller.Member(
                        new io.supportagent.platform.AccountId(UUID.randomUUID()),
                        new OrganizationId(UUID.randomUUID()),
                        true,
                        io.supportagent.platform.MemberRole.OWNER)));
        assertThatThrownBy(() -> invoke(method, controller, arguments)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aPlatformHandlerCalledWithoutTheOperatorRefusesWhoeverCalls() throws Exception {
        HandlerMethod listOrganizations = platformHandlers().stream()
                .filter(h -> h.getMethod().getName().equals("list")
                        && h.getBeanType().getSimpleName().equals("PlatformOrganizationController"))
                .findFirst()
                .orElseThrow();
        Object controller = context.getBean(listOrganizations.getBeanType());
        var method = listOrganizations.getMethod();
        method.setAccessible(true);
        Object[] arguments = new Object[method.getParameterCount()];
        for (int i = 0; i < arguments.length; i++) {
            Class<?> type = method.getParameterTypes()[i];
            arguments[i] = type == int.class ? 10 : type == boolean.class ? false : null;
        }

        assertThatThrownBy(() -> invoke(method, controller, arguments))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);

        SecurityContextHolder.getContext()
                .setAuthentication(new CallerAuthentication(
                        new Caller.SecretKey(new OrganizationId(UUID.randomUUID()), true, null)));
        assertThatThrownBy(() -> invoke(method, controller, arguments)).isInstanceOf(AccessDeniedException.class);

        // Operator staff (the console's people) are not the operator token's machines.
        SecurityContextHolder.getContext()
                .setAuthentication(new CallerAuthentication(new Caller.OperatorStaff(
                        new io.supportagent.platform.AccountId(UUID.randomUUID()), "staff@platform.example")));
        assertThatThrownBy(() -> invoke(method, controller, arguments)).isInstanceOf(AccessDeniedException.class);
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
