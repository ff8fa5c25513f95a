package io.supportagent.tenancy;

import io.supportagent.platform.Caller;
import io.supportagent.platform.InvalidRequest;
import io.supportagent.platform.OperatorOnly;
import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.CleanText;
import io.supportagent.platform.web.Pagination;
import io.supportagent.platform.web.RequestExample;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The operator's view of organizations: {@code GET /platform/v1/organizations} (cursor pagination),
 * {@code GET/PATCH /platform/v1/organizations/{id}}. Creating one also issues its first keys, so that lives with the
 * keys (apikeys module). Crossing tenants is this API's purpose; it runs as the platform role.
 */
@RestController
@OperatorOnly
@Tag(name = ApiTags.ORGANIZATIONS)
class PlatformOrganizationController {

    private static final Set<String> PATCHABLE =
            Set.of("name", "tier", "status", "custom_pricing", "usage_cap", "billing_timezone");

    private final TenancyService tenancy;
    private final ObjectMapper json;
    private final Validator validator;

    PlatformOrganizationController(TenancyService tenancy, ObjectMapper json, Validator validator) {
        this.tenancy = tenancy;
        this.json = json;
        this.validator = validator;
    }

    record OrganizationList(String object, List<OrganizationDetails> data, boolean hasMore) {}

    /** What a PATCH may send, for the API description (the handler reads the JSON itself, for merge-patch nulls). */
    @Schema(name = "OrganizationPatch")
    record OrganizationPatch(
            @Schema(minLength = 1, maxLength = 200, pattern = CleanText.NOT_BLANK_SCHEMA)
            String name,

            @Schema(allowableValues = {"basic", "pro", "enterprise"})
            String tier,

            @Schema(allowableValues = {"active", "suspended"})
            String status,

            @Schema(
                    types = {"object", "null"},
                    implementation = CustomPricing.class)
            CustomPricing customPricing,

            @Schema(
                    types = {"integer", "null"},
                    minimum = "1")
            Integer usageCap,

            @Schema(
                    ref = "#/components/schemas/TimeZone",
                    description = "An IANA time zone, such as Europe/Berlin: its calendar months are the billing"
                            + " periods.")
            String billingTimezone) {}

    @Operation(
            operationId = "listOrganizations",
            summary = "List organizations (operator)",
            description = "Every organization, newest first, a page at a time.")
    @GetMapping("/platform/v1/organizations")
    OrganizationList list(
            Caller.Operator operator,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        OrganizationId after = Pagination.id("starting_after", startingAfter, OrganizationId::new);
        List<Organization> page = tenancy.listOrganizationsPage(limit, after);
        boolean more = page.size() > limit;
        List<OrganizationDetails> data =
                page.stream().limit(limit).map(OrganizationDetails::of).toList();
        return new OrganizationList("list", data, more);
    }

    @Operation(
            operationId = "getPlatformOrganization",
            summary = "Get an organization (operator)",
            description = "Any organization, with its custom pricing.")
    @GetMapping("/platform/v1/organizations/{id}")
    OrganizationDetails get(Caller.Operator operator, @PathVariable String id) {
        OrganizationId org = OrganizationId.parse(id);
        return tenancy.findOrganization(org)
                .map(OrganizationDetails::of)
                .orElseThrow(() -> new io.supportagent.platform.NotFound("organization", org));
    }

    /** JSON merge-patch semantics: absent fields stay, {@code null} clears the optional ones. */
    @Operation(
            operationId = "updateOrganization",
            summary = "Update an organization (operator)",
            description = "JSON merge patch: fields left out stay as they are; `null` clears `custom_pricing` or"
                    + " `usage_cap`. A tier change applies from the day it happens (the month is prorated by day);"
                    + " `status: suspended` stops the organization's keys and widgets at once, on every node.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = OrganizationPatch.class))))
    @RequestExample(value = """
            {"tier": "enterprise", "custom_pricing": {"base_fee_cents": 250000, "overage_unit_price": "0.015"},
             "usage_cap": 500000}""", summary = "Move to enterprise with custom pricing")
    @PatchMapping("/platform/v1/organizations/{id}")
    OrganizationDetails patch(Caller.Operator operator, @PathVariable String id, @RequestBody JsonNode body) {
        OrganizationId org = OrganizationId.parse(id);
        if (body == null || !body.isObject()) {
            throw new InvalidRequest("The body must be a JSON object.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (String field : body.propertyNames()) {
            if (!PATCHABLE.contains(field)) {
                errors.put(field, "unknown field");
            }
        }
        String name = text(body, "name", errors, false);
        String tierCode = text(body, "tier", errors, false);
        Tier tier = null;
        if (tierCode != null) {
            try {
                tier = Tier.of(tierCode);
            } catch (IllegalArgumentException e) {
                errors.put("tier", "must be one of basic, pro, enterprise");
            }
        }
        String status = text(body, "status", errors, false);
        String zone = text(body, "billing_timezone", errors, false);
        boolean clearCap = body.has("usage_cap") && body.get("usage_cap").isNull();
        Integer cap = null;
        if (body.has("usage_cap") && !clearCap) {
            JsonNode node = body.get("usage_cap");
            if (node.isIntegralNumber() && node.canConvertToInt()) {
                cap = node.intValue();
            } else {
                errors.put("usage_cap", "must be a whole number or null");
            }
        }
        boolean clearPricing =
                body.has("custom_pricing") && body.get("custom_pricing").isNull();
        CustomPricing pricing = null;
        if (body.has("custom_pricing") && !clearPricing) {
            pricing = pricing(body.get("custom_pricing"), errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest("The request has invalid fields.", errors);
        }
        Organization updated = tenancy.updateOrganization(
                org, new OrganizationChanges(name, tier, status, pricing, clearPricing, cap, clearCap, zone));
        return OrganizationDetails.of(updated);
    }

    private CustomPricing pricing(JsonNode node, Map<String, String> errors) {
        if (!node.isObject()) {
            errors.put("custom_pricing", "must be an object or null");
            return null;
        }
        CustomPricing pricing;
        try {
            pricing = json.treeToValue(node, CustomPricing.class);
        } catch (RuntimeException e) {
            String field = e instanceof tools.jackson.databind.DatabindException d
                            && !d.getPath().isEmpty()
                    ? d.getPath().getLast().getPropertyName()
                    : null;
            errors.put(field == null ? "custom_pricing" : "custom_pricing." + field, "invalid value");
            return null;
        }
        for (ConstraintViolation<CustomPricing> violation : validator.validate(pricing)) {
            errors.putIfAbsent(
                    "custom_pricing." + snakeCase(violation.getPropertyPath().toString()), violation.getMessage());
        }
        return pricing;
    }

    private static String text(JsonNode body, String field, Map<String, String> errors, boolean nullable) {
        if (!body.has(field)) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!node.isString()) {
            errors.put(field, "must be a string");
            return null;
        }
        return node.asString();
    }

    private static String snakeCase(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
