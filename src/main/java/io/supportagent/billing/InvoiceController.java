package io.supportagent.billing;

import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.web.ApiTags;
import io.supportagent.platform.web.Csv;
import io.supportagent.platform.web.ListPage;
import io.supportagent.platform.web.Pagination;
import io.supportagent.usage.BillingPeriod;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.YearMonth;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/invoices}: the organization's finalized invoices and the running month's preview. */
@RestController
@Tag(name = ApiTags.BILLING)
class InvoiceController {

    private final BillingService billing;

    InvoiceController(BillingService billing) {
        this.billing = billing;
    }

    @Operation(
            operationId = "listInvoices",
            summary = "List invoices",
            description = "The organization's finalized invoices, newest first.")
    @GetMapping("/v1/invoices")
    ListPage<InvoiceView> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        int size = Pagination.limit(limit);
        UUID after = Pagination.id("starting_after", startingAfter, Function.identity());
        return ListPage.of(
                billing.invoices(size + 1, after).stream().map(InvoiceView::of).toList(), size, "/v1/invoices");
    }

    @Operation(
            operationId = "getUpcomingInvoice",
            summary = "Preview the running month's invoice",
            description = "The invoice of the running month so far, computed now and never stored (no id).")
    @GetMapping("/v1/invoices/upcoming")
    InvoiceView upcoming() {
        return InvoiceView.of(billing.upcoming());
    }

    /** JSON, or CSV when the client asks for {@code text/csv}. */
    @Operation(
            operationId = "getInvoice",
            summary = "Get a month's invoice",
            description = "The finalized invoice of a period (`2026-11`), as JSON or, with `Accept: text/csv`, as CSV"
                    + " (one row per line and a total row).",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The invoice",
                            content = {
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = InvoiceView.class)),
                                @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
                            }))
    @GetMapping("/v1/invoices/{period}")
    ResponseEntity<?> invoice(
            @Parameter(
                            description = "The month, as YYYY-MM",
                            example = "2026-11",
                            schema =
                                    @io.swagger.v3.oas.annotations.media.Schema(
                                            pattern = io.supportagent.platform.web.SchemaPatterns.MONTH))
                    @PathVariable
                    String period,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        YearMonth month;
        try {
            month = BillingPeriod.parseMonth(period, "period");
        } catch (ApiProblem notAMonth) {
            throw new NotFound("invoice for period", period);
        }
        Invoice invoice = billing.invoice(month);
        if (Csv.preferred(accept)) {
            return ResponseEntity.ok()
                    .contentType(Csv.TEXT_CSV)
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            "attachment; filename=\"invoice-" + invoice.period() + ".csv\"")
                    .body(InvoiceView.csv(invoice));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(InvoiceView.of(invoice));
    }
}
