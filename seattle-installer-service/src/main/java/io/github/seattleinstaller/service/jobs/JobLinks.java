package io.github.seattleinstaller.service.jobs;

/**
 * A job's URLs under the service's base URL (its public URL with the context path, no trailing slash): the page,
 * the REST resource, the manifests.
 */
public record JobLinks(String base) {
    public JobLinks {
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String page(JobId id) {
        return base + "/jobs/" + id.hex() + "/";
    }

    public String api(JobId id) {
        return base + "/api/jobs/" + id.hex();
    }

    /** {@code json} or {@code csv}. */
    public String manifest(JobId id, String extension) {
        return page(id) + "manifest." + extension;
    }
}
