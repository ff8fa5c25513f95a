package io.supportagent.members;

import io.supportagent.platform.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /app/account/security}: the signed-in person's own sign-in security, whichever organization they work in (and
 * for operator staff): turning two-factor sign-in on (scan the QR code or type the secret, confirm with a code, keep
 * the recovery codes shown once), new recovery codes (for a current code), and turning it off (for a current code or
 * the password). Recovery codes are rendered on the answer to the change itself, never stored to show again, and the
 * page is not cached.
 */
@Controller
class AccountSecurityPage {

    static final String PATH = "/app/account/security";

    private final TwoFactor twoFactor;

    AccountSecurityPage(TwoFactor twoFactor) {
        this.twoFactor = twoFactor;
    }

    @GetMapping(PATH)
    String page(@RequestParam(required = false) String required, Model model, HttpServletResponse response) {
        model.addAttribute("required", required != null);
        return render(model, response, person());
    }

    @PostMapping(PATH + "/two-factor/setup")
    String setup(Model model, HttpServletResponse response, RedirectAttributes redirect) {
        SignedIn person = person();
        try {
            twoFactor.startSetup(person.accountId());
        } catch (ApiProblem refused) {
            return refused(model, response, person, refused);
        }
        return "redirect:" + PATH + "#two-factor";
    }

    @PostMapping(PATH + "/two-factor/enable")
    String enable(
            @RequestParam(required = false) String code,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        SignedIn person = person();
        try {
            List<String> codes = twoFactor.enable(person.accountId(), code, request.getRemoteAddr());
            model.addAttribute("recoveryCodes", codes);
            model.addAttribute("toast", "Two-factor sign-in is on.");
        } catch (ApiProblem refused) {
            return refused(model, response, person, refused);
        }
        return render(model, response, person);
    }

    @PostMapping(PATH + "/two-factor/recovery-codes")
    String recoveryCodes(
            @RequestParam(required = false) String code,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        SignedIn person = person();
        try {
            model.addAttribute(
                    "recoveryCodes",
                    twoFactor.regenerateRecoveryCodes(person.accountId(), code, request.getRemoteAddr()));
            model.addAttribute("toast", "New recovery codes: the old ones no longer work.");
        } catch (ApiProblem refused) {
            return refused(model, response, person, refused);
        }
        return render(model, response, person);
    }

    @PostMapping(PATH + "/two-factor/disable")
    String disable(
            @RequestParam(required = false) String confirmation,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        SignedIn person = person();
        try {
            twoFactor.disable(person.accountId(), confirmation, request.getRemoteAddr());
        } catch (ApiProblem refused) {
            return refused(model, response, person, refused);
        }
        redirect.addFlashAttribute("toast", "Two-factor sign-in is off.");
        return "redirect:" + PATH;
    }

    private String refused(Model model, HttpServletResponse response, SignedIn person, ApiProblem refused) {
        response.setStatus(refused.status().value());
        refused.headers().forEach(response::setHeader);
        model.addAttribute("error", refused.getMessage());
        return render(model, response, person);
    }

    private String render(Model model, HttpServletResponse response, SignedIn person) {
        response.setHeader("Cache-Control", "no-store");
        if (!model.containsAttribute("required")) {
            model.addAttribute("required", false);
        }
        model.addAttribute("person", person);
        model.addAttribute("status", twoFactor.status(person.accountId()));
        return "members/account-security";
    }

    /** The chain lets only a signed-in person here. */
    private static SignedIn person() {
        return SignedIn.current().orElseThrow();
    }
}
