package io.github.seattleinstaller.service.pages;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A submitted form's fields and uploaded files, as a browser sends them with or without JavaScript:
 * {@code application/x-www-form-urlencoded} or {@code multipart/form-data}. Everything is read into memory within
 * bounds (uploads are public key files of a few hundred bytes): nothing is written to disk.
 */
public final class FormInput {
    /** One uploaded file: the name the browser gave and its bytes. */
    public record Upload(String fileName, byte[] content) {
        public Upload {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param maxBytes  the largest body accepted
     * @param maxFields the most fields (multipart parts) accepted
     */
    public record Limits(int maxBytes, int maxFields) {
    }

    /** A body that is no form, too large or malformed: the message says which, for a 4xx answer. */
    public static final class UnreadableFormException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        UnreadableFormException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Map<String, List<String>> fields;
    private final Map<String, Upload> files;

    public FormInput(Map<String, List<String>> fields, Map<String, Upload> files) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fields.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.fields = java.util.Collections.unmodifiableMap(copy);
        this.files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** Reads the request's body as a form. */
    public static FormInput read(Request request, Limits limits) throws UnreadableFormException {
        long declared = request.getLength();
        if (declared > limits.maxBytes()) {
            throw new UnreadableFormException(413, "The form has " + declared + " bytes, more than the "
                    + limits.maxBytes() + " allowed.");
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String mime = contentType == null ? "" : contentType.split(";", 2)[0].strip();
        if (mime.equalsIgnoreCase(MimeTypes.Type.FORM_ENCODED.asString())) {
            return urlEncoded(request, limits);
        }
        if (mime.equalsIgnoreCase(MimeTypes.Type.MULTIPART_FORM_DATA.asString())) {
            return multipart(request, contentType, limits);
        }
        throw new UnreadableFormException(415, "A form is sent as application/x-www-form-urlencoded or"
                + " multipart/form-data, not " + (contentType == null ? "without a Content-Type" : contentType) + ".");
    }

    private static FormInput urlEncoded(Request request, Limits limits) throws UnreadableFormException {
        Fields parsed;
        try {
            parsed = FormFields.getFields(request, limits.maxFields(), limits.maxBytes());
        } catch (RuntimeException tooLargeOrMalformed) {
            throw new UnreadableFormException(400, "The form could not be read: it is malformed, has more than "
                    + limits.maxFields() + " fields or more than " + limits.maxBytes() + " bytes.");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Fields.Field field : parsed) {
            fields.put(field.getName(), field.getValues());
        }
        return new FormInput(fields, Map.of());
    }

    private static FormInput multipart(Request request, String contentType, Limits limits)
            throws UnreadableFormException {
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null) {
            throw new UnreadableFormException(400, "The multipart form has no boundary.");
        }
        MultiPartConfig config = new MultiPartConfig.Builder()
                .maxParts(limits.maxFields())
                .maxSize(limits.maxBytes())
                .maxPartSize(limits.maxBytes())
                .maxMemoryPartSize(limits.maxBytes())
                .useFilesForPartsWithoutFileName(false)
                .build();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, Upload> files = new LinkedHashMap<>();
        try (MultiPartFormData.Parts parts = MultiPartFormData.getParts(request, request, contentType, config)) {
            for (MultiPart.Part part : parts) {
                String name = part.getName();
                if (name == null) {
                    continue;
                }
                if (part.getFileName() == null) {
                    fields.computeIfAbsent(name, unused -> new ArrayList<>())
                            .add(part.getContentAsString(StandardCharsets.UTF_8));
                } else if (!part.getFileName().isEmpty() || part.getLength() > 0) {
                    // A file input with no file chosen sends an empty part with an empty file name.
                    files.put(name, new Upload(part.getFileName(), bytes(part)));
                }
            }
        } catch (RuntimeException tooLargeOrMalformed) {
            throw new UnreadableFormException(400, "The form could not be read: it is malformed, has more than "
                    + limits.maxFields() + " parts or more than " + limits.maxBytes() + " bytes.");
        }
        return new FormInput(fields, files);
    }

    private static byte[] bytes(MultiPart.Part part) {
        Content.Source source = part.createContentSource();
        try {
            ByteBuffer buffer = Content.Source.asByteBuffer(source);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The field's first value, or "" when absent. */
    public String value(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** Every value of the field (checkboxes), possibly none. */
    public List<String> values(String name) {
        return fields.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /** The names of all fields and files, in the order sent. */
    public List<String> names() {
        List<String> names = new ArrayList<>(fields.keySet());
        files.keySet().stream().filter(name -> !fields.containsKey(name)).forEach(names::add);
        return names;
    }

    /** The file uploaded in the field, if one was chosen. */
    public Optional<Upload> file(String name) {
        return Optional.ofNullable(files.get(name));
    }
}
