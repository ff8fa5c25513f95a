package io.supportagent.tenancy;

import io.supportagent.platform.OrganizationId;
import io.supportagent.platform.StoreId;
import io.supportagent.platform.db.Params;
import io.supportagent.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores of the tenant in context. Every query also filters by organization, on top of row-level security. */
@Repository
class Stores {

    static final String COLUMNS =
            "id, organization_id, name, domain, allowed_origins, created_at, updated_at, server_requests_allowed";
    static final RowMapper<Store> MAPPER = Stores::map;

    private final JdbcClient jdbc;

    Stores(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Store insert(OrganizationId org, String name, String domain, List<String> allowedOrigins) {
        return jdbc.sql("""
                        INSERT INTO stores (organization_id, name, domain, allowed_origins)
                        VALUES (:org, :name, :domain, :origins)
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("name", name)
                .param("domain", Params.text(domain))
                .param("origins", allowedOrigins.toArray(String[]::new))
                .query(MAPPER)
                .single();
    }

    Optional<Store> find(OrganizationId org, StoreId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM stores WHERE organization_id = :org AND id = :id")
                .param("org", org.value())
                .param("id", id.value())
                .query(MAPPER)
                .optional();
    }

    List<Store> list(OrganizationId org, int limit, StoreId startingAfter) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM stores
                        WHERE organization_id = :org
                          AND (CAST(:after AS uuid) IS NULL OR (created_at, id) < (
                               SELECT created_at, id FROM stores WHERE organization_id = :org AND id = CAST(:after AS uuid)))
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit""")
                .param("org", org.value())
                .param("after", Params.id(startingAfter))
                .param("limit", limit)
                .query(MAPPER)
                .list();
    }

    List<Store> listOf(OrganizationId org, java.util.Collection<StoreId> ids) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM stores WHERE organization_id = :org AND id = ANY(CAST(:ids AS uuid[]))")
                .param("org", org.value())
                .param(
                        "ids",
                        ids.stream()
                                .map(id -> id.value().toString())
                                .collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .query(MAPPER)
                .list();
    }

    int count(OrganizationId org) {
        return jdbc.sql("SELECT count(*) FROM stores WHERE organization_id = :org")
                .param("org", org.value())
                .query(Integer.class)
                .single();
    }

    Optional<Store> update(
            OrganizationId org,
            StoreId id,
            String name,
            String domain,
            List<String> allowedOrigins,
            Boolean serverRequestsAllowed) {
        return jdbc.sql("""
                        UPDATE stores
                           SET name = coalesce(:name, name),
                               domain = coalesce(:domain, domain),
                               allowed_origins = CASE WHEN :replace_origins THEN :origins ELSE allowed_origins END,
                               server_requests_allowed = coalesce(:server_requests, server_requests_allowed),
                               updated_at = now()
                         WHERE organization_id = :org AND id = :id
                        RETURNING """ + " " + COLUMNS)
                .param("org", org.value())
                .param("id", id.value())
                .param("name", Params.text(name))
                .param("domain", Params.text(domain))
                // Never a null array: pgjdbc sends one untyped (see Params).
                .param("replace_origins", allowedOrigins != null)
                .param("origins", (allowedOrigins == null ? List.<String>of() : allowedOrigins).toArray(String[]::new))
                .param("server_requests", Params.bool(serverRequestsAllowed))
                .query(MAPPER)
                .optional();
    }

    boolean delete(OrganizationId org, StoreId id) {
        return jdbc.sql("DELETE FROM stores WHERE organization_id = :org AND id = :id")
                        .param("org", org.value())
                        .param("id", id.value())
                        .update()
                > 0;
    }

    void addAllowedOrigins(OrganizationId org, StoreId id, List<String> origins) {
        jdbc.sql("""
                        UPDATE stores
                           SET allowed_origins = ARRAY(SELECT DISTINCT unnest(allowed_origins || CAST(:origins AS text[]))),
                               updated_at = now()
                         WHERE organization_id = :org AND id = :id""")
                .param("org", org.value())
                .param("id", id.value())
                .param("origins", origins.toArray(String[]::new))
                .update();
    }

    private static Store map(ResultSet rs, int row) throws SQLException {
        return new Store(
                new StoreId(Rows.uuid(rs, "id")),
                new OrganizationId(Rows.uuid(rs, "organization_id")),
                rs.getString("name"),
                rs.getString("domain"),
                Rows.texts(rs, "allowed_origins"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"),
                rs.getBoolean("server_requests_allowed"));
    }

    /** Where the store's widget was seen, latest first. */
    List<WidgetSighting> sightings(OrganizationId org, StoreId store) {
        return jdbc.sql("""
                        SELECT store_id, origin, first_seen_at, last_seen_at FROM store_widget_sightings
                         WHERE organization_id = :org AND store_id = :store
                         ORDER BY last_seen_at DESC, origin""")
                .param("org", org.value())
                .param("store", store.value())
                .query(Stores::sighting)
                .list();
    }

    /** Each store's latest sighting, for the stores that have one. */
    List<WidgetSighting> latestSightings(OrganizationId org) {
        return jdbc.sql("""
                        SELECT DISTINCT ON (store_id) store_id, origin, first_seen_at, last_seen_at
                          FROM store_widget_sightings
                         WHERE organization_id = :org
                         ORDER BY store_id, last_seen_at DESC, origin""").param("org", org.value()).query(Stores::sighting).list();
    }

    private static WidgetSighting sighting(ResultSet rs, int row) throws SQLException {
        return new WidgetSighting(
                new StoreId(Rows.uuid(rs, "store_id")),
                rs.getString("origin"),
                Rows.instant(rs, "first_seen_at"),
                Rows.instant(rs, "last_seen_at"));
    }
}
