package io.github.seattleinstaller.service.testing;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook's receiving end, on a free port of 127.0.0.1: it checks each POST's {@code X-Seattle-Signature-256}
 * against HMAC-SHA256 of the body with the shared secret, as a receiver should, answers 401 to a bad signature,
 * answers 500 to the first {@code failures} good ones (to test the retries), then 204, and keeps what it was sent.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** A POST received: its body, whether its signature was right, and what it was answered. */
    public record Delivery(String body, boolean signatureValid, int answered, String event, String delivery) {
    }

    private final byte[] secret;
    private final AtomicInteger failuresLeft;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Server server = new Server();

    public WebhookReceiver(byte[] secret, int failures) throws Exception {
        this.secret = secret.clone();
        this.failuresLeft = new AtomicInteger(failures);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                byte[] body = Content.Source.asByteArrayAsync(request, 1 << 20).get();
                String signature = request.getHeaders().get("X-Seattle-Signature-256");
                boolean valid = signature != null && MessageDigest.isEqual(
                        signature.getBytes(StandardCharsets.US_ASCII), expected(body).getBytes(StandardCharsets.US_ASCII));
                int status = !valid ? 401 : failuresLeft.getAndDecrement() > 0 ? 500 : 204;
                deliveries.add(new Delivery(new String(body, StandardCharsets.UTF_8), valid, status,
                        request.getHeaders().get("X-Seattle-Event"), request.getHeaders().get("X-Seattle-Delivery")));
                response.setStatus(status);
                callback.succeeded();
                return true;
            }
        });
        server.start();
    }

    private String expected(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    public String url() {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/hooks/seattle";
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
