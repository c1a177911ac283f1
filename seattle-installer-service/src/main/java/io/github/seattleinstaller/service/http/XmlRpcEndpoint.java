package io.github.seattleinstaller.service.http;

import io.github.seattleinstaller.service.clearinghouse.ClearinghouseApi;
import io.github.seattleinstaller.service.xmlrpc.MethodCall;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcCodec;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcFault;
import io.github.seattleinstaller.service.ops.ServiceMetrics;
import io.github.seattleinstaller.service.store.DatabaseUnavailableException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * {@code POST <context>/xmlrpc/}: decodes the call (bounded, hardened), checks the caller may make it, runs it
 * and answers the result or the fault. Every failure the caller can cause is a fault; a failure of the service
 * itself is the fault {@code Exception:internal error} and a line in the log, never a stack trace on the wire; a
 * database that does not answer is the fault {@code DatabaseUnavailable:...} (try again later).
 */
public final class XmlRpcEndpoint implements Router.Route {
    private static final Logger LOG = LoggerFactory.getLogger(XmlRpcEndpoint.class);
    private static final String XML = "text/xml; charset=utf-8";
    /** The fault's type when the database does not answer: the call may succeed later, unchanged. */
    public static final String DATABASE_UNAVAILABLE = "DatabaseUnavailable";

    private final XmlRpcCodec codec;
    private final ClearinghouseApi api;
    private final AccessPolicy access;
    private final InstallerUrls urls;
    private final ServiceMetrics metrics;
    private final Refusals refusals;

    public XmlRpcEndpoint(XmlRpcCodec codec, ClearinghouseApi api, AccessPolicy access, InstallerUrls urls,
            ServiceMetrics metrics) {
        this.codec = codec;
        this.api = api;
        this.access = access;
        this.urls = urls;
        this.metrics = metrics;
        this.refusals = new Refusals(access, metrics);
    }

    @Override
    public void handle(Request request, Response response, Callback callback, Map<String, String> params)
            throws Exception {
        long started = System.nanoTime();
        if (!refusals.withinRate(request, response, callback)) {
            return;
        }
        int max = codec.limits().maxBytes();
        long declared = request.getLength();
        if (declared > max) {
            metrics.refused("size");
            Responses.closeIfBodyUnread(request, response);
            answer(response, callback, XmlRpcFault.of(XmlRpcCodec.NOT_XML_RPC, "the request body has " + declared
                    + " bytes, more than the " + max + " allowed"));
            return;
        }
        byte[] body;
        try {
            body = Content.Source.asByteArrayAsync(request, max).get();
        } catch (ExecutionException tooLargeOrBroken) {
            metrics.refused("size");
            Responses.closeIfBodyUnread(request, response);
            answer(response, callback, XmlRpcFault.of(XmlRpcCodec.NOT_XML_RPC, "the request body could not be read"
                    + " or has more than the " + max + " bytes allowed"));
            return;
        }
        String method = "(undecoded)";
        try {
            MethodCall call = codec.decodeCall(body);
            method = call.methodName();
            if (method.equals(ClearinghouseApi.BUILD_INSTALLERS) && !access.mayWrite(request)) {
                refusals.withoutToken(request, response, callback, "build_installers needs the service's token: as the"
                        + " password of HTTP Basic authentication (https://user:TOKEN@host/...) or as 'Authorization:"
                        + " Bearer TOKEN'.");
                return;
            }
            Object result = api.call(call, (id, platform) -> urls.installer(request, id, platform));
            Responses.send(response, callback, HttpStatus.OK_200, XML, codec.encodeResponse(result));
        } catch (XmlRpcFault fault) {
            answer(response, callback, fault);
        } catch (DatabaseUnavailableException e) {
            LOG.warn("XML-RPC call {} failed: {}", method, e.getMessage());
            answer(response, callback, XmlRpcFault.of(DATABASE_UNAVAILABLE, DatabaseUnavailableException.ADVICE));
        } catch (Exception e) {
            LOG.error("XML-RPC call {} failed", method, e);
            answer(response, callback, XmlRpcFault.of("Exception", Responses.INTERNAL_ERROR));
        } finally {
            metrics.call(knownMethod(method), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private void answer(Response response, Callback callback, XmlRpcFault fault) {
        metrics.fault(fault.type());
        Responses.send(response, callback, HttpStatus.OK_200, XML, codec.encodeFault(fault));
    }

    /** Metric tags name only the API's methods, so that callers cannot make new time series. */
    private static String knownMethod(String method) {
        return switch (method) {
            case ClearinghouseApi.BUILD_INSTALLERS, ClearinghouseApi.GET_URLS, ClearinghouseApi.GET_API_VERSION -> method;
            default -> "other";
        };
    }
}
