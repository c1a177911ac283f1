package io.github.seattleinstaller.service.notices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.seattleinstaller.service.jobs.Job;
import io.github.seattleinstaller.service.jobs.JobId;
import io.github.seattleinstaller.service.jobs.JobJson;
import io.github.seattleinstaller.service.jobs.JobLinks;
import io.github.seattleinstaller.service.store.JobStore;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Sends one notice of a job's end: a webhook (a JSON POST of the job, as the REST API shows it, with its
 * HMAC-SHA256 in {@value #SIGNATURE_HEADER}) or an e-mail (through SMTP with Jakarta Mail), each with the outcome
 * and a link to the job's page. A delivery either succeeds or throws with the reason; the job library retries it
 * ({@code JobScheduler}). A notice never changes its job.
 */
public final class NoticeSender {
    /** {@code sha256=<hex of HMAC-SHA256(secret, body)>}, as GitHub signs its webhooks. */
    public static final String SIGNATURE_HEADER = "X-Seattle-Signature-256";
    public static final String EVENT_HEADER = "X-Seattle-Event";
    public static final String DELIVERY_HEADER = "X-Seattle-Delivery";
    public static final String EVENT = "job.ended";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final NoticeSettings settings;
    private final JobStore jobs;
    private final Clock clock;
    private final HttpClient http;

    public NoticeSender(NoticeSettings settings, JobStore jobs, Clock clock) {
        this.settings = settings;
        this.jobs = jobs;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public NoticeSettings settings() {
        return settings;
    }

    /** The job has not ended yet: its notice waits. */
    public static final class NotEnded extends Exception {
        private static final long serialVersionUID = 1L;

        NotEnded(JobId id) {
            super("job " + id + " has not ended yet");
        }
    }

    /**
     * Sends the notice of the job's end.
     *
     * @return what happened, for the job's log; empty if the job is gone (deleted), and there is nothing to send
     * @throws NotEnded while the job runs
     * @throws IOException (or another exception) with the reason the notice could not be delivered
     */
    public Optional<String> deliver(JobId id, NoticeKind kind) throws Exception {
        Optional<Job> found = jobs.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Job job = found.get();
        if (!job.state().ended()) {
            throw new NotEnded(id);
        }
        return Optional.of(switch (kind) {
            case WEBHOOK -> webhook(job);
            case EMAIL -> email(job);
        });
    }

    private String webhook(Job job) throws IOException, InterruptedException {
        URI url = job.notices().webhook().orElseThrow(() -> new IOException("the job asked for no webhook"));
        byte[] secret = settings.webhookSecret().orElseThrow(() -> new IOException(
                "no webhook secret is configured (--webhook-secret-file or SEATTLE_WEBHOOK_SECRET)"));
        byte[] body = payload(job);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "seattle-installer-service")
                .header(EVENT_HEADER, EVENT)
                .header(DELIVERY_HEADER, job.id().hex() + "-" + job.state().label())
                .header(SIGNATURE_HEADER, signature(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(url + " answered HTTP " + response.statusCode());
        }
        return "Notice sent by webhook to " + url + " (HTTP " + response.statusCode() + ")";
    }

    private String email(Job job) throws MessagingException, IOException {
        String to = job.notices().email().orElseThrow(() -> new IOException("the job asked for no e-mail"));
        MailSettings mail = settings.mail().orElseThrow(() -> new IOException(
                "no SMTP server is configured (--smtp-host)"));
        Properties properties = new Properties();
        properties.put("mail.smtp.host", mail.host());
        properties.put("mail.smtp.port", String.valueOf(mail.port()));
        properties.put("mail.smtp.connectiontimeout", String.valueOf(TIMEOUT.toMillis()));
        properties.put("mail.smtp.timeout", String.valueOf(TIMEOUT.toMillis()));
        properties.put("mail.smtp.writetimeout", String.valueOf(TIMEOUT.toMillis()));
        if (mail.startTls()) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        Authenticator authenticator = null;
        if (mail.user().isPresent()) {
            properties.put("mail.smtp.auth", "true");
            String user = mail.user().get();
            String password = mail.password().orElseThrow();
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        Session session = Session.getInstance(properties, authenticator);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(mail.from(), true));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
        message.setSubject(subject(job), StandardCharsets.UTF_8.name());
        message.setText(text(job), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(clock.instant()));
        Transport.send(message);
        return "Notice sent by e-mail to " + to + " through " + mail;
    }

    /** The webhook's body: the job as the REST API shows it, with {@code "event": "job.ended"}. */
    public byte[] payload(Job job) {
        ObjectNode json = JobJson.MAPPER.createObjectNode();
        json.put("event", EVENT);
        json.set("job", JobJson.of(job, links(), clock.instant()));
        try {
            return JobJson.MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** {@code sha256=} and the lowercase hex of HMAC-SHA256 of the body with the secret. */
    public static String signature(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", impossible);
        }
    }

    /** Checks an e-mail address as a job's notice target; the message says what is wrong. */
    public static Optional<String> addressProblem(String address) {
        try {
            InternetAddress[] parsed = InternetAddress.parse(address, true);
            if (parsed.length != 1 || !parsed[0].getAddress().contains("@")) {
                return Optional.of("give one address such as ops@example.org");
            }
            return Optional.empty();
        } catch (AddressException e) {
            return Optional.of(e.getMessage());
        }
    }

    private JobLinks links() {
        return new JobLinks(settings.linkBase());
    }

    private String subject(Job job) {
        return "Seattle installer job " + job.id().hex().substring(0, 8) + " " + job.state().label() + ": "
                + job.built() + " of " + job.total() + " donors built";
    }

    private String text(Job job) {
        StringBuilder text = new StringBuilder();
        text.append("The installer job ").append(job.id()).append(" has ended: ")
                .append(job.state().label().toUpperCase(Locale.ROOT)).append(".\n\n");
        text.append("Template: ").append(job.templateName()).append("; donor table: ").append(job.tableName()).append('\n');
        text.append("Donors: ").append(job.built()).append(" built, ").append(job.failed()).append(" failed, of ")
                .append(job.total()).append('\n');
        job.error().ifPresent(error -> text.append("Error: ").append(error).append('\n'));
        text.append("\nThe job, its log and its manifest: ").append(links().page(job.id())).append('\n');
        text.append("Manifest (CSV): ").append(links().manifest(job.id(), "csv")).append('\n');
        return text.toString();
    }
}
