package io.supportagent.dashboard;

import io.supportagent.conversations.ConversationInbox;
import io.supportagent.conversations.InboxAlerts;
import io.supportagent.conversations.InboxItem;
import io.supportagent.conversations.Message;
import io.supportagent.conversations.Teammate;
import io.supportagent.conversations.Transcript;
import io.supportagent.members.SignedIn;
import io.supportagent.members.SupportTeam;
import io.supportagent.platform.AccountId;
import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.NotFound;
import io.supportagent.platform.StoreId;
import io.supportagent.tenancy.Store;
import io.supportagent.tenancy.TenancyService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbox: conversations waiting for people, longest waiting first, and one conversation's transcript with what
 * people do to it (claim, assign, reply, note, hand back to the AI, resolve). The page listens to a server-sent
 * event stream ({@code /inbox/events}) and asks for its queue and conversation again when they change. Every rule is
 * the conversations module's ({@link ConversationInbox}). The stream and the counts are {@link InboxFeed}'s.
 */
@DashboardPage
class InboxPage {

    static final int QUEUE = 100;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The stores listed in the alert settings: an organization with more mutes the rest from a conversation. */
    static final int ALERT_STORES = 100;

    private final ConversationInbox inbox;
    private final InboxAlerts alerts;
    private final SupportTeam team;
    private final TenancyService tenancy;

    InboxPage(ConversationInbox inbox, InboxAlerts alerts, SupportTeam team, TenancyService tenancy) {
        this.inbox = inbox;
        this.alerts = alerts;
        this.team = team;
        this.tenancy = tenancy;
    }

    @GetMapping("/inbox")
    @MemberAccess.Support
    String queue(Caller.Member member, Model model) {
        queueModel(member, model);
        alertsModel(member, model);
        return "dashboard/inbox";
    }

    /**
     * Mutes (or turns back on) every desktop alert and sound of the member in this organization; back to the page
     * the member was on ({@code conversation}, else the queue).
     */
    @PostMapping("/inbox/alerts")
    @MemberAccess.Support
    String muteAlerts(
            Caller.Member member,
            @RequestParam(defaultValue = "") String muted,
            @RequestParam(defaultValue = "") String conversation,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return settle(member, conversation, model, response, redirect, () -> {
            boolean mute = switch (muted) {
                case "true" -> true;
                case "false" -> false;
                default ->
                    throw new io.supportagent.platform.InvalidRequest(
                            "Choose whether to mute alerts.", Map.of("muted", "true or false"));
            };
            alerts.mute(me(member), mute);
            return mute ? "Alerts muted: no desktop alert or sound until you turn them back on." : "Alerts on.";
        });
    }

    /** The stores whose conversations never alert the member become those ticked ({@code store}, any number). */
    @PostMapping("/inbox/alerts/stores")
    @MemberAccess.Support
    String muteStores(
            Caller.Member member,
            @RequestParam(name = "store", required = false) List<String> stores,
            @RequestParam(defaultValue = "") String conversation,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return settle(member, conversation, model, response, redirect, () -> {
            Set<StoreId> muted = stores == null
                    ? Set.of()
                    : stores.stream().map(StoreId::parse).collect(Collectors.toSet());
            var now = alerts.muteStores(me(member), muted);
            return now.mutedStores().isEmpty()
                    ? "Every store alerts you."
                    : "Muted " + now.mutedStores().size() + (now.mutedStores().size() == 1 ? " store." : " stores.");
        });
    }

    /** Runs a settings change: back to the member's page with a toast; a refusal shows its reason on the queue. */
    private String settle(
            Caller.Member member,
            String conversation,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Supplier<String> change) {
        String back = base(member) + "/inbox" + (isUuid(conversation) ? "/" + conversation : "");
        try {
            redirect.addFlashAttribute("toast", change.get());
            return "redirect:" + back;
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("error", problem.getMessage());
            return queue(member, model);
        }
    }

    private static boolean isUuid(String text) {
        try {
            return text.length() == 36 && UUID.fromString(text) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void alertsModel(Caller.Member member, Model model) {
        model.addAttribute("alerts", alerts.settings(me(member)));
        model.addAttribute("alertStores", tenancy.stores(ALERT_STORES, null));
    }

    /*
     * The live refreshes of the queue and of the open conversation ask at addresses of their own: a refresh at the
     * page's address, arriving just after a form's redirect to it, would take the toast meant for that page (a flash
     * message goes to the first request for its address).
     */

    @GetMapping("/inbox/queue")
    @MemberAccess.Support
    String queueNow(Caller.Member member, Model model) {
        queueModel(member, model);
        return "dashboard/inbox :: queue";
    }

    @GetMapping("/inbox/{id}/panel")
    @MemberAccess.Support
    String conversationNow(Caller.Member member, @PathVariable String id, HttpServletRequest request, Model model) {
        conversationModel(member, id, request, model, false);
        return "dashboard/inbox :: conversation";
    }

    @GetMapping("/inbox/{id}")
    @MemberAccess.Support
    String conversation(Caller.Member member, @PathVariable String id, HttpServletRequest request, Model model) {
        conversationModel(member, id, request, model, true);
        queueModel(member, model);
        alertsModel(member, model);
        return "dashboard/inbox";
    }

    /** The conversation's model; with the composer (not in a live refresh of the transcript), the member's draft. */
    private void conversationModel(
            Caller.Member member, String id, HttpServletRequest request, Model model, boolean composer) {
        // An operator's read-only view reads without marking anything read (its transaction could not write).
        Transcript transcript =
                member.readOnly() ? inbox.transcript(conversationId(id)) : inbox.read(conversationId(id), me(member));
        model.addAttribute("transcript", transcript);
        model.addAttribute("sources", sources(transcript));
        model.addAttribute(
                "orders",
                transcript.messages().stream()
                        .flatMap(m -> m.orderNumbers().stream())
                        .distinct()
                        .toList());
        model.addAttribute("stores", storeNames(Set.of(transcript.conversation().storeId())));
        model.addAttribute("teammates", team.teammates());
        model.addAttribute("me", member.accountId().value().toString());
        String mode = request.getParameter("mode");
        if (composer && !model.containsAttribute("draft")) { // a refused send brings its own text back
            var kept = inbox.draft(transcript.conversation().id(), me(member));
            if (kept.isPresent()) {
                model.addAttribute("draft", kept.get().content());
                mode = mode == null ? kept.get().mode() : mode;
            }
        }
        model.addAttribute("mode", "note".equals(mode) ? "note" : "reply");
    }

    @PostMapping("/inbox/{id}/claim")
    @MemberAccess.Support
    String claim(
            Caller.Member member,
            @PathVariable String id,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(member, id, model, request, response, redirect, () -> {
            inbox.claim(conversationId(id), me(member));
            return "You took this conversation.";
        });
    }

    @PostMapping("/inbox/{id}/assign")
    @MemberAccess.Support
    String assign(
            Caller.Member member,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String assignee,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(member, id, model, request, response, redirect, () -> {
            UUID to;
            try {
                to = UUID.fromString(assignee);
            } catch (IllegalArgumentException e) {
                throw new io.supportagent.platform.InvalidRequest("Choose whom to assign it to.");
            }
            var now = inbox.assign(conversationId(id), new AccountId(to));
            return "Assigned to " + now.assignee().name() + ".";
        });
    }

    @PostMapping("/inbox/{id}/messages")
    @MemberAccess.Support
    String write(
            Caller.Member member,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String content,
            @RequestParam(defaultValue = "reply") String mode,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        boolean note = "note".equals(mode);
        redirect.addAttribute("mode", note ? "note" : "reply"); // the composer's mode stays as it was
        model.addAttribute("draft", content); // refused: the text comes back in the composer
        return act(member, id, model, request, response, redirect, () -> {
            if (note) {
                inbox.note(conversationId(id), me(member), content);
            } else {
                inbox.reply(conversationId(id), me(member), content);
            }
            return note ? "Note added (the shopper does not see it)." : "Reply sent.";
        });
    }

    @PostMapping("/inbox/{id}/hand-back")
    @MemberAccess.Support
    String handBack(
            Caller.Member member,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String note,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        model.addAttribute("handBackNote", note); // refused: the note comes back in its field
        return act(member, id, model, request, response, redirect, () -> {
            inbox.handBack(conversationId(id), me(member), note);
            return "Handed back to the AI.";
        });
    }

    /** Resolves; {@code survey=skip} resolves without asking the shopper for a rating ({@code ask}, the default). */
    @PostMapping("/inbox/{id}/resolve")
    @MemberAccess.Support
    String resolve(
            Caller.Member member,
            @PathVariable String id,
            @RequestParam(defaultValue = "ask") String survey,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(member, id, model, request, response, redirect, () -> {
            boolean ask = askRating(survey);
            inbox.resolve(conversationId(id), ask);
            return ask ? "Resolved. The shopper is asked for a rating." : "Resolved, without asking for a rating.";
        });
    }

    private static boolean askRating(String survey) {
        return switch (survey) {
            case "ask" -> true;
            case "skip" -> false;
            default ->
                throw new io.supportagent.platform.InvalidRequest(
                        "Choose whether to ask the shopper for a rating.", Map.of("survey", "ask or skip"));
        };
    }

    /** Resolves, then opens the next conversation of the queue; back to the queue when no one else waits. */
    @PostMapping("/inbox/{id}/resolve-next")
    @MemberAccess.Support
    String resolveAndNext(
            Caller.Member member,
            @PathVariable String id,
            @RequestParam(defaultValue = "ask") String survey,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String[] next = {null};
        String done = act(member, id, model, request, response, redirect, () -> {
            next[0] = inbox.resolveAndNext(conversationId(id), askRating(survey))
                    .map(ConversationId::toString)
                    .orElse(null);
            return next[0] == null ? "Resolved. No one else is waiting." : "Resolved. Here is the next one.";
        });
        if (!done.startsWith("redirect:")) {
            return done;
        }
        return "redirect:" + base(member) + "/inbox" + (next[0] == null ? "" : "/" + next[0]);
    }

    /** Runs a change: success goes back to the conversation with a toast; a refusal shows the reason there. */
    private String act(
            Caller.Member member,
            String id,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Supplier<String> change) {
        try {
            redirect.addFlashAttribute("toast", change.get());
            return "redirect:" + base(member) + "/inbox/" + id;
        } catch (NotFound notFound) {
            throw notFound;
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("error", problem.getMessage());
            return conversation(member, id, request, model);
        }
    }

    private static String base(Caller.Member member) {
        return "/app/" + member.organizationId() + "/" + (member.livemode() ? "live" : "test");
    }

    private void queueModel(Caller.Member member, Model model) {
        List<InboxItem> queue = inbox.waiting(me(member), QUEUE);
        model.addAttribute("queue", queue);
        Set<StoreId> shown = new HashSet<>();
        queue.forEach(item -> shown.add(item.conversation().storeId()));
        if (model.getAttribute("transcript") instanceof Transcript transcript) {
            shown.add(transcript.conversation().storeId());
        }
        model.addAttribute("stores", storeNames(shown));
    }

    /** The names of the stores shown, by id: however many stores the organization has. */
    private Map<String, String> storeNames(Set<StoreId> shown) {
        return tenancy.stores(shown).stream()
                .collect(Collectors.toMap(s -> s.id().toString(), Store::name, (a, b) -> a));
    }

    /** An article the AI's replies cited, once each. */
    record Source(String title, String url) {}

    private static List<Source> sources(Transcript transcript) {
        Map<String, Source> sources = new LinkedHashMap<>();
        for (Message m : transcript.messages()) {
            if (m.citations() == null || m.citations().isBlank()) {
                continue;
            }
            for (JsonNode c : JSON.readTree(m.citations())) {
                String title = c.path("title").asString("");
                String url = c.path("url").isString() ? c.path("url").asString() : null;
                String safe = url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
                sources.putIfAbsent(c.path("article_id").asString(title), new Source(title, safe));
            }
        }
        return List.copyOf(sources.values());
    }

    /** The member as the inbox names them to the team (and, in replies, to the shopper). */
    static Teammate me(Caller.Member member) {
        SignedIn person = SignedIn.current().orElseThrow();
        String name =
                person.displayName() == null || person.displayName().isBlank() ? person.email() : person.displayName();
        return new Teammate(member.accountId(), name);
    }

    private static ConversationId conversationId(String text) {
        return new ConversationId(uuid(text));
    }

    private static UUID uuid(String text) {
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw new NotFound("conversation", text);
    }
}
