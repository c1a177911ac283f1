package io.github.seattleinstaller.service.http;

import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.service.build.CurrentBases;
import io.github.seattleinstaller.service.ops.ServiceMetrics;
import io.github.seattleinstaller.service.store.BuildStore;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Operations: {@code /health} (the bases are loaded and the database answers: 200, else 503), {@code /metrics}
 * (Prometheus text), and {@code POST <context>/admin/reload-bases}, which verifies the bases again from their
 * source (directory or coordinates) and makes them current: every existing build then serves them with its own
 * vesselinfo. It needs the token when one is configured, else a request from this machine.
 */
public final class OpsEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(OpsEndpoints.class);

    private final CurrentBases bases;
    private final BuildStore store;
    private final ServiceMetrics metrics;
    private final AccessPolicy access;

    public OpsEndpoints(CurrentBases bases, BuildStore store, ServiceMetrics metrics, AccessPolicy access) {
        this.bases = bases;
        this.store = store;
        this.metrics = metrics;
        this.access = access;
    }

    public void health(Request request, Response response, Callback callback, Map<String, String> params) {
        boolean database = store.reachable();
        String platforms;
        String baseSet;
        try (CurrentBases.Lease lease = bases.acquire()) {
            baseSet = lease.set().id();
            platforms = lease.set().platforms().stream().map(platform -> Responses.quote(platform.classifier()))
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        String json = "{\"status\": " + Responses.quote(database ? "UP" : "DOWN") + ", \"database\": "
                + Responses.quote(database ? "UP" : "DOWN") + ", \"baseSet\": " + Responses.quote(baseSet)
                + ", \"platforms\": " + platforms + "}\n";
        Responses.json(response, callback, database ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503, json);
    }

    public void metrics(Request request, Response response, Callback callback, Map<String, String> params) {
        Responses.send(response, callback, HttpStatus.OK_200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public void reloadBases(Request request, Response response, Callback callback, Map<String, String> params) {
        if (!access.mayOperate(request)) {
            metrics.refused("token");
            Responses.error(request, response, callback, HttpStatus.FORBIDDEN_403, access.tokenRequired()
                    ? "Reloading the bases needs the service's token." : "Reloading the bases is allowed from this machine only.");
            return;
        }
        try {
            String id = bases.reload();
            LOG.info("Bases reloaded: base set {} is current", id);
            Responses.json(response, callback, HttpStatus.OK_200, "{\"baseSet\": " + Responses.quote(id) + "}\n");
        } catch (InvalidInputException e) {
            LOG.warn("The new bases were refused, the old ones stay current: {}", e.getMessage());
            Responses.text(response, callback, HttpStatus.UNPROCESSABLE_ENTITY_422,
                    "The new bases were refused; the old ones stay current.\n" + e.getMessage() + "\n");
        } catch (Exception e) {
            LOG.error("Reloading the bases failed; the old ones stay current", e);
            Responses.text(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500,
                    "Reloading the bases failed; the old ones stay current. The service log says why.\n");
        }
    }
}
