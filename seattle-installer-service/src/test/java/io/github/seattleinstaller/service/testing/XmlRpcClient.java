package io.github.seattleinstaller.service.testing;

import io.github.seattleinstaller.service.xmlrpc.XmlRpcCodec;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcFault;
import io.github.seattleinstaller.service.xmlrpc.XmlRpcLimits;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small XML-RPC client over the JDK's HTTP client and the service's own codec, for tests and the benchmark. */
public final class XmlRpcClient {
    private static final XmlRpcCodec CODEC = new XmlRpcCodec(new XmlRpcLimits(64 * 1024 * 1024, 16, 1_000_000, 1 << 20));

    private final HttpClient http;
    private final URI endpoint;
    private final Optional<String> authorization;

    public XmlRpcClient(HttpClient http, String endpoint, Optional<String> authorization) {
        this.http = http;
        this.endpoint = URI.create(endpoint);
        this.authorization = authorization;
    }

    /** The call's result; a fault is thrown; an HTTP status other than 200 is an {@link HttpStatusException}. */
    public Object call(String method, Object... params) throws IOException, InterruptedException, XmlRpcFault {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(CODEC.encodeCall(method, List.of(params))));
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new HttpStatusException(response.statusCode());
        }
        return CODEC.decodeResponse(response.body());
    }

    /** The clearinghouse's call for a donor key and a user key. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> buildInstallers(List<Map<String, Object>> vessels, Map<String, Object> users)
            throws IOException, InterruptedException, XmlRpcFault {
        return (Map<String, Object>) call("build_installers", vessels, users);
    }

    public static Map<String, Object> vessel(int percentage, String owner, String... users) {
        return Map.of("percentage", percentage, "owner", owner, "users", List.of(users));
    }

    public static Map<String, Object> key(String seattleKeyText) {
        return Map.of("public_key", seattleKeyText);
    }

    public static final class HttpStatusException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        public HttpStatusException(int status) {
            super("HTTP " + status);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
