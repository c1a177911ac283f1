package io.github.seattleinstaller.service.http;

import io.github.seattleinstaller.service.ops.ServiceMetrics;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The refusals the XML-RPC API, the jobs' API and the builder pages share, each counted in
 * {@code seattle_http_refused}: a client over its rate (429, try again in a second), a write without the token (401
 * with the Basic challenge when the service has a token, else 403: the action is this machine's only), and a form
 * that cannot be read. The {@code mark} methods count and set the headers for callers that answer with a page.
 */
public final class Refusals {
    private static final String TOO_MANY = "Too many requests from this client: try again in a second.";
    private final AccessPolicy access;
    private final ServiceMetrics metrics;

    public Refusals(AccessPolicy access, ServiceMetrics metrics) {
        this.access = access;
        this.metrics = metrics;
    }

    /** True if the client is within its rate; else false, with 429 sent. */
    public boolean withinRate(Request request, Response response, Callback callback) {
        if (!overRate(request, response)) {
            return true;
        }
        Responses.error(request, response, callback, HttpStatus.TOO_MANY_REQUESTS_429, TOO_MANY);
        return false;
    }

    /**
     * For a caller that answers in its own format (a page): false if the client is within its rate; else true, the
     * refusal counted and its headers set ({@code Retry-After}, {@code Connection: close}), the 429 left to send.
     */
    public boolean overRate(Request request, Response response) {
        if (access.allowWrite(request)) {
            return false;
        }
        metrics.refused("rate");
        response.getHeaders().put(HttpHeader.RETRY_AFTER, 1);
        Responses.closeIfBodyUnread(request, response);
        return true;
    }

    /** Sends the refusal of a request that lacks the token (or, without one, does not come from this machine). */
    public void withoutToken(Request request, Response response, Callback callback, String why) {
        Responses.error(request, response, callback, markWithoutToken(request, response), why);
    }

    /**
     * For a caller that answers in its own format: counts the refusal of a request without the token and sets its
     * headers (the Basic challenge when the service has a token); returns the status to answer, 401 or else 403.
     */
    public int markWithoutToken(Request request, Response response) {
        metrics.refused("token");
        Responses.closeIfBodyUnread(request, response);
        if (access.tokenRequired()) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"seattle-installer-service\"");
            return HttpStatus.UNAUTHORIZED_401;
        }
        return HttpStatus.FORBIDDEN_403;
    }

    /** Counts a form that could not be read ({@code status} 413: too large) and closes the connection after it. */
    public void markUnreadableForm(Request request, Response response, int status) {
        if (status == HttpStatus.PAYLOAD_TOO_LARGE_413) {
            metrics.refused("size");
        }
        Responses.closeIfBodyUnread(request, response);
    }
}
