package io.supportagent.dashboard;

import io.supportagent.conversations.ConversationInbox;
import io.supportagent.conversations.ConversationPresence;
import io.supportagent.conversations.ConversationStreams;
import io.supportagent.conversations.InboxAlerts;
import io.supportagent.conversations.InboxCounts;
import io.supportagent.conversations.Teammate;
import io.supportagent.members.SupportTeam;
import io.supportagent.platform.Caller;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.MemberAccess;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What the inbox's script asks for besides pages, on every dashboard page whose navigation has the inbox: the
 * organization and mode's stream of changes, and the counts. Deliberately not a {@link DashboardPage}: neither gets
 * the page's shell model nor its error pages. That matters for the stream: when it ends (its timeout, the node
 * shutting down, a client let go), Spring MVC dispatches the request once more, asynchronously, and the member filter
 * does not run again then; the shell model of a page, asked for without a member, failed, and the servlet container
 * cut the half-sent response, so every stream opened at the same moment broke at the same moment (a Java client reads
 * {@code IOException: closed}). Errors here answer problem+json ({@code GlobalProblemHandler}).
 */
@Controller
@RequestMapping(DashboardPage.BASE)
class InboxFeed {

    private final ConversationInbox inbox;
    private final ConversationStreams streams;
    private final InboxAlerts alerts;
    private final ConversationPresence presence;
    private final SupportTeam team;

    InboxFeed(
            ConversationInbox inbox,
            ConversationStreams streams,
            InboxAlerts alerts,
            ConversationPresence presence,
            SupportTeam team) {
        this.inbox = inbox;
        this.streams = streams;
        this.alerts = alerts;
        this.presence = presence;
        this.team = team;
    }

    /** Someone else of the team in the conversation: name, initials, and what they write ({@code reply}, {@code note}). */
    record PresentView(String name, String initials, String writing) {}

    /**
     * The member's page has the conversation open ({@code state=viewing}), they are writing a reply or a note
     * ({@code reply}, {@code note}: a reply, and only a reply, shows the shopper's widget that someone types), or they
     * left it ({@code left}). Answers who else is there. 404 for another organization's or an unknown conversation,
     * 400 for another state. An operator's read-only view is not announced.
     */
    @PostMapping(path = "/inbox/{id}/presence", produces = MediaType.APPLICATION_JSON_VALUE)
    @MemberAccess.Support
    ResponseEntity<List<PresentView>> here(
            Caller.Member member, @PathVariable String id, @RequestParam(defaultValue = "viewing") String state) {
        ConversationId conversation = ConversationId.parse(id);
        var others = member.readOnly()
                ? presence.others(conversation, member.accountId())
                : presence.here(conversation, member.accountId(), state);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(views(others));
    }

    /** Who else is in the conversation (the page asks on a {@code presence} event of its stream); 404 as above. */
    @GetMapping(path = "/inbox/{id}/presence", produces = MediaType.APPLICATION_JSON_VALUE)
    @MemberAccess.Support
    ResponseEntity<List<PresentView>> others(Caller.Member member, @PathVariable String id) {
        var others = presence.others(ConversationId.parse(id), member.accountId());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(views(others));
    }

    /** Named as the team knows them; someone no longer of the team is not shown. */
    private List<PresentView> views(List<ConversationPresence.Present> others) {
        if (others.isEmpty()) {
            return List.of();
        }
        Map<io.supportagent.platform.AccountId, String> names =
                team.teammates().stream().collect(Collectors.toMap(Teammate::accountId, Teammate::name, (a, b) -> a));
        return others.stream()
                .filter(p -> names.containsKey(p.account()))
                .map(p -> new PresentView(names.get(p.account()), initials(names.get(p.account())), p.writing()))
                .toList();
    }

    static String initials(String name) {
        String[] words = name.strip().split("[\\s@._-]+");
        StringBuilder initials = new StringBuilder();
        for (String w : words) {
            if (!w.isEmpty() && initials.length() < 2) {
                initials.appendCodePoint(Character.toUpperCase(w.codePointAt(0)));
            }
        }
        return initials.isEmpty() ? "?" : initials.toString();
    }

    /**
     * Keeps what the member is writing in the conversation (the composer sends it as they type): 204. Blank text
     * removes the draft. Problems as problem+json: 404 for another organization's conversation, 409 once resolved.
     */
    @PostMapping("/inbox/{id}/draft")
    @MemberAccess.Support
    ResponseEntity<Void> draft(
            Caller.Member member,
            @PathVariable String id,
            @RequestParam(defaultValue = "reply") String mode,
            @RequestParam(defaultValue = "") String content) {
        inbox.saveDraft(ConversationId.parse(id), InboxPage.me(member), mode, content);
        return ResponseEntity.noContent().build();
    }

    /** What a desktop alert for this change would say to the member, or 204 when it does not concern them. */
    record AlertView(String conversation, String title, String body, String tag) {}

    @GetMapping(path = "/inbox/{id}/alert", produces = MediaType.APPLICATION_JSON_VALUE)
    @MemberAccess.Support
    ResponseEntity<AlertView> alert(
            Caller.Member member, @PathVariable String id, @RequestParam(defaultValue = "") String what) {
        return alerts.alert(InboxPage.me(member), ConversationId.parse(id), what)
                .map(a -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .body(new AlertView(a.conversation().toString(), a.title(), a.body(), a.tag())))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    /** How many wait, for the navigation's badge (the member's unread) and the title (all waiting). */
    @GetMapping(path = "/inbox/counts", produces = MediaType.APPLICATION_JSON_VALUE)
    @MemberAccess.Support
    @ResponseBody
    InboxCounts counts(Caller.Member member) {
        return inbox.counts(InboxPage.me(member));
    }

    /** The organization and mode's inbox stream: {@code event: conversation} whenever one changes. */
    @GetMapping(path = "/inbox/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @MemberAccess.Support
    SseEmitter events(Caller.Member member, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        return streams.inbox(member.organizationId(), member.livemode());
    }
}
