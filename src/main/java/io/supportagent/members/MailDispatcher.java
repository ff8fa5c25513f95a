package io.supportagent.members;

import io.supportagent.platform.db.PlatformJdbc;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The mail worker: claims due mail as the platform role ({@code FOR UPDATE SKIP LOCKED}, so several nodes share the
 * work) and sends it over SMTP when {@code SPRING_MAIL_HOST} is set; otherwise it writes each mail, link included, to
 * the log, which is for development only (the README says so). A failed send is retried with the configured backoff;
 * everything is in the database, so mail survives restarts.
 */
@Component
class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final int BATCH = 20;

    private final MailOutbox outbox;
    private final PlatformJdbc platform;
    private final MembersSettings settings;
    private final JavaMailSender smtp;
    private final Clock clock;
    private final boolean serving;
    private ScheduledExecutorService poller;

    MailDispatcher(
            MailOutbox outbox,
            PlatformJdbc platform,
            MembersSettings settings,
            ObjectProvider<JavaMailSender> smtp,
            Clock clock,
            @Value("${support-agent.command:serve}") String command) {
        this.outbox = outbox;
        this.platform = platform;
        this.settings = settings;
        this.smtp = smtp.getIfAvailable();
        this.clock = clock;
        this.serving = command.equals("serve");
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (!serving || !settings.mailWorker() || poller != null) {
            return;
        }
        if (smtp == null) {
            log.warn("No SMTP server configured (SPRING_MAIL_HOST): invitation and password-reset mail is written to"
                    + " this log instead, links included. That is for development only.");
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mail-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.mailPollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @jakarta.annotation.PreDestroy
    synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private void pollSafely() {
        try {
            while (poll() == BATCH) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            log.warn("Mail poll failed: {}", e.toString());
        }
    }

    /** One round: claims up to a batch of due mail and sends it. Answers how many. */
    int poll() {
        Instant now = clock.instant();
        List<MailOutbox.Due> due =
                platform.inTransaction(tx -> outbox.claim(tx, now, now.plus(Duration.ofMinutes(2)), BATCH));
        due.forEach(this::send);
        return due.size();
    }

    private void send(MailOutbox.Due mail) {
        try {
            if (smtp == null) {
                log.info(
                        "Mail (development only: no SMTP server configured)\nTo: {}\nSubject: {}\n\n{}",
                        mail.recipient(),
                        mail.subject(),
                        mail.body());
            } else {
                SimpleMailMessage message = new SimpleMailMessage();
                message.setFrom(new InternetAddress(settings.mailFrom()).toString());
                message.setTo(mail.recipient());
                message.setSubject(mail.subject());
                message.setText(mail.body());
                smtp.send(message);
            }
            outbox.sent(platform.jdbc(), mail.id(), clock.instant());
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            Instant retryAt = mail.attempt() >= settings.mailMaxAttempts()
                    ? null
                    : clock.instant().plus(settings.mailDelayAfter(mail.attempt()));
            outbox.failed(platform.jdbc(), mail.id(), error, retryAt);
            log.info(
                    "Mail {} attempt {} failed ({}){}",
                    mail.id(),
                    mail.attempt(),
                    error,
                    retryAt == null ? "; giving up" : "; retrying at " + retryAt);
        }
    }
}
