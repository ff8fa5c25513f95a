package io.supportagent.platform.web;

/** Patterns the API description gives text that the handlers parse (ECMA-262, as JSON Schema reads them). */
public final class SchemaPatterns {

    /** An id: 32 hexadecimal digits in the 8-4-4-4-12 groups of a UUID. */
    public static final String ID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /** A billing period, YYYY-MM, in the years the platform bills (2000 to 9999, see BillingPeriod). */
    public static final String MONTH = "^(?:2[0-9]{3}|[3-9][0-9]{3})-(?:0[1-9]|1[0-2])$";

    private SchemaPatterns() {}
}
