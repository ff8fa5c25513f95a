package io.supportagent.billing;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Finalized invoices. Tenants read their own through the request pool; billing runs write and the operator lists
 * across tenants through the platform role. Nobody updates or deletes them (the schema grants no one that).
 */
@Repository
class Invoices {

    static final String COLUMNS =
            "id, number, organization_id, period, period_start, period_end, billing_timezone, tier,"
                    + " currency, conversations, included_conversations, overage_conversations, total_cents, status,"
                    + " finalized_at";
    static final String LINE_COLUMNS = "invoice_id, position, kind, description, quantity, unit_price, amount_cents";

    private final JdbcClient jdbc;

    Invoices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Organizations that already have an invoice for the period (platform role). */
    Set<UUID> invoicedOrganizations(JdbcClient platformTx, String period) {
        Set<UUID> orgs = new HashSet<>();
        platformTx
                .sql("SELECT organization_id FROM invoices WHERE period = :period")
                .param("period", period)
                .query(rs -> {
                    orgs.add(Rows.uuid(rs, "organization_id"));
                });
        return orgs;
    }

    /**
     * Inserts invoices with their lines in two statements, whatever their number: the billing run is set-based.
     * Each invoice gets its organization's next invoice number ({@link Invoice#number()}). An invoice that exists
     * already for its organization and period is left as it is, with its lines. The caller holds the period's billing
     * run lock, so that no other run inserts an invoice of the period in between (that one would leave a gap).
     */
    int insertAll(JdbcClient platformTx, List<Invoice> invoices) {
        if (invoices.isEmpty()) {
            return 0;
        }
        int n = invoices.size();
        String[] ids = new String[n];
        String[] orgs = new String[n];
        String[] periods = new String[n];
        String[] starts = new String[n];
        String[] ends = new String[n];
        String[] zones = new String[n];
        String[] tiers = new String[n];
        String[] currencies = new String[n];
        Integer[] conversations = new Integer[n];
        Integer[] included = new Integer[n];
        Integer[] overage = new Integer[n];
        Long[] totals = new Long[n];
        String[] finalized = new String[n];
        List<String> lineInvoice = new ArrayList<>();
        List<String> lineOrg = new ArrayList<>();
        List<Integer> linePosition = new ArrayList<>();
        List<String> lineKind = new ArrayList<>();
        List<String> lineDescription = new ArrayList<>();
        List<Long> lineQuantity = new ArrayList<>();
        List<String> lineUnitPrice = new ArrayList<>();
        List<Long> lineAmount = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Invoice invoice = invoices.get(i);
            ids[i] = invoice.id().toString();
            orgs[i] = invoice.organizationId().toString();
            periods[i] = invoice.period();
            starts[i] = invoice.periodStart().toString();
            ends[i] = invoice.periodEnd().toString();
            zones[i] = invoice.billingTimezone();
            tiers[i] = invoice.tier();
            currencies[i] = invoice.currency();
            conversations[i] = invoice.conversations();
            included[i] = invoice.includedConversations();
            overage[i] = invoice.overageConversations();
            totals[i] = invoice.totalCents();
            finalized[i] = invoice.finalizedAt().toString();
            for (InvoiceLine line : invoice.lines()) {
                lineInvoice.add(ids[i]);
                lineOrg.add(orgs[i]);
                linePosition.add(line.position());
                lineKind.add(line.kind());
                lineDescription.add(line.description());
                lineQuantity.add(line.quantity());
                lineUnitPrice.add(line.unitPrice().toPlainString());
                lineAmount.add(line.amountCents());
            }
        }
        // Each organization's next number is taken in the statement that inserts its invoice: the counter's row lock
        // makes two runs at once (of different periods) take turns per organization, in organization order so that
        // they cannot deadlock, and a run rolled back gives its numbers back. An organization invoiced for the period
        // already takes no number (its invoice stays as it is).
        List<String> inserted = platformTx
                .sql("""
                        WITH issued AS (
                            SELECT CAST(i AS uuid) AS i, CAST(o AS uuid) AS o, p, s, e, z, t, c, n, inc, ov, tot, f
                              FROM unnest(CAST(:ids AS text[]), CAST(:orgs AS text[]), CAST(:periods AS text[]),
                                          CAST(CAST(:starts AS text[]) AS timestamptz[]), CAST(CAST(:ends AS text[]) AS timestamptz[]),
                                          CAST(:zones AS text[]), CAST(:tiers AS text[]), CAST(:currencies AS text[]),
                                          CAST(:conversations AS integer[]), CAST(:included AS integer[]),
                                          CAST(:overage AS integer[]), CAST(:totals AS bigint[]),
                                          CAST(CAST(:finalized AS text[]) AS timestamptz[]))
                                   AS x(i, o, p, s, e, z, t, c, n, inc, ov, tot, f)
                             WHERE NOT EXISTS (SELECT 1 FROM invoices v
                                                WHERE v.organization_id = CAST(x.o AS uuid) AND v.period = x.p)),
                        numbered AS (
                            INSERT INTO invoice_numbers AS counter (organization_id, last_number)
                            SELECT o, 1 FROM issued ORDER BY o
                            ON CONFLICT (organization_id) DO UPDATE SET last_number = counter.last_number + 1
                            RETURNING organization_id, last_number)
                        INSERT INTO invoices (id, organization_id, period, period_start, period_end, billing_timezone,
                                              tier, currency, conversations, included_conversations,
                                              overage_conversations, total_cents, status, finalized_at,
                                              sequence_number, number)
                        SELECT i, o, p, s, e, z, t, c, n, inc, ov, tot, 'finalized', f, last_number,
                               upper(left(replace(CAST(o AS text), '-', ''), 8)) || '-'
                               || lpad(CAST(last_number AS text), greatest(4, length(CAST(last_number AS text))), '0')
                          FROM issued JOIN numbered ON numbered.organization_id = issued.o
                        ON CONFLICT (organization_id, period) DO NOTHING
                        RETURNING CAST(id AS text)""")
                .param("ids", ids)
                .param("orgs", orgs)
                .param("periods", periods)
                .param("starts", starts)
                .param("ends", ends)
                .param("zones", zones)
                .param("tiers", tiers)
                .param("currencies", currencies)
                .param("conversations", conversations)
                .param("included", included)
                .param("overage", overage)
                .param("totals", totals)
                .param("finalized", finalized)
                .query(String.class)
                .list();
        if (!lineInvoice.isEmpty() && !inserted.isEmpty()) {
            platformTx
                    .sql("""
                            INSERT INTO invoice_lines (organization_id, invoice_id, position, kind, description,
                                                       quantity, unit_price, amount_cents)
                            SELECT CAST(o AS uuid), CAST(i AS uuid), pos, k, d, q, CAST(u AS numeric), a
                              FROM unnest(CAST(:invoices AS text[]), CAST(:orgs AS text[]),
                                          CAST(:positions AS integer[]), CAST(:kinds AS text[]),
                                          CAST(:descriptions AS text[]), CAST(:quantities AS bigint[]),
                                          CAST(:prices AS text[]), CAST(:amounts AS bigint[]))
                                   AS x(i, o, pos, k, d, q, u, a)
                             WHERE i = ANY (CAST(:inserted AS text[]))""")
                    .param("invoices", lineInvoice.toArray(String[]::new))
                    .param("orgs", lineOrg.toArray(String[]::new))
                    .param("positions", linePosition.toArray(Integer[]::new))
                    .param("kinds", lineKind.toArray(String[]::new))
                    .param("descriptions", lineDescription.toArray(String[]::new))
                    .param("quantities", lineQuantity.toArray(Long[]::new))
                    .param("prices", lineUnitPrice.toArray(String[]::new))
                    .param("amounts", lineAmount.toArray(Long[]::new))
                    .param("inserted", inserted.toArray(String[]::new))
                    .update();
        }
        return inserted.size();
    }

    /**
     * The tenant's invoices, newest period first, after the cursor invoice. The period is unique per organization; the
     * id only keeps the order total. A cursor that is not the tenant's invoice finds no row to start after: an empty
     * page, as for every list.
     */
    List<Invoice> list(OrganizationId org, int limit, UUID startingAfter) {
        List<Invoice> invoices = jdbc.sql("SELECT " + COLUMNS + """
                         FROM invoices
                        WHERE organization_id = :org
                          AND (CAST(:after AS uuid) IS NULL OR (period, id) < (
                               SELECT period, id FROM invoices WHERE organization_id = :org AND id = CAST(:after AS uuid)))
                        ORDER BY period DESC, id DESC
                        LIMIT :limit""")
                .param("org", org.value())
                .param("after", Params.uuid(startingAfter))
                .param("limit", limit)
                .query(Invoices::header)
                .list();
        return withLines(jdbc, org, invoices);
    }

    /** The tenant's invoices of the given periods ({@code 2026-10}), in no particular order. */
    List<Invoice> ofPeriods(OrganizationId org, List<String> periods) {
        if (periods.isEmpty()) {
            return List.of();
        }
        List<Invoice> invoices = jdbc.sql("SELECT " + COLUMNS
                        + " FROM invoices WHERE organization_id = :org AND period = ANY (CAST(:periods AS text[]))")
                .param("org", org.value())
                .param("periods", periods.toArray(String[]::new))
                .query(Invoices::header)
                .list();
        return withLines(jdbc, org, invoices);
    }

    Optional<Invoice> find(OrganizationId org, String period) {
        List<Invoice> found = jdbc.sql(
                        "SELECT " + COLUMNS + " FROM invoices WHERE organization_id = :org AND period = :period")
                .param("org", org.value())
                .param("period", period)
                .query(Invoices::header)
                .list();
        return withLines(jdbc, org, found).stream().findFirst();
    }

    /**
     * Operator work: one period's invoices across organizations, by organization id (the unique
     * {@code (organization_id, period)} key serves the order; 033), after the cursor invoice. The cursor is an invoice
     * of the period, named by its id or by its organization's id (each organization has one invoice per period;
     * organization ids were the documented cursor before). Any other id finds no row to start after: an empty page.
     */
    List<Invoice> listOfPeriod(JdbcClient platform, String period, int limit, UUID startingAfter) {
        List<Invoice> invoices = platform.sql("SELECT " + COLUMNS + """
                         FROM invoices
                        WHERE period = :period
                          AND (CAST(:after AS uuid) IS NULL OR organization_id > (
                               SELECT organization_id FROM invoices
                                WHERE period = :period
                                  AND (id = CAST(:after AS uuid) OR organization_id = CAST(:after AS uuid))
                                LIMIT 1))
                        ORDER BY organization_id
                        LIMIT :limit""")
                .param("period", period)
                .param("after", Params.uuid(startingAfter))
                .param("limit", limit)
                .query(Invoices::header)
                .list();
        return withLines(platform, null, invoices);
    }

    private static List<Invoice> withLines(JdbcClient client, OrganizationId org, List<Invoice> invoices) {
        if (invoices.isEmpty()) {
            return invoices;
        }
        Map<UUID, List<InvoiceLine>> lines = new LinkedHashMap<>();
        invoices.forEach(i -> lines.put(i.id(), new ArrayList<>()));
        String filter = org == null ? "" : "organization_id = :org AND ";
        var statement = client.sql("SELECT " + LINE_COLUMNS + " FROM invoice_lines WHERE " + filter
                        + "invoice_id = ANY (CAST(:ids AS uuid[])) ORDER BY invoice_id, position")
                .param("ids", invoices.stream().map(i -> i.id().toString()).toArray(String[]::new));
        if (org != null) {
            statement = statement.param("org", org.value());
        }
        statement.query(rs -> {
            lines.get(Rows.uuid(rs, "invoice_id"))
                    .add(new InvoiceLine(
                            rs.getInt("position"),
                            rs.getString("kind"),
                            rs.getString("description"),
                            rs.getLong("quantity"),
                            rs.getBigDecimal("unit_price"),
                            rs.getLong("amount_cents")));
        });
        return invoices.stream()
                .map(i -> new Invoice(
                        i.id(),
                        i.number(),
                        i.organizationId(),
                        i.period(),
                        i.periodStart(),
                        i.periodEnd(),
                        i.billingTimezone(),
                        i.tier(),
                        i.currency(),
                        i.conversations(),
                        i.includedConversations(),
                        i.overageConversations(),
                        i.totalCents(),
                        i.status(),
                        i.finalizedAt(),
                        lines.get(i.id())))
                .toList();
    }

    private static Invoice header(ResultSet rs, int row) throws SQLException {
        return new Invoice(
                Rows.uuid(rs, "id"),
                rs.getString("number"),
                new OrganizationId(Rows.uuid(rs, "organization_id")),
                rs.getString("period"),
                Rows.instant(rs, "period_start"),
                Rows.instant(rs, "period_end"),
                rs.getString("billing_timezone"),
                rs.getString("tier"),
                rs.getString("currency"),
                rs.getInt("conversations"),
                rs.getInt("included_conversations"),
                rs.getInt("overage_conversations"),
                rs.getLong("total_cents"),
                rs.getString("status"),
                Rows.instant(rs, "finalized_at"),
                List.of());
    }
}
