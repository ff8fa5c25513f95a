package io.supportagent.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportagent.platform.MemberRole;
import io.supportagent.platform.db.PlatformJdbc;
import io.supportagent.support.AgentFixtures;
import io.supportagent.support.DashboardSession;
import io.supportagent.support.DashboardTest;
import io.supportagent.support.MemberFixtures;
import io.supportagent.support.WidgetShop;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Which inbox changes alert which member, and each member's mutes, over HTTP through the real chain (sessions, CSRF):
 * a hand-off alerts while nobody took it; a shopper's message alerts only the member the conversation is assigned
 * to; muted alerts and muted stores alert no one; another organization's conversation or store is not found.
 */
@DashboardTest
class InboxAlertsTests {

    @LocalServerPort
    int port;

    @Autowired
    MemberFixtures people;

    @Autowired
    AgentFixtures shops;

    @Autowired
    PlatformJdbc platform;

    @Test
    void aHandOffAlertsWhileNobodyTookItAndAMessageAlertsOnlyTheMemberItIsAssignedTo() {
        var shop = WidgetShop.open(shops, port);
        var chat = shop.handedOff();
        String id = chat.id();
        var anaPerson = people.join(shop.org().organization().id(), MemberRole.AGENT);
        var ana = DashboardSession.signedIn(port, anaPerson);
        var bo = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.ADMIN));
        String alert = shop.base() + "/inbox/" + id + "/alert";

        var handOff = ana.get(alert + "?what=handed_off", "application/json");
        assertThat(handOff.status()).isEqualTo(200);
        assertThat(handOff.header("Content-Type")).startsWith("application/json");
        assertThat(handOff.body())
                .contains("\"title\":\"A shopper is waiting for a person\"")
                .contains("\"tag\":\"handoff-" + id + "\"")
                .contains("I want to talk to a human");
        // Nobody's, so no "message" alert for anyone yet.
        assertThat(ana.get(alert + "?what=message", "application/json").status())
                .isEqualTo(204);

        // Bo takes it: no hand-off alert any more; the shopper's message is Bo's, not Ana's.
        bo.get(shop.base() + "/inbox/" + id);
        assertThat(bo.post(shop.base() + "/inbox/" + id + "/claim", Map.of()).status())
                .isEqualTo(302);
        assertThat(ana.get(alert + "?what=handed_off", "application/json").status())
                .isEqualTo(204);
        assertThat(shop.widget(chat.token())
                        .post("/widget/v1/conversations/" + id + "/messages", Map.of("content", "Where is it?"))
                        .status())
                .isEqualTo(201);
        assertThat(ana.get(alert + "?what=message", "application/json").status())
                .isEqualTo(204);
        var bos = bo.get(alert + "?what=message", "application/json");
        assertThat(bos.status()).isEqualTo(200);
        assertThat(bos.body()).contains("wrote to you").contains("\"body\":\"Where is it?\"");

        // Assigned to Ana: hers now; once she read it, nothing new to alert her.
        assertThat(bo.post(
                                shop.base() + "/inbox/" + id + "/assign",
                                Map.of("assignee", anaPerson.accountId().toString()))
                        .status())
                .isEqualTo(302);
        assertThat(ana.get(alert + "?what=message", "application/json").status())
                .isEqualTo(200);
        assertThat(bo.get(alert + "?what=message", "application/json").status()).isEqualTo(204);
        ana.get(shop.base() + "/inbox/" + id);
        assertThat(ana.get(alert + "?what=message", "application/json").status())
                .isEqualTo(204);

        // Bad input: 400 or 404 problems, never a 500.
        var odd = ana.get(alert + "?what=everything", "application/json");
        assertThat(odd.status()).isEqualTo(400);
        assertThat(odd.header("Content-Type")).startsWith("application/problem+json");
        assertThat(ana.get(shop.base() + "/inbox/" + id + "/alert", "application/json")
                        .status())
                .isEqualTo(400);
        assertThat(ana.get(shop.base() + "/inbox/not-a-conversation/alert?what=message", "application/json")
                        .status())
                .isEqualTo(404);

        // Another organization's conversation: not found, as an unknown one.
        var elsewhere = WidgetShop.open(shops, port);
        String theirs = elsewhere.handedOff().id();
        assertThat(ana.get(shop.base() + "/inbox/" + theirs + "/alert?what=handed_off", "application/json")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aMemberMutesAlertsOrAStoreForThemselvesOnly() {
        var shop = WidgetShop.open(shops, port);
        String id = shop.handedOff().id();
        var ana = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.AGENT));
        var bo = DashboardSession.signedIn(
                port, people.join(shop.org().organization().id(), MemberRole.AGENT));
        String alert = shop.base() + "/inbox/" + id + "/alert?what=handed_off";
        var page = ana.get(shop.base() + "/inbox/" + id);
        assertThat(page.body()).containsPattern("data-alerts-mute[^>]*aria-pressed=\"false\"");

        // Without the form's token: refused, nothing muted.
        assertThat(ana.postWithoutToken(shop.base() + "/inbox/alerts", Map.of("muted", "true"))
                        .status())
                .isEqualTo(403);
        assertThat(ana.get(alert, "application/json").status()).isEqualTo(200);

        // Muted, from a conversation: back to it, told; no alert for Ana, Bo's still alert him.
        var muted = ana.post(shop.base() + "/inbox/alerts", Map.of("muted", "true", "conversation", id));
        assertThat(muted.status()).isEqualTo(302);
        assertThat(muted.location()).endsWith(shop.base() + "/inbox/" + id);
        var after = ana.follow(muted);
        assertThat(after.body())
                .contains("Alerts muted")
                .contains("Your alerts are muted")
                .containsPattern("data-alerts-mute[^>]*aria-pressed=\"true\"");
        assertThat(ana.get(alert, "application/json").status()).isEqualTo(204);
        assertThat(bo.get(alert, "application/json").status()).isEqualTo(200);

        // A value that is no choice: a form error on the page, nothing changed.
        var odd = ana.post(shop.base() + "/inbox/alerts", Map.of("muted", "loud"));
        assertThat(odd.status()).isEqualTo(400);
        assertThat(odd.body()).contains("Choose whether to mute alerts.");
        assertThat(ana.get(alert, "application/json").status()).isEqualTo(204);

        // On again, and the store muted instead: the same silence, for that store only.
        var on = ana.post(shop.base() + "/inbox/alerts", Map.of("muted", "false"));
        assertThat(on.status()).isEqualTo(302);
        assertThat(ana.follow(on).body()).contains("data-toast=\"Alerts on.\"");
        assertThat(ana.get(alert, "application/json").status()).isEqualTo(200);
        String store = shop.shop().store().id().toString();
        var storeMuted = ana.post(shop.base() + "/inbox/alerts/stores", Map.of("store", store));
        assertThat(storeMuted.status()).isEqualTo(302);
        assertThat(ana.follow(storeMuted).body()).contains("Muted 1 store.").contains("(1 muted)");
        assertThat(ana.get(alert, "application/json").status()).isEqualTo(204);
        assertThat(bo.get(alert, "application/json").status()).isEqualTo(200);

        // Another organization's store, or no store id: not found, and the mutes stay as they were.
        var elsewhere = WidgetShop.open(shops, port);
        ana.get(shop.base() + "/inbox");
        assertThat(ana.post(
                                shop.base() + "/inbox/alerts/stores",
                                Map.of("store", elsewhere.shop().store().id().toString()))
                        .status())
                .isEqualTo(404);
        assertThat(ana.post(shop.base() + "/inbox/alerts/stores", Map.of("store", "../etc"))
                        .status())
                .isEqualTo(404);
        assertThat(ana.get(alert, "application/json").status()).isEqualTo(204);
        assertThat(mutedStores(shop)).containsExactly(UUID.fromString(store));

        // Nothing ticked: every store alerts again.
        assertThat(ana.post(shop.base() + "/inbox/alerts/stores", Map.of()).status())
                .isEqualTo(302);
        assertThat(ana.get(alert, "application/json").status()).isEqualTo(200);

        // A member of another organization cannot change this organization's settings.
        var eve = DashboardSession.signedIn(
                port, people.join(elsewhere.org().organization().id(), MemberRole.OWNER));
        eve.get(elsewhere.base() + "/inbox");
        assertThat(eve.post(shop.base() + "/inbox/alerts", Map.of("muted", "true"))
                        .status())
                .isIn(403, 404);
        assertThat(platform.jdbc()
                        .sql("SELECT count(*) FROM inbox_alert_settings WHERE organization_id = :org AND muted")
                        .param("org", shop.org().organization().id().value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private java.util.List<UUID> mutedStores(WidgetShop shop) {
        return platform.jdbc()
                .sql("SELECT store_id FROM inbox_muted_stores WHERE organization_id = :org")
                .param("org", shop.org().organization().id().value())
                .query(UUID.class)
                .list();
    }
}
