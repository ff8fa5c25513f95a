package io.supportagent.members;

import io.supportagent.platform.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /password-reset}: ask for a reset link by email (the answer never tells whether an account exists), and
 * {@code /password-reset/confirm?token=…}: choose a new password through the link, once.
 */
@Controller
class PasswordResetPage {

    private final MemberService members;

    PasswordResetPage(MemberService members) {
        this.members = members;
    }

    @GetMapping("/password-reset")
    String form(@RequestParam(required = false) String sent, Model model) {
        model.addAttribute("sent", sent != null);
        return "members/password-reset";
    }

    @PostMapping("/password-reset")
    String request(@RequestParam(required = false) String email) {
        members.requestPasswordReset(email);
        return "redirect:/password-reset?sent";
    }

    @GetMapping("/password-reset/confirm")
    String confirmForm(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        return render(token, model, response);
    }

    @PostMapping("/password-reset/confirm")
    String confirm(
            @RequestParam(required = false) String token,
            @RequestParam(required = false) String password,
            @RequestParam(name = "password_confirmation", required = false) String confirmation,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (!Objects.equals(password, confirmation)) {
            response.setStatus(400);
            model.addAttribute("formError", "The two passwords differ.");
            return render(token, model, response);
        }
        try {
            String email = members.resetPassword(token, password);
            redirect.addFlashAttribute("email", email);
            redirect.addFlashAttribute("notice", "password-reset");
            return "redirect:/login";
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("formError", problem.getMessage());
            return render(token, model, response);
        }
    }

    private String render(String token, Model model, HttpServletResponse response) {
        Optional<String> email = members.passwordResetEmail(token);
        if (email.isEmpty()) {
            response.setStatus(410);
            model.addAttribute("state", "closed");
        } else {
            model.addAttribute("state", "open");
            model.addAttribute("email", email.get());
            model.addAttribute("token", token);
        }
        return "members/password-reset-confirm";
    }
}
