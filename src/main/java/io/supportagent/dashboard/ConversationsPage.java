package io.supportagent.dashboard;

import io.supportagent.agents.AgentInstance;
import io.supportagent.agents.AgentService;
import io.supportagent.conversations.Conversation;
import io.supportagent.conversations.ConversationFilter;
import io.supportagent.conversations.ConversationService;
import io.supportagent.conversations.Message;
import io.supportagent.platform.AgentInstanceId;
import io.supportagent.platform.ConversationId;
import io.supportagent.platform.MemberAccess;
import io.supportagent.platform.StoreId;
import io.supportagent.tenancy.Store;
import io.supportagent.tenancy.TenancyService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Conversations of the page's mode, newest first, filtered by store, agent, status, whether they were handed to a
 * person, and dates (UTC days), a page at a time (cursor); and one conversation's transcript: who said what (shopper,
 * AI agent, the named person, system notes such as why it was handed off) with the articles each AI answer cited, and
 * the shopper's rating. Read-only: support people act in the inbox.
 */
@DashboardPage
class ConversationsPage {

    static final int PAGE = 50;
    static final List<String> STATUSES = List.of("open", "handed_off", "resolved");

    private final ConversationService conversations;
    private final AgentService agents;
    private final TenancyService tenancy;
    private final ObjectMapper json;

    ConversationsPage(
            ConversationService conversations, AgentService agents, TenancyService tenancy, ObjectMapper json) {
        this.conversations = conversations;
        this.agents = agents;
        this.tenancy = tenancy;
        this.json = json;
    }

    record Filters(String store, String agent, String status, String handoff, String from, String to) {

        public boolean any() {
            return store != null || agent != null || status != null || handoff != null || from != null || to != null;
        }

        /** The query string of these filters, with a cursor or not. */
        public String query(Object startingAfter) {
            UriComponentsBuilder b = UriComponentsBuilder.newInstance();
            add(b, "store", store);
            add(b, "agent", agent);
            add(b, "status", status);
            add(b, "handoff", handoff);
            add(b, "from", from);
            add(b, "to", to);
            if (startingAfter != null) {
                b.queryParam("starting_after", startingAfter.toString());
            }
            String q = b.build().encode().toUriString();
            return q.isEmpty() ? "" : q;
        }

        private static void add(UriComponentsBuilder b, String name, String value) {
            if (value != null) {
                b.queryParam(name, value);
            }
        }
    }

    @GetMapping("/conversations")
    @MemberAccess.Support
    String list(
            @RequestParam(required = false) String store,
            @RequestParam(required = false) String agent,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String handoff,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            HttpServletRequest request,
            Model model) {
        List<Store> stores = tenancy.stores(StoresPage.PAGE, null);
        List<AgentInstance> instances = agents.instances(null, AgentsPage.PAGE, null);
        Filters filters = new Filters(
                known(store, stores.stream().map(s -> s.id().toString()).toList()),
                known(agent, instances.stream().map(i -> i.id().toString()).toList()),
                known(status, STATUSES),
                known(handoff, List.of("yes", "no")),
                date(from) == null ? null : from,
                date(to) == null ? null : to);
        LocalDate fromDay = date(filters.from());
        LocalDate toDay = date(filters.to());
        ConversationFilter filter = new ConversationFilter(
                filters.store() == null ? null : StoreId.parse(filters.store()),
                filters.agent() == null ? null : AgentInstanceId.parse(filters.agent()),
                filters.status(),
                fromDay == null ? null : fromDay.atStartOfDay(ZoneOffset.UTC).toInstant(),
                toDay == null
                        ? null
                        : toDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                filters.handoff() == null ? null : filters.handoff().equals("yes"));
        ConversationId after = startingAfter == null || startingAfter.isBlank()
                ? null
                : new ConversationId(PageActions.uuid(startingAfter, "conversation"));
        List<Conversation> page = conversations.conversations(filter, PAGE + 1, after);
        model.addAttribute("conversations", page.stream().limit(PAGE).toList());
        model.addAttribute("next", page.size() > PAGE ? page.get(PAGE - 1).id() : null);
        model.addAttribute("filters", filters);
        model.addAttribute("stores", stores);
        model.addAttribute("instances", instances);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("storeNames", stores.stream().collect(Collectors.toMap(Store::id, Store::name)));
        model.addAttribute(
                "instanceNames", instances.stream().collect(Collectors.toMap(AgentInstance::id, AgentInstance::name)));
        if ("conversation-results".equals(request.getHeader("HX-Target"))) {
            return "dashboard/conversations :: results";
        }
        return "dashboard/conversations";
    }

    /** A message as the transcript shows it. */
    record Line(Message message, String who, List<Cited> citations) {}

    record Cited(String title, String url) {}

    @GetMapping("/conversations/{id}")
    @MemberAccess.Support
    String transcript(@PathVariable String id, Model model) {
        Conversation conversation = conversations.conversation(ConversationId.parse(id));
        List<Line> lines = conversations.messagesOf(conversation).stream()
                .map(m -> new Line(m, who(m), citations(m.citations())))
                .toList();
        model.addAttribute("conversation", conversation);
        model.addAttribute("lines", lines);
        model.addAttribute("store", tenancy.store(conversation.storeId()));
        model.addAttribute("instance", agents.instance(conversation.agentInstanceId()));
        return "dashboard/conversation";
    }

    private static String who(Message m) {
        String role = switch (m.role()) {
            case "customer" -> "Shopper";
            case "agent" -> "AI agent";
            case "human_agent" -> "Support person";
            case "note" -> "Internal note";
            case "system" -> "System note";
            default -> m.role();
        };
        boolean named =
                m.author() != null && m.author().name() != null && !m.role().equals("system");
        return named ? role + " · " + m.author().name() : role;
    }

    private List<Cited> citations(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            JsonNode array = json.readTree(text);
            List<Cited> cited = new ArrayList<>();
            if (array != null && array.isArray()) {
                for (JsonNode c : array) {
                    String title = c.path("title").asString("");
                    String url = c.path("url").isString() ? c.path("url").asString() : null;
                    cited.add(new Cited(title.isBlank() ? "An article" : title, safeUrl(url)));
                }
            }
            return cited;
        } catch (JacksonException e) {
            return List.of();
        }
    }

    private static String safeUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    private static String known(String value, List<String> allowed) {
        return value != null && allowed.contains(value) ? value : null;
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
