package io.github.seattleinstaller.service.http.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.service.clearinghouse.ClearinghousePlatform;
import io.github.seattleinstaller.service.http.InstallerUrls;
import io.github.seattleinstaller.service.http.Responses;
import io.github.seattleinstaller.service.jobs.Job;
import io.github.seattleinstaller.service.jobs.JobId;
import io.github.seattleinstaller.service.jobs.JobJson;
import io.github.seattleinstaller.service.jobs.JobLinks;
import io.github.seattleinstaller.service.jobs.JobService;
import io.github.seattleinstaller.service.jobs.JobState;
import io.github.seattleinstaller.service.jobs.JobStep;
import io.github.seattleinstaller.service.jobs.TemplateService;
import io.github.seattleinstaller.service.store.JobStore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The jobs' REST API (JSON), relative to the context path:
 * <ul>
 *   <li>{@code POST /api/jobs}: submit, either JSON {@code {"template": "clearinghouse", "tableName": "lab.csv",
 *       "table": "<the CSV text>", "notify": {"webhook": URL, "email": ADDRESS}}} or the CSV itself
 *       ({@code Content-Type: text/csv}) with {@code ?template=&tableName=&webhook=&email=}. 201 with the job and
 *       its {@code Location}; 422 with every problem (nothing is queued);</li>
 *   <li>{@code GET /api/jobs?state=&page=&size=}: the queue, newest first (operator view);</li>
 *   <li>{@code GET /api/jobs/{id}}: the job and its progress;</li>
 *   <li>{@code POST /api/jobs/{id}/cancel}, {@code POST /api/jobs/{id}/retry} (201, the new job),
 *       {@code DELETE /api/jobs/{id}} (409 while running);</li>
 *   <li>{@code GET /jobs/{id}/manifest.json}, {@code .../manifest.csv}, {@code .../log.txt};</li>
 *   <li>{@code GET /api/templates}, {@code GET|PUT|DELETE /api/templates/{name}} (the text as {@code text/plain};
 *       changes are operator actions).</li>
 * </ul>
 */
public final class JobsApi {
    public static final int DEFAULT_PAGE_SIZE = 30;
    public static final int MAX_PAGE_SIZE = 500;

    private final JobService jobs;
    private final TemplateService templates;
    private final JobHttp http;
    private final InstallerUrls urls;
    private final Clock clock;

    public JobsApi(JobService jobs, TemplateService templates, JobHttp http, InstallerUrls urls, Clock clock) {
        this.jobs = jobs;
        this.templates = templates;
        this.http = http;
        this.urls = urls;
        this.clock = clock;
    }

    JobLinks links(Request request) {
        return new JobLinks(urls.base(request));
    }

    /** {@code POST /api/jobs} */
    public void submit(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        if (!http.mayWrite(request, response, callback)) {
            return;
        }
        Optional<byte[]> body = http.body(request, response, callback);
        if (body.isEmpty()) {
            return;
        }
        String type = Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_TYPE)).orElse("")
                .toLowerCase(java.util.Locale.ROOT);
        JobService.Submission submission;
        if (type.startsWith("text/csv") || type.startsWith("text/plain")) {
            submission = new JobService.Submission(
                    JobHttp.query(request, "template").orElse(TemplateService.DEFAULT_NAME),
                    JobHttp.query(request, "tableName").orElse("donors.csv"), body.get(),
                    JobHttp.query(request, "webhook"), JobHttp.query(request, "email"));
        } else {
            JsonNode json;
            try {
                json = JobJson.MAPPER.readTree(body.get());
            } catch (IOException e) {
                JobHttp.json(response, callback, HttpStatus.BAD_REQUEST_400, JobHttp.error("The body is neither JSON"
                        + " nor a CSV (Content-Type: text/csv): " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException parse
                        ? parse.getOriginalMessage() : e.getMessage())));
                return;
            }
            if (json == null || !json.isObject() || !json.path("table").isTextual()) {
                JobHttp.json(response, callback, HttpStatus.BAD_REQUEST_400, JobHttp.error("A job is a JSON object"
                        + " with \"table\" (the donor table's CSV text) and optionally \"template\", \"tableName\" and"
                        + " \"notify\": {\"webhook\": URL, \"email\": ADDRESS}"));
                return;
            }
            JsonNode notify = json.path("notify");
            submission = new JobService.Submission(text(json, "template").orElse(TemplateService.DEFAULT_NAME),
                    text(json, "tableName").orElse("donors.csv"),
                    json.get("table").asText().getBytes(StandardCharsets.UTF_8), text(notify, "webhook"),
                    text(notify, "email"));
        }
        try {
            Job job = jobs.submit(submission);
            response.getHeaders().put(HttpHeader.LOCATION, links(request).api(job.id()));
            JobHttp.json(response, callback, HttpStatus.CREATED_201, JobJson.of(job, links(request), clock.instant()));
        } catch (InvalidInputException e) {
            JobHttp.json(response, callback, HttpStatus.UNPROCESSABLE_ENTITY_422, JobHttp.problems(e));
        }
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** {@code GET /api/jobs?state=&page=&size=} */
    public void list(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        if (!http.mayView(request, response, callback)) {
            return;
        }
        Optional<QueueQuery> query = QueueQuery.of(request, response, callback);
        if (query.isEmpty()) {
            return;
        }
        JobStore store = jobs.store();
        ObjectNode json = JobJson.MAPPER.createObjectNode();
        json.put("total", store.count(query.get().state()));
        json.put("page", query.get().page());
        json.put("size", query.get().size());
        ArrayNode list = json.putArray("jobs");
        JobLinks links = links(request);
        Instant now = clock.instant();
        for (Job job : store.list(query.get().state(), query.get().offset(), query.get().size())) {
            list.add(JobJson.of(job, links, now));
        }
        JobHttp.json(response, callback, HttpStatus.OK_200, json);
    }

    /** {@code GET /api/jobs/{id}} */
    public void get(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        Optional<Job> job = JobHttp.job(jobs, params, request, response, callback);
        if (job.isPresent()) {
            JobHttp.json(response, callback, HttpStatus.OK_200, JobJson.of(job.get(), links(request), clock.instant()));
        }
    }

    /** {@code POST /api/jobs/{id}/cancel} */
    public void cancel(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        Optional<JobId> id = JobHttp.jobId(params.get("job"), request, response, callback);
        if (id.isEmpty() || !http.mayWrite(request, response, callback)) {
            return;
        }
        JobStore.Change change = jobs.cancel(id.get());
        switch (change) {
            case CANCELLED, STOPPING -> JobHttp.json(response, callback, HttpStatus.ACCEPTED_202,
                    JobJson.of(jobs.find(id.get()).orElseThrow(), links(request), clock.instant()));
            case ENDED -> JobHttp.json(response, callback, HttpStatus.CONFLICT_409,
                    JobHttp.error("The job has ended: there is nothing to cancel."));
            default -> JobHttp.json(response, callback, HttpStatus.NOT_FOUND_404, JobHttp.error("There is no such job."));
        }
    }

    /** {@code POST /api/jobs/{id}/retry} */
    public void retry(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        Optional<JobId> id = JobHttp.jobId(params.get("job"), request, response, callback);
        if (id.isEmpty() || !http.mayWrite(request, response, callback)) {
            return;
        }
        try {
            Optional<Job> retried = jobs.retry(id.get());
            if (retried.isEmpty()) {
                JobHttp.json(response, callback, HttpStatus.NOT_FOUND_404, JobHttp.error("There is no such job."));
                return;
            }
            response.getHeaders().put(HttpHeader.LOCATION, links(request).api(retried.get().id()));
            JobHttp.json(response, callback, HttpStatus.CREATED_201, JobJson.of(retried.get(), links(request),
                    clock.instant()));
        } catch (InvalidInputException e) {
            boolean running = e.problems().stream().anyMatch(problem -> problem.rule().equals(JobService.RETRY_RULE));
            JobHttp.json(response, callback, running ? HttpStatus.CONFLICT_409 : HttpStatus.UNPROCESSABLE_ENTITY_422,
                    JobHttp.problems(e));
        }
    }

    /** {@code DELETE /api/jobs/{id}} */
    public void delete(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        Optional<JobId> id = JobHttp.jobId(params.get("job"), request, response, callback);
        if (id.isEmpty() || !http.mayWrite(request, response, callback)) {
            return;
        }
        switch (jobs.delete(id.get())) {
            case DELETED -> JobHttp.json(response, callback, HttpStatus.OK_200, JobHttp.message("Job " + id.get()
                    + " is deleted with its log; its builds stay downloadable."));
            case RUNNING -> JobHttp.json(response, callback, HttpStatus.CONFLICT_409,
                    JobHttp.error("The job is running: cancel it first, then delete it once it has stopped."));
            default -> JobHttp.json(response, callback, HttpStatus.NOT_FOUND_404, JobHttp.error("There is no such job."));
        }
    }

    /** {@code GET /jobs/{id}/manifest.json} */
    public void manifestJson(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        output(params, request, response, callback, "application/json", "-manifest.json",
                (job, out) -> JobOutputs.manifestJson(job, jobs.store(), url(request), out));
    }

    /** {@code GET /jobs/{id}/manifest.csv} */
    public void manifestCsv(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        output(params, request, response, callback, "text/csv; charset=utf-8", "-manifest.csv",
                (job, out) -> JobOutputs.manifestCsv(job, jobs.store(), url(request), out));
    }

    /** {@code GET /jobs/{id}/log.txt} */
    public void log(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        output(params, request, response, callback, "text/plain; charset=utf-8", null,
                (job, out) -> JobOutputs.log(job, jobs.store(), out));
    }

    /** Writes one of a job's outputs. */
    @FunctionalInterface
    private interface Output {
        void write(Job job, OutputStream out) throws IOException;
    }

    /** Sends the job's output, named {@code <job id><suffix>} as an attachment unless the suffix is null. */
    private void output(Map<String, String> params, Request request, Response response, Callback callback, String type,
            String suffix, Output output) throws IOException {
        Optional<Job> job = JobHttp.job(jobs, params, request, response, callback);
        if (job.isPresent()) {
            stream(response, callback, type, suffix == null ? null : job.get().id() + suffix,
                    out -> output.write(job.get(), out));
        }
    }

    /** {@code GET /api/templates} */
    public void templates(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        ArrayNode list = JobJson.MAPPER.createArrayNode();
        for (TemplateService.Template template : templates.list()) {
            ObjectNode item = list.addObject();
            item.put("name", template.name());
            item.put("builtIn", template.builtIn());
            template.updatedAt().ifPresent(at -> item.put("updatedAt", at.toString()));
            ArrayNode percentages = item.putArray("percentages");
            template.template().percentages().forEach(percentages::add);
            ArrayNode placeholders = item.putArray("placeholders");
            template.template().placeholders().forEach(placeholders::add);
            ArrayNode columns = item.putArray("columns");
            jobs.columns(template).forEach(columns::add);
            item.put("text", template.text());
        }
        JobHttp.json(response, callback, HttpStatus.OK_200, list);
    }

    /** {@code GET /api/templates/{name}}: the text. */
    public void template(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        Optional<TemplateService.Template> template = templates.find(params.get("name"));
        if (template.isEmpty()) {
            Responses.error(request, response, callback, HttpStatus.NOT_FOUND_404, "There is no such template.");
            return;
        }
        Responses.text(response, callback, HttpStatus.OK_200, template.get().text());
    }

    /** {@code PUT /api/templates/{name}} with the text. */
    public void saveTemplate(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        if (!http.mayOperate(request, response, callback)) {
            return;
        }
        Optional<byte[]> body = http.body(request, response, callback);
        if (body.isEmpty()) {
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body.get())).toString();
        } catch (CharacterCodingException e) {
            JobHttp.json(response, callback, HttpStatus.BAD_REQUEST_400, JobHttp.error("A template is UTF-8 text."));
            return;
        }
        try {
            TemplateService.Change change = templates.save(params.get("name"), text);
            JobHttp.json(response, callback, change == TemplateService.Change.CREATED ? HttpStatus.CREATED_201
                    : HttpStatus.OK_200, JobHttp.message("Template " + params.get("name") + " is "
                    + (change == TemplateService.Change.CREATED ? "saved." : "replaced.")));
        } catch (InvalidInputException e) {
            JobHttp.json(response, callback, HttpStatus.UNPROCESSABLE_ENTITY_422, JobHttp.problems(e));
        }
    }

    /** {@code DELETE /api/templates/{name}} */
    public void deleteTemplate(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        if (!http.mayOperate(request, response, callback)) {
            return;
        }
        switch (templates.delete(params.get("name"))) {
            case DELETED -> JobHttp.json(response, callback, HttpStatus.OK_200, JobHttp.message("Template "
                    + params.get("name") + " is deleted; jobs made with it keep their copy."));
            case BUILT_IN -> JobHttp.json(response, callback, HttpStatus.CONFLICT_409,
                    JobHttp.error(TemplateService.BUILT_IN_RULE));
            default -> JobHttp.json(response, callback, HttpStatus.NOT_FOUND_404,
                    JobHttp.error("There is no such template."));
        }
    }

    private BiFunction<JobStep, ClearinghousePlatform, String> url(Request request) {
        return (step, platform) -> urls.installer(request, step.build().orElseThrow(), platform);
    }

    /** Writes a body of unknown length as it is made. */
    @FunctionalInterface
    interface Body {
        void write(OutputStream out) throws IOException;
    }

    static void stream(Response response, Callback callback, String type, String attachment, Body body) {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        if (attachment != null) {
            response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + attachment + "\"");
        }
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            body.write(out);
        } catch (IOException | RuntimeException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    /** The queue's filter and page, from the query. */
    record QueueQuery(Optional<JobState> state, int page, int size) {
        int offset() {
            return (page - 1) * size;
        }

        static Optional<QueueQuery> of(Request request, Response response, Callback callback) {
            Optional<String> stateText = JobHttp.query(request, "state");
            Optional<JobState> state = stateText.flatMap(JobState::ofLabel);
            int page = number(JobHttp.query(request, "page"), 1);
            int size = number(JobHttp.query(request, "size"), DEFAULT_PAGE_SIZE);
            if (stateText.isPresent() && state.isEmpty() || page < 1 || size < 1 || size > MAX_PAGE_SIZE) {
                Responses.error(request, response, callback, HttpStatus.BAD_REQUEST_400, "state is one of queued,"
                        + " running, done, failed, cancelled; page is 1 or more; size is 1 to " + MAX_PAGE_SIZE + ".");
                return Optional.empty();
            }
            return Optional.of(new QueueQuery(state, page, size));
        }

        private static int number(Optional<String> text, int otherwise) {
            try {
                return text.map(Integer::parseInt).orElse(otherwise);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
