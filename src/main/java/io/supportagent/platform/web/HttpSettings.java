package io.supportagent.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** @param maxBodySize the largest request body any endpoint accepts; larger ones answer 413 {@code payload_too_large} */
@Validated
@ConfigurationProperties("support-agent.http")
public record HttpSettings(@DefaultValue("64KB") DataSize maxBodySize) {}
