package io.supportagent.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The SMTP server's place in tests (mail leaves our reach there): the application's mail worker hands each mail to
 * this sender, which keeps it for the test to read, as a mailbox would.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MailCatcher extends JavaMailSenderImpl {

    private final List<SimpleMailMessage> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(SimpleMailMessage... messages) {
        sent.addAll(List.of(messages));
    }

    /** The mail to {@code recipient} whose text contains {@code contains}, waiting for the worker to send it. */
    public SimpleMailMessage await(String recipient, String contains) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> sent.stream()
                                .filter(m ->
                                        m.getTo() != null && List.of(m.getTo()).contains(recipient))
                                .filter(m -> m.getText() != null && m.getText().contains(contains))
                                .reduce((first, second) -> second)
                                .orElse(null),
                        m -> m != null);
    }

    /** The next mail to {@code recipient} after the {@code seen} it had, waiting for the worker to send it. */
    public SimpleMailMessage awaitNext(String recipient, int seen) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> to(recipient), all -> all.size() > seen)
                .get(seen);
    }

    public List<SimpleMailMessage> to(String recipient) {
        return sent.stream()
                .filter(m -> m.getTo() != null && List.of(m.getTo()).contains(recipient))
                .toList();
    }

    /** The path and query of the first link of this server in a mail's text. */
    public static String link(SimpleMailMessage mail) {
        Matcher link = Pattern.compile("https?://[^/\\s]+(/\\S+)").matcher(mail.getText());
        if (!link.find()) {
            throw new AssertionError("no link in " + mail.getText());
        }
        return link.group(1);
    }
}
