package io.supportagent.knowledge;

import io.supportagent.platform.StoreId;
import io.supportagent.platform.Tenant;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/** Orders synced by the tenant's stores. */
@Repository
class Orders {

    static final String COLUMNS =
            "store_id, number, customer_email, status, items::text AS items, tracking_url, updated_at, synced_at";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final RowMapper<Order> mapper;

    Orders(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.mapper = this::map;
    }

    /** Inserts, or replaces the stored order unless the stored one changed later (last writer wins). */
    Optional<Order> upsert(Tenant tenant, Order order) {
        return jdbc.sql("""
                        INSERT INTO store_orders (organization_id, store_id, livemode, number, customer_email, status, items, tracking_url, updated_at)
                        VALUES (:org, :store, :livemode, :number, :email, :status, CAST(:items AS jsonb), :tracking, :updated)
                        ON CONFLICT (organization_id, store_id, livemode, number) DO UPDATE
                           SET customer_email = excluded.customer_email, status = excluded.status, items = excluded.items,
                               tracking_url = excluded.tracking_url, updated_at = excluded.updated_at, synced_at = now()
                         WHERE store_orders.updated_at <= excluded.updated_at
                        RETURNING """ + " " + COLUMNS)
                .param("org", tenant.organizationId().value())
                .param("store", order.storeId().value())
                .param("livemode", tenant.livemode())
                .param("number", order.number())
                .param("email", order.customerEmail())
                .param("status", order.status())
                .param("items", json.writeValueAsString(order.items()))
                .param("tracking", Params.text(order.trackingUrl()))
                .param("updated", Timestamp.from(order.updatedAt()))
                .query(mapper)
                .optional();
    }

    /** An order of the tenant's mode: test orders are seen only in test mode, live ones only in live mode. */
    Optional<Order> find(Tenant tenant, StoreId store, String number) {
        return jdbc.sql("""
                        SELECT """ + " " + COLUMNS + """
                         FROM store_orders
                        WHERE organization_id = :org AND store_id = :store AND livemode = :livemode AND number = :number""")
                .param("org", tenant.organizationId().value())
                .param("store", store.value())
                .param("livemode", tenant.livemode())
                .param("number", number)
                .query(mapper)
                .optional();
    }

    /**
     * The store's orders of the tenant's mode placed with that email (case-insensitive), newest first. Read through the
     * (organization, store, mode, number) index and filtered: under row-level security {@code lower(…)} of a column
     * cannot be an index condition (it is not leakproof), so an expression index would not serve it.
     */
    List<Order> findByEmail(Tenant tenant, StoreId store, String email, int limit) {
        return jdbc.sql("""
                        SELECT """ + " " + COLUMNS + """
                         FROM store_orders
                        WHERE organization_id = :org AND store_id = :store AND livemode = :livemode
                          AND lower(customer_email) = lower(:email)
                        ORDER BY updated_at DESC, number
                        LIMIT :limit""")
                .param("org", tenant.organizationId().value())
                .param("store", store.value())
                .param("livemode", tenant.livemode())
                .param("email", email)
                .param("limit", limit)
                .query(mapper)
                .list();
    }

    private Order map(ResultSet rs, int row) throws SQLException {
        return new Order(
                new StoreId(Rows.uuid(rs, "store_id")),
                rs.getString("number"),
                rs.getString("customer_email"),
                rs.getString("status"),
                List.of(json.readValue(rs.getString("items"), Order.Item[].class)),
                rs.getString("tracking_url"),
                Rows.instant(rs, "updated_at"),
                Rows.instant(rs, "synced_at"));
    }
}
