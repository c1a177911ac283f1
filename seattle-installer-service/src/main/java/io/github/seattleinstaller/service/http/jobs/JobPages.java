package io.github.seattleinstaller.service.http.jobs;

import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.service.http.InstallerUrls;
import io.github.seattleinstaller.service.http.Pages;
import io.github.seattleinstaller.service.http.Responses;
import io.github.seattleinstaller.service.jobs.Job;
import io.github.seattleinstaller.service.jobs.JobEvent;
import io.github.seattleinstaller.service.jobs.JobId;
import io.github.seattleinstaller.service.jobs.JobLinks;
import io.github.seattleinstaller.service.jobs.JobService;
import io.github.seattleinstaller.service.jobs.JobState;
import io.github.seattleinstaller.service.jobs.JobStep;
import io.github.seattleinstaller.service.jobs.TemplateService;
import io.github.seattleinstaller.service.pages.FormInput;
import io.github.seattleinstaller.service.store.JobStore;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jobs' pages, server-rendered (JTE, escaped by context) and usable without JavaScript:
 * <ul>
 *   <li>{@code GET /jobs/}: the queue, newest first, {@value #PAGE_SIZE} a page, filtered by {@code ?state=}, with a
 *       progress bar per job (an operator view: the token, or this machine without one);</li>
 *   <li>{@code GET /jobs/new} and {@code POST /jobs/}: the form (a donor table uploaded or pasted, a template,
 *       notices); a refused job comes back with every problem;</li>
 *   <li>{@code GET /jobs/{id}/}: the job, its log (live through {@code events}, or reloaded every 5 s without
 *       scripts), its manifest, and the actions {@code POST .../cancel}, {@code .../retry}, {@code .../delete};</li>
 *   <li>{@code GET /templates/}, {@code POST /templates/}, {@code POST /templates/{name}/delete}.</li>
 * </ul>
 */
public final class JobPages {
    public static final int PAGE_SIZE = JobsApi.DEFAULT_PAGE_SIZE;
    /** Donors' lines on a job's page; the whole log has every one. */
    static final int LOG_DONOR_LINES = 200;
    private static final int LOG_EVENTS = 500;
    /** The job form's fields: template, table, tableText, webhook, email, and room for a browser's extras. */
    private static final int JOB_FORM_FIELDS = 8;
    private static final int TEMPLATE_FORM_FIELDS = 16;

    private final JobService jobs;
    private final TemplateService templates;
    private final JobHttp http;
    private final InstallerUrls urls;
    private final Pages pages;
    private final Clock clock;

    public JobPages(JobService jobs, TemplateService templates, JobHttp http, InstallerUrls urls, Pages pages,
            Clock clock) {
        this.jobs = jobs;
        this.templates = templates;
        this.http = http;
        this.urls = urls;
        this.pages = pages;
        this.clock = clock;
    }

    /** {@code GET /jobs/} */
    public void queue(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        if (!http.mayView(request, response, callback)) {
            return;
        }
        Optional<JobsApi.QueueQuery> query = JobsApi.QueueQuery.of(request, response, callback);
        if (query.isEmpty()) {
            return;
        }
        JobStore store = jobs.store();
        Optional<JobState> state = query.get().state();
        int total = store.count(state);
        int pageCount = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(query.get().page(), pageCount);
        Instant now = clock.instant();
        List<JobRow> rows = store.list(state, (page - 1) * PAGE_SIZE, PAGE_SIZE).stream()
                .map(job -> JobRow.of(job, now)).toList();
        pages.send(response, callback, HttpStatus.OK_200, "jobs/queue.jte", new QueuePage(rows,
                state.map(JobState::label).orElse(""), Arrays.stream(JobState.values()).map(JobState::label).toList(),
                page, pageCount, total, urls.base(request)));
    }

    /** {@code GET /jobs/new} */
    public void form(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        sendForm(request, response, callback, HttpStatus.OK_200, JobHttp.query(request, "template")
                .orElse(TemplateService.DEFAULT_NAME), "", "", List.of(),
                JobHttp.query(request, "notice").map(JobPages::noticeText).orElse(""));
    }

    private void sendForm(Request request, Response response, Callback callback, int status, String template,
            String webhook, String email, List<String> problems, String notice) throws IOException {
        List<NewJobPage.TemplateChoice> choices = new ArrayList<>();
        for (TemplateService.Template each : templates.list()) {
            choices.add(new NewJobPage.TemplateChoice(each.name(), String.join(", ", jobs.columns(each)), each.builtIn()));
        }
        pages.send(response, callback, status, "jobs/new.jte", new NewJobPage(choices, template, webhook, email,
                jobs.webhooksAvailable(), jobs.emailAvailable(), problems, http.maxBytes(), http.tokenRequired(),
                notice, urls.base(request)));
    }

    /**
     * {@code POST /jobs/}: a form (multipart, as the page sends it, or url-encoded) with {@code table} (a file) or
     * {@code tableText}, and the rest.
     */
    public void submit(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        if (!http.sameSite(request, response, callback) || !http.mayWrite(request, response, callback)) {
            return;
        }
        if (request.getLength() > http.maxBytes()) {
            http.tooLarge(request, response, callback, request.getLength());
            return;
        }
        Optional<FormInput> read = http.form(request, response, callback, http.maxBytes(), JOB_FORM_FIELDS);
        if (read.isEmpty()) {
            return;
        }
        FormInput form = read.get();
        String template = field(form, "template").orElse(TemplateService.DEFAULT_NAME);
        String webhook = field(form, "webhook").orElse("");
        String email = field(form, "email").orElse("");
        Optional<FormInput.Upload> file = form.file("table").filter(upload -> upload.content().length > 0);
        byte[] table;
        String tableName;
        if (file.isPresent()) {
            table = file.get().content();
            tableName = Optional.of(file.get().fileName().replaceAll("^.*[/\\\\]", "")).filter(name -> !name.isBlank())
                    .orElse("donors.csv");
        } else {
            table = field(form, "tableText").map(text -> text.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
            tableName = "pasted table";
        }
        if (table.length == 0) {
            sendForm(request, response, callback, HttpStatus.UNPROCESSABLE_ENTITY_422, template, webhook, email,
                    List.of("Choose a donor table file, or paste the table."), "");
            return;
        }
        try {
            Job job = jobs.submit(new JobService.Submission(template, tableName, table, Optional.of(webhook),
                    Optional.of(email)));
            Responses.seeOther(response, callback, page(request, job.id()));
        } catch (InvalidInputException e) {
            sendForm(request, response, callback, HttpStatus.UNPROCESSABLE_ENTITY_422, template, webhook, email,
                    e.problems().stream().map(InputProblem::describe).toList(), "");
        }
    }

    /** The field's value, stripped; empty when absent or blank. */
    private static Optional<String> field(FormInput form, String name) {
        return Optional.of(form.value(name).strip()).filter(text -> !text.isEmpty());
    }

    /** {@code GET /jobs/{id}/}, with {@code ?notice=} after an action. */
    public void job(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        Optional<Job> found = JobHttp.job(jobs, params, request, response, callback);
        if (found.isEmpty()) {
            return;
        }
        Job job = found.get();
        JobStore store = jobs.store();
        List<JobEvent> events = store.events(job.id(), 0, LOG_EVENTS);
        List<JobStep> steps = store.lastSteps(job.id(), LOG_DONOR_LINES);
        long lastEvent = events.isEmpty() ? 0 : events.get(events.size() - 1).id();
        int lastStep = steps.isEmpty() ? -1 : steps.get(steps.size() - 1).index();
        int earlier = Math.max(0, job.processed() - steps.size());
        String notice = JobHttp.query(request, "notice").map(JobPages::noticeText).orElse("");
        pages.send(response, callback, HttpStatus.OK_200, "jobs/job.jte", new JobPage(JobRow.of(job, clock.instant()),
                job.startedAt().map(JobRow::time).orElse(""), job.finishedAt().map(JobRow::time).orElse(""),
                job.instance().orElse(""), job.runs(), job.error().orElse(""),
                job.notices().webhook().map(Object::toString).orElse(""), job.notices().email().orElse(""),
                job.retryOf().map(JobId::hex).orElse(""), LogLine.merge(events, steps), earlier,
                JobEventStream.cursor(lastEvent, lastStep), notice,
                !job.state().ended() && !job.cancelRequested(), job.state().ended(),
                job.state() != JobState.RUNNING, urls.base(request)));
    }

    /** What an action did, said on the page it leads to; only these fixed texts, never the query's own. */
    private static String noticeText(String key) {
        return switch (key) {
            case "cancelled" -> "The job is cancelled.";
            case "stopping" -> "Cancel requested: the job stops before its next donor.";
            case "retry" -> "This is a new job with the same input.";
            case "deleted" -> "The job is deleted; its builds stay downloadable.";
            case "saved" -> "The template is saved.";
            case "template-deleted" -> "The template is deleted; jobs made with it keep their copy.";
            default -> "";
        };
    }

    /** {@code POST /jobs/{id}/cancel} */
    public void cancel(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        Optional<JobId> id = action(request, response, callback, params);
        if (id.isEmpty()) {
            return;
        }
        JobStore.Change change = jobs.cancel(id.get());
        switch (change) {
            case CANCELLED -> Responses.seeOther(response, callback, page(request, id.get()) + "?notice=cancelled");
            case STOPPING -> Responses.seeOther(response, callback, page(request, id.get()) + "?notice=stopping");
            case ENDED -> Responses.error(request, response, callback, HttpStatus.CONFLICT_409,
                    "The job has ended: there is nothing to cancel.");
            default -> Responses.error(request, response, callback, HttpStatus.NOT_FOUND_404, "There is no such job.");
        }
    }

    /** {@code POST /jobs/{id}/retry} */
    public void retry(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        Optional<JobId> id = action(request, response, callback, params);
        if (id.isEmpty()) {
            return;
        }
        try {
            Optional<Job> retried = jobs.retry(id.get());
            if (retried.isEmpty()) {
                Responses.error(request, response, callback, HttpStatus.NOT_FOUND_404, "There is no such job.");
            } else {
                Responses.seeOther(response, callback, page(request, retried.get().id()) + "?notice=retry");
            }
        } catch (InvalidInputException e) {
            Responses.error(request, response, callback, HttpStatus.CONFLICT_409, e.getMessage());
        }
    }

    /** {@code POST /jobs/{id}/delete} */
    public void delete(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        Optional<JobId> id = action(request, response, callback, params);
        if (id.isEmpty()) {
            return;
        }
        switch (jobs.delete(id.get())) {
            case DELETED -> Responses.seeOther(response, callback, urls.base(request) + "/jobs/new?notice=deleted");
            case RUNNING -> Responses.error(request, response, callback, HttpStatus.CONFLICT_409,
                    "The job is running: cancel it first, then delete it once it has stopped.");
            default -> Responses.error(request, response, callback, HttpStatus.NOT_FOUND_404, "There is no such job.");
        }
    }

    private Optional<JobId> action(Request request, Response response, Callback callback, Map<String, String> params) {
        Optional<JobId> id = JobHttp.jobId(params.get("job"), request, response, callback);
        if (id.isEmpty() || !http.sameSite(request, response, callback) || !http.mayWrite(request, response, callback)) {
            return Optional.empty();
        }
        return id;
    }

    /** {@code GET /templates/} */
    public void templates(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        sendTemplates(request, response, callback, HttpStatus.OK_200, "", "", List.of(),
                JobHttp.query(request, "notice").map(JobPages::noticeText).orElse(""));
    }

    private void sendTemplates(Request request, Response response, Callback callback, int status, String name,
            String text, List<String> problems, String notice) throws IOException {
        List<TemplatesPage.Entry> entries = new ArrayList<>();
        for (TemplateService.Template each : templates.list()) {
            entries.add(new TemplatesPage.Entry(each.name(), each.text(), String.join(", ", jobs.columns(each)),
                    each.builtIn(), each.updatedAt().map(JobRow::time).orElse("")));
        }
        pages.send(response, callback, status, "jobs/templates.jte", new TemplatesPage(entries, name, text, problems,
                notice, urls.base(request)));
    }

    /** {@code POST /templates/} with {@code name} and {@code text} */
    public void saveTemplate(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        if (!http.sameSite(request, response, callback) || !http.mayOperate(request, response, callback)) {
            return;
        }
        Optional<FormInput> form = http.form(request, response, callback, TemplateService.MAX_TEXT + 1024,
                TEMPLATE_FORM_FIELDS);
        if (form.isEmpty()) {
            return;
        }
        String name = form.get().value("name").strip();
        String text = form.get().value("text").replace("\r\n", "\n");
        try {
            templates.save(name, text);
            Responses.seeOther(response, callback, urls.base(request) + "/templates/?notice=saved");
        } catch (InvalidInputException e) {
            sendTemplates(request, response, callback, HttpStatus.UNPROCESSABLE_ENTITY_422, name, text,
                    e.problems().stream().map(InputProblem::describe).toList(), "");
        }
    }

    /** {@code POST /templates/{name}/delete} */
    public void deleteTemplate(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        if (!http.sameSite(request, response, callback) || !http.mayOperate(request, response, callback)) {
            return;
        }
        switch (templates.delete(params.get("name"))) {
            case DELETED -> Responses.seeOther(response, callback, urls.base(request) + "/templates/?notice=template-deleted");
            case BUILT_IN -> Responses.error(request, response, callback, HttpStatus.CONFLICT_409,
                    TemplateService.BUILT_IN_RULE);
            default -> Responses.error(request, response, callback, HttpStatus.NOT_FOUND_404,
                    "There is no such template.");
        }
    }

    private String page(Request request, JobId id) {
        return new JobLinks(urls.base(request)).page(id);
    }
}
