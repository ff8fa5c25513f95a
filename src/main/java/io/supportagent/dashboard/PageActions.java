package io.supportagent.dashboard;

import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Caller;
import io.supportagent.platform.NotFound;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How a page runs a change: success redirects to a page of the organization and mode with a toast; a refusal renders
 * the page again with the refusal's status and message; anything not found answers the 404 page. (Changes that
 * reveal a secret once render their answer directly instead: a secret never goes into the session or a URL.)
 */
final class PageActions {

    private PageActions() {}

    /** What a change answers: where to go next (relative to the organization and mode) and the toast. */
    record Done(String path, String toast) {

        static Done to(String path, String toast) {
            return new Done(path, toast);
        }
    }

    static String run(
            Caller.Member member,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Supplier<Done> change,
            Supplier<String> again) {
        Done done;
        try {
            done = change.get();
        } catch (NotFound notFound) {
            throw notFound;
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("error", problem.getMessage());
            return again.get();
        }
        redirect.addFlashAttribute("toast", done.toast());
        return "redirect:" + base(member) + done.path();
    }

    static String base(Caller.Member member) {
        return "/app/" + member.organizationId() + "/" + (member.livemode() ? "live" : "test");
    }

    /** An id from the URL; text that is no id answers 404, as no object can have it. */
    static UUID uuid(String text, String what) {
        try {
            if (text != null && text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw new NotFound(what, String.valueOf(text));
    }
}
