package io.github.seattleinstaller.service.jobs;

import io.github.seattleinstaller.builder.donors.CheckedDonors;
import io.github.seattleinstaller.builder.donors.DonorTable;
import io.github.seattleinstaller.builder.donors.VesselTemplate;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;
import io.github.seattleinstaller.service.build.BuildService;
import io.github.seattleinstaller.service.build.CurrentBases;
import io.github.seattleinstaller.service.notices.NoticeSender;
import io.github.seattleinstaller.service.notices.NoticeSettings;
import io.github.seattleinstaller.service.store.JobStore;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the REST API and the pages do with jobs: submit (checked whole first), cancel, retry, delete, read.
 *
 * <p>A submitted job is checked completely before anything is recorded: the template must exist, the notices must be
 * deliverable (a webhook needs the service's webhook secret, an e-mail its SMTP server), and every row of the donor
 * table must pass the core's rules ({@code DonorTable}, key text only). With any problem the job is refused with all
 * of them, each with its line, row, column and rule, and <em>nothing is queued</em>: fix the table and submit it
 * again. A job that is accepted therefore has no bad rows.
 */
public final class JobService {
    /** The most donors one job may have. */
    public static final int MAX_DONORS = 100_000;
    public static final String TEMPLATE_RULE = "a job names one of the service's templates";
    public static final String WEBHOOK_RULE = "a webhook is an http:// or https:// URL to a host the service allows,"
            + " and the service has a webhook secret to sign it with";
    public static final String EMAIL_RULE = "an e-mail notice goes to one address, and the service has an SMTP server";
    public static final String SIZE_RULE = "a job has at most " + MAX_DONORS + " donors";
    public static final String RETRY_RULE = "a job is retried once it has ended";

    private final JobStore jobs;
    private final TemplateService templates;
    private final JobScheduler scheduler;
    private final JobRunner runner;
    private final BuildService builds;
    private final Map<String, SeattlePublicKey> configuredKeys;
    private final NoticeSettings notices;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param configuredKeys keys the service fills in for every job whose template has their placeholder, such as
     *                       the clearinghouse's {@code acceptdonations} key
     */
    public JobService(JobStore jobs, TemplateService templates, JobScheduler scheduler, JobRunner runner,
            BuildService builds, Map<String, SeattlePublicKey> configuredKeys, NoticeSettings notices, Clock clock,
            SecureRandom random) {
        this.jobs = jobs;
        this.templates = templates;
        this.scheduler = scheduler;
        this.runner = runner;
        this.builds = builds;
        this.configuredKeys = Map.copyOf(configuredKeys);
        this.notices = notices;
        this.clock = clock;
        this.random = random;
    }

    /**
     * A job as asked for: a template by name, a donor table's bytes (an upload), and where to announce its end (a
     * webhook URL and an e-mail address as given, checked on submission).
     */
    public record Submission(String templateName, String tableName, byte[] table, Optional<String> webhook,
            Optional<String> email) {
        public Submission {
            table = table.clone();
            webhook = webhook.map(String::strip).filter(text -> !text.isEmpty());
            email = email.map(String::strip).filter(text -> !text.isEmpty());
        }
    }

    public Map<String, SeattlePublicKey> configuredKeys() {
        return configuredKeys;
    }

    /**
     * The columns a donor table for the template has here: {@code name}, one per placeholder the service does not
     * fill (not {@code operator}, nor configured keys such as {@code acceptdonations}), then the optional overlay
     * columns {@code users_v1}, ...
     */
    public List<String> columns(TemplateService.Template template) {
        Map<String, SeattlePublicKey> bound = new LinkedHashMap<>();
        configuredKeys.forEach((name, key) -> {
            if (template.template().placeholders().contains(name)) {
                bound.put(name, key);
            }
        });
        try (CurrentBases.Lease lease = builds.bases()) {
            bound.put(VesselTemplate.OPERATOR, lease.set().operatorKey().seattlePublicKey());
            DonorTable table = DonorTable.of(template.template(), bound, DonorTable.KeyFiles.REFUSED);
            List<String> columns = new ArrayList<>(table.requiredColumns());
            columns.addAll(table.overlayColumns().stream().map(column -> column + " (optional)").toList());
            return columns;
        } catch (InvalidInputException impossible) {
            throw new IllegalStateException("keys are bound only for the template's placeholders", impossible);
        }
    }

    public boolean webhooksAvailable() {
        return notices.webhookSecret().isPresent();
    }

    public boolean emailAvailable() {
        return notices.mail().isPresent();
    }

    /**
     * Checks the job whole and, if it passes, records and queues it.
     *
     * @throws InvalidInputException with every problem (template, notices, every bad row); nothing is recorded
     */
    public Job submit(Submission submission) throws IOException, InvalidInputException {
        List<InputProblem> problems = new ArrayList<>();
        Optional<TemplateService.Template> template = templates.find(submission.templateName());
        if (template.isEmpty()) {
            problems.add(InputProblem.whole("template", TEMPLATE_RULE, "there is no template '"
                    + InputProblem.abbreviate(submission.templateName()) + "'; the templates are "
                    + templates.list().stream().map(each -> "'" + each.name() + "'").collect(Collectors.joining(", "))));
        }
        NoticeTargets targets = noticeTargets(submission, problems);
        if (template.isEmpty()) {
            throw refused(problems);
        }
        Map<String, SeattlePublicKey> bound = new LinkedHashMap<>();
        configuredKeys.forEach((name, key) -> {
            if (template.get().template().placeholders().contains(name)) {
                bound.put(name, key);
            }
        });
        JobInput input = new JobInput(template.get().name(), template.get().text(), submission.tableName(),
                submission.table(), bound, targets);
        return record(input, problems, Optional.empty());
    }

    /**
     * A new job with the same input as an ended one (template text, table, keys, notices), checked again.
     *
     * @return empty if there is no such job
     * @throws InvalidInputException if the job has not ended, or its input no longer passes (new operator key, say)
     */
    public Optional<Job> retry(JobId id) throws IOException, InvalidInputException {
        Optional<Job> job = jobs.find(id);
        Optional<JobStore.StoredInput> stored = jobs.input(id);
        if (job.isEmpty() || stored.isEmpty()) {
            return Optional.empty();
        }
        if (!job.get().state().ended()) {
            throw new InvalidInputException("Job " + id + " cannot be retried", List.of(InputProblem.whole("job " + id,
                    RETRY_RULE, "it is " + job.get().state().label())));
        }
        return Optional.of(record(stored.get().input(), new ArrayList<>(), Optional.of(id)));
    }

    private Job record(JobInput input, List<InputProblem> problems, Optional<JobId> retryOf)
            throws IOException, InvalidInputException {
        int total = 0;
        try (CurrentBases.Lease lease = builds.bases()) {
            CheckedDonors donors = input.check(lease.set().operatorKey().seattlePublicKey());
            total = donors.size();
            if (total > MAX_DONORS) {
                problems.add(InputProblem.whole(input.tableName(), SIZE_RULE, "it has " + total));
            }
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw refused(problems);
        }
        JobId id = JobId.random(random);
        jobs.insert(id, clock.instant(), input, total, retryOf, DonorBuildIds.newSeed(random));
        scheduler.schedule(id);
        return jobs.find(id).orElseThrow(() -> new IOException("job " + id + " vanished after it was recorded"));
    }

    private static InvalidInputException refused(List<InputProblem> problems) {
        return new InvalidInputException("The job was refused and nothing was queued; fix every problem and submit"
                + " it again", problems);
    }

    /** The notice targets, or the problems of each to {@code problems}. */
    private NoticeTargets noticeTargets(Submission submission, List<InputProblem> problems) {
        Optional<URI> webhook = Optional.empty();
        if (submission.webhook().isPresent()) {
            String text = submission.webhook().get();
            Optional<URI> url = Optional.empty();
            try {
                url = Optional.of(new URI(text));
            } catch (URISyntaxException e) {
                // Reported below, as any URL that is not http(s) with a host.
            }
            String scheme = url.map(URI::getScheme).orElse("").toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.get().getHost() == null) {
                problems.add(InputProblem.whole("webhook", WEBHOOK_RULE, "'" + InputProblem.abbreviate(text)
                        + "' is not an http:// or https:// URL with a host"));
            } else if (!notices.webhookHosts().allows(url.get().getHost())) {
                problems.add(InputProblem.whole("webhook", WEBHOOK_RULE, "'" + InputProblem.abbreviate(text)
                        + "' names the host " + url.get().getHost() + ", and this service sends webhooks only to "
                        + notices.webhookHosts() + " (--webhook-hosts)"));
            } else {
                webhook = url;
            }
            if (notices.webhookSecret().isEmpty()) {
                problems.add(InputProblem.whole("webhook", WEBHOOK_RULE, "this service has no webhook secret"
                        + " (--webhook-secret-file or SEATTLE_WEBHOOK_SECRET)"));
            }
        }
        if (submission.email().isPresent()) {
            String address = submission.email().get();
            NoticeSender.addressProblem(address).ifPresent(problem -> problems.add(InputProblem.whole("email",
                    EMAIL_RULE, "'" + InputProblem.abbreviate(address) + "': " + problem)));
            if (notices.mail().isEmpty()) {
                problems.add(InputProblem.whole("email", EMAIL_RULE, "this service has no SMTP server (--smtp-host)"));
            }
        }
        return new NoticeTargets(webhook, submission.email());
    }

    public Optional<Job> find(JobId id) throws IOException {
        return jobs.find(id);
    }

    /** Cancels a queued job at once (and sends its notices), or stops a running one before its next donor. */
    public JobStore.Change cancel(JobId id) throws IOException {
        JobStore.Change change = jobs.cancel(id, clock.instant());
        if (change == JobStore.Change.CANCELLED) {
            scheduler.unschedule(id);
            scheduler.ended(id, JobState.CANCELLED, jobs.find(id).map(Job::notices).orElse(NoticeTargets.NONE));
        } else if (change == JobStore.Change.STOPPING) {
            runner.cancelLocally(id);
        }
        return change;
    }

    /** Deletes a job that is not running, with its log and steps; its builds stay downloadable. */
    public JobStore.Change delete(JobId id) throws IOException {
        JobStore.Change change = jobs.delete(id);
        if (change == JobStore.Change.DELETED) {
            scheduler.unschedule(id);
        }
        return change;
    }

    public JobStore store() {
        return jobs;
    }
}
