package io.github.seattleinstaller.service.testing;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A form body as a browser without scripts sends it, for {@link java.net.http.HttpClient}:
 * {@code application/x-www-form-urlencoded}, or {@code multipart/form-data} with files.
 *
 * <pre>
 * FormPost form = FormPost.multipart().field("user1.name", "alice").file("user1.file", "alice.publickey", bytes);
 * client.send(form.post(HttpRequest.newBuilder(uri)).build(), HttpResponse.BodyHandlers.ofString());</pre>
 */
public final class FormPost {
    private record Part(String name, String value, String fileName, byte[] content) {
    }

    private final boolean multipart;
    private final List<Part> parts = new ArrayList<>();
    private final String boundary = "----seattle-test-" + Long.toHexString(System.nanoTime());

    private FormPost(boolean multipart) {
        this.multipart = multipart;
    }

    public static FormPost urlEncoded() {
        return new FormPost(false);
    }

    public static FormPost multipart() {
        return new FormPost(true);
    }

    public FormPost field(String name, String value) {
        parts.add(new Part(name, value, null, null));
        return this;
    }

    /** A file input; {@code fileName} "" and no bytes is a file input with no file chosen. */
    public FormPost file(String name, String fileName, byte[] content) {
        if (!multipart) {
            throw new IllegalStateException("files go in a multipart form");
        }
        parts.add(new Part(name, null, fileName, content.clone()));
        return this;
    }

    public String contentType() {
        return multipart ? "multipart/form-data; boundary=" + boundary : "application/x-www-form-urlencoded";
    }

    public byte[] body() {
        if (!multipart) {
            return parts.stream().map(part -> URLEncoder.encode(part.name(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(part.value(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"))
                    .getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                    .append(part.name()).append('"');
            if (part.fileName() != null) {
                head.append("; filename=\"").append(part.fileName()).append("\"\r\nContent-Type: application/octet-stream");
            }
            head.append("\r\n\r\n");
            body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.fileName() != null ? part.content() : part.value().getBytes(StandardCharsets.UTF_8));
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    /** The request builder with this form as its POST body and Content-Type. */
    public HttpRequest.Builder post(HttpRequest.Builder request) {
        return request.header("Content-Type", contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(body()));
    }
}
