package io.supportagent.dashboard;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * The dashboard's browser assets, all served by the application (no CDN, no Node build): its own stylesheet and
 * script under {@code /assets/}, htmx and uPlot from their webjars under {@code /webjars/} (versionless paths, which
 * the webjars locator resolves). Static resources are otherwise off ({@code spring.web.resources.add-mappings}).
 */
@Configuration(proxyBeanMethods = false)
class AssetResources implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic());
        registry.addResourceHandler("/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
    }
}
