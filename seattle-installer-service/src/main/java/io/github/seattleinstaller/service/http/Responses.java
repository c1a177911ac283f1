package io.github.seattleinstaller.service.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Small complete responses: text, HTML, JSON, and error messages that never carry a stack trace. */
public final class Responses {
    /** What a client is told of a failure the service did not expect: the details are in its log only. */
    public static final String INTERNAL_ERROR = "internal error of the installer builder service (its log says what"
            + " went wrong)";

    private Responses() {
    }

    public static void send(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    public static void text(Response response, Callback callback, int status, String text) {
        send(response, callback, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static void json(Response response, Callback callback, int status, String json) {
        send(response, callback, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public static void html(Response response, Callback callback, int status, String html) {
        send(response, callback, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    /** 303: the browser GETs {@code location} after a POST, so a reload does not send the form again. */
    public static void seeOther(Response response, Callback callback, String location) {
        response.setStatus(HttpStatus.SEE_OTHER_303);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        callback.succeeded();
    }

    /**
     * A plain-text error; the request's body, if any, is left unread, and the connection is closed after the answer
     * ({@link #closeIfBodyUnread}).
     */
    public static void error(Request request, Response response, Callback callback, int status, String message) {
        closeIfBodyUnread(request, response);
        text(response, callback, status, message + "\n");
    }

    /**
     * For a refusal sent before the request's body was read: says {@code Connection: close} when the request has a
     * body. Jetty drops the connection of a request whose body is left unread; without the header a keep-alive
     * client takes the connection for reusable and sends its next request on it, to have it fail unanswered.
     */
    public static void closeIfBodyUnread(Request request, Response response) {
        boolean hasBody = request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (hasBody) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
    }

    /** A JSON string literal. */
    public static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
