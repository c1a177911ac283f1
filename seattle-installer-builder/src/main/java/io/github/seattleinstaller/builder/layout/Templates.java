package io.github.seattleinstaller.builder.layout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The installer's text files, kept as templates beside this class with {@code @NAME@} placeholders. */
final class Templates {
    private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z_]+@");

    private Templates() {
    }

    /** The template with every placeholder replaced; LF line endings, as stored. */
    static String render(String templateName, Map<String, String> values) {
        String text;
        try (InputStream in = Templates.class.getResourceAsStream(templateName)) {
            if (in == null) {
                throw new IllegalStateException("missing template " + templateName + " in the builder jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group());
            if (value == null) {
                throw new IllegalStateException("no value for " + matcher.group() + " in " + templateName);
            }
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }
}
