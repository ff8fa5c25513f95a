package io.supportagent.members;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** Absolute links into the dashboard for mail, from the public base URL ({@code SUPPORT_AGENT_BASE_URL}). */
@Component
class Links {

    private final String configured;
    private final Environment environment;

    Links(@Value("${support-agent.base-url}") String configured, Environment environment) {
        this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        this.environment = environment;
    }

    String invitation(String token) {
        return base() + "/invitations/accept?token=" + token;
    }

    String passwordReset(String token) {
        return base() + "/password-reset/confirm?token=" + token;
    }

    String signIn() {
        return base() + "/login";
    }

    /** With PORT=0 (a random port) the configured URL ends in ":0"; links need the real one. */
    private String base() {
        String port = environment.getProperty("local.server.port");
        if (port != null && configured.endsWith(":0")) {
            return UriComponentsBuilder.fromUriString(configured)
                    .port(Integer.parseInt(port))
                    .build()
                    .toUriString();
        }
        return configured;
    }
}
