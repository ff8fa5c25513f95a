package io.supportagent.platform.web;

import io.supportagent.platform.Caller;
import io.supportagent.platform.CallerAuthentication;
import io.supportagent.platform.Unauthenticated;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets controllers declare the verified {@link Caller} (or one of its kinds) as a parameter. A handler reached
 * without that kind of caller answers 401: the handler itself requires its caller, whatever the chain in front of it
 * let through.
 */
@Configuration(proxyBeanMethods = false)
class CallerArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.isAssignableFrom(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mav,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Class<?> wanted = parameter.getParameterType();
        return CallerAuthentication.current()
                .filter(wanted::isInstance)
                .orElseThrow(() -> new Unauthenticated(
                        "unauthenticated", "This route needs other credentials than the request presented.", "Bearer"));
    }
}
