package io.supportagent.platform.web;

/**
 * The OpenAPI tags, one per module that serves routes (a generated client has one API class per tag). Controllers tag
 * their operations with these names; {@link OpenApiConfiguration} describes each.
 */
public final class ApiTags {

    public static final String ORGANIZATIONS = "Organizations";
    public static final String STORES = "Stores";
    public static final String API_KEYS = "API keys";
    public static final String AGENTS = "Agents";
    public static final String CONVERSATIONS = "Conversations";
    public static final String KNOWLEDGE = "Knowledge";
    public static final String USAGE = "Usage";
    public static final String BILLING = "Billing";
    public static final String WEBHOOKS = "Webhooks";
    public static final String WIDGET = "Widget";
    public static final String AUDIT = "Audit log";

    private ApiTags() {}
}
