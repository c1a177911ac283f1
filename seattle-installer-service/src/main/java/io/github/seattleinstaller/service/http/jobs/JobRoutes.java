package io.github.seattleinstaller.service.http.jobs;

import io.github.seattleinstaller.service.http.InstallerUrls;
import io.github.seattleinstaller.service.http.Pages;
import io.github.seattleinstaller.service.http.Router;
import io.github.seattleinstaller.service.jobs.JobService;
import io.github.seattleinstaller.service.jobs.TemplateService;

import java.time.Clock;
import java.util.function.BooleanSupplier;

/** The jobs' and templates' routes: the REST API ({@link JobsApi}), the pages and the job's live log. */
public final class JobRoutes {
    private JobRoutes() {
    }

    /** @param stopping true once the service is stopping: live logs end so that the stop need not wait for them */
    public static void register(Router router, JobService jobs, TemplateService templates, JobHttp http,
            InstallerUrls urls, Pages pages, Clock clock, BooleanSupplier stopping) {
        JobsApi api = new JobsApi(jobs, templates, http, urls, clock);
        router.post("/api/jobs", api::submit);
        router.get("/api/jobs", api::list);
        router.get("/api/jobs/{job}", api::get);
        router.post("/api/jobs/{job}/cancel", api::cancel);
        router.post("/api/jobs/{job}/retry", api::retry);
        router.route("DELETE", "/api/jobs/{job}", api::delete);
        router.get("/jobs/{job}/manifest.json", api::manifestJson);
        router.get("/jobs/{job}/manifest.csv", api::manifestCsv);
        router.get("/jobs/{job}/log.txt", api::log);
        router.get("/api/templates", api::templates);
        router.get("/api/templates/{name}", api::template);
        router.route("PUT", "/api/templates/{name}", api::saveTemplate);
        router.route("DELETE", "/api/templates/{name}", api::deleteTemplate);

        JobPages jobPages = new JobPages(jobs, templates, http, urls, pages, clock);
        JobEventStream events = new JobEventStream(jobs, clock, stopping);
        router.get("/jobs/", jobPages::queue);
        router.get("/jobs/new", jobPages::form);
        router.post("/jobs/", jobPages::submit);
        router.get("/jobs/{job}/", jobPages::job);
        router.get("/jobs/{job}/events", events::stream);
        router.post("/jobs/{job}/cancel", jobPages::cancel);
        router.post("/jobs/{job}/retry", jobPages::retry);
        router.post("/jobs/{job}/delete", jobPages::delete);
        router.get("/templates/", jobPages::templates);
        router.post("/templates/", jobPages::saveTemplate);
        router.post("/templates/{name}/delete", jobPages::deleteTemplate);
    }
}
