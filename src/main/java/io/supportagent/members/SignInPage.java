package io.supportagent.members;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code GET /login}: the sign-in form (the chain's form login handles the POST). */
@Controller
class SignInPage {

    private final OidcSignIn oidc;

    SignInPage(OidcSignIn oidc) {
        this.oidc = oidc;
    }

    @GetMapping("/login")
    String page(
            Model model,
            @RequestParam(name = "continue", required = false) String next,
            @RequestParam(name = "error", required = false) String error,
            @RequestParam(name = "signed-out", required = false) String signedOut) {
        if (SignedIn.current().isPresent() && next == null && !model.containsAttribute("error")) {
            return "redirect:/app";
        }
        if (!model.containsAttribute("error") && error != null) {
            model.addAttribute("error", error);
        }
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("providers", oidc.providers());
        model.addAttribute("continue", DashboardSignIn.safeContinue(next) ? next : null);
        return "members/sign-in";
    }
}
