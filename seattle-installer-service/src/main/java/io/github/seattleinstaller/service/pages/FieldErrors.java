package io.github.seattleinstaller.service.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is wrong with a submitted form, field by field, in the order found: each message names its field
 * ("User 2's name: ...") so that it reads on its own in the summary at the top and next to the field.
 */
public final class FieldErrors {
    /** The key of a problem that concerns the whole form rather than one field. */
    public static final String FORM = "form";

    /** One message and the field it concerns, by the field's form name (which is also its element id). */
    public record FieldError(String field, String message) {
    }

    private final Map<String, List<String>> byField = new LinkedHashMap<>();

    public void add(String field, String message) {
        byField.computeIfAbsent(field, unused -> new ArrayList<>()).add(message);
    }

    /** The messages about one field, possibly none. */
    public List<String> of(String field) {
        return List.copyOf(byField.getOrDefault(field, List.of()));
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    /** Every message, in the order found. */
    public List<FieldError> all() {
        List<FieldError> all = new ArrayList<>();
        byField.forEach((field, messages) -> messages.forEach(message -> all.add(new FieldError(field, message))));
        return all;
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    @Override
    public String toString() {
        return all().toString();
    }
}
