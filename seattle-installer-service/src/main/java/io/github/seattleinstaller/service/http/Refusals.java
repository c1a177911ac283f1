package io.github.seattleinstaller.service.http;

import io.github.seattleinstaller.service.ops.ServiceMetrics;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The refusals the XML-RPC API and the jobs' API share, each counted in {@code seattle_http_refused}: a client over
 * its rate (429, try again in a second), and a write without the token (401 with the Basic challenge when the
 * service has a token, else 403: the action is this machine's only).
 */
public final class Refusals {
    private final AccessPolicy access;
    private final ServiceMetrics metrics;

    public Refusals(AccessPolicy access, ServiceMetrics metrics) {
        this.access = access;
        this.metrics = metrics;
    }

    /** True if the client is within its rate; else false, with 429 sent. */
    public boolean withinRate(Request request, Response response, Callback callback) {
        if (access.allowWrite(request)) {
            return true;
        }
        metrics.refused("rate");
        response.getHeaders().put(HttpHeader.RETRY_AFTER, 1);
        Responses.error(request, response, callback, HttpStatus.TOO_MANY_REQUESTS_429,
                "Too many requests from this client: try again in a second.");
        return false;
    }

    /** Sends the refusal of a request that lacks the token (or, without one, does not come from this machine). */
    public void withoutToken(Request request, Response response, Callback callback, String why) {
        metrics.refused("token");
        if (access.tokenRequired()) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"seattle-installer-service\"");
            Responses.error(request, response, callback, HttpStatus.UNAUTHORIZED_401, why);
        } else {
            Responses.error(request, response, callback, HttpStatus.FORBIDDEN_403, why);
        }
    }
}
