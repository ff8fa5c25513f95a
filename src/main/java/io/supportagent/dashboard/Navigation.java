package io.supportagent.dashboard;

import io.supportagent.platform.MemberRole.Permission;
import java.util.List;

/**
 * The dashboard's navigation, in order: one line per page. An item shows only to members whose role has its
 * permission, the same permission its handlers require ({@code MemberAccess}). {@code path} is relative to the
 * organization and mode ({@code ""} is the home page).
 */
final class Navigation {

    record Item(String label, String path, Permission permission, String icon) {}

    static final List<Item> ITEMS = List.of(
            new Item("Overview", "", Permission.BILLING, "home"),
            new Item("Inbox", "/inbox", Permission.SUPPORT, "inbox"),
            new Item("Usage", "/usage", Permission.BILLING, "chart"),
            new Item("Invoices", "/invoices", Permission.BILLING, "receipt"),
            new Item("Conversations", "/conversations", Permission.SUPPORT, "chat"),
            new Item("Agents", "/agents", Permission.CONFIGURE, "bot"),
            new Item("Stores", "/stores", Permission.CONFIGURE, "store"),
            new Item("Knowledge", "/knowledge", Permission.CONFIGURE, "book"),
            new Item("API keys", "/api-keys", Permission.CONFIGURE, "key"),
            new Item("Webhooks", "/webhooks", Permission.CONFIGURE, "hook"),
            new Item("Team", "/team", Permission.TEAM, "people"),
            new Item("Audit log", "/audit", Permission.AUDIT, "log"));

    private Navigation() {}
}
