package io.github.seattleinstaller.service.jobs;

import io.github.seattleinstaller.builder.donors.VesselTemplate;
import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.service.store.TemplateStore;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The vessel templates jobs are made with: the clearinghouse's split ({@link VesselTemplate#CLEARINGHOUSE_DEFAULT},
 * named {@value #DEFAULT_NAME}), which ships with the service and cannot be changed, and the operator's own, kept in
 * the database. Every template is read by the core's {@link VesselTemplate} rules before it is kept; a job keeps a
 * copy of the text it was made with, so changing or deleting a template never changes a job.
 */
public final class TemplateService {
    public static final String DEFAULT_NAME = "clearinghouse";
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    public static final String NAME_RULE = "a template's name is 1 to 64 lowercase letters, digits and _ . -, starting"
            + " with a letter or digit";
    public static final String BUILT_IN_RULE = "the clearinghouse template ships with the service: save a changed copy"
            + " under another name";
    /** The longest template text kept. */
    public static final int MAX_TEXT = 256 * 1024;

    private final TemplateStore store;
    private final Clock clock;

    public TemplateService(TemplateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A template with its rules checked. */
    public record Template(String name, VesselTemplate template, boolean builtIn, Optional<Instant> updatedAt) {
        public String text() {
            return template.text();
        }
    }

    /** How a save or delete went. */
    public enum Change { CREATED, REPLACED, DELETED, MISSING, BUILT_IN }

    /** The built-in template first, then the operator's by name. */
    public List<Template> list() throws IOException {
        List<Template> templates = new ArrayList<>();
        templates.add(builtIn());
        for (TemplateStore.StoredTemplate stored : store.list()) {
            templates.add(checked(stored));
        }
        return templates;
    }

    public Optional<Template> find(String name) throws IOException {
        if (name.equals(DEFAULT_NAME)) {
            return Optional.of(builtIn());
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Optional<TemplateStore.StoredTemplate> stored = store.find(name);
        return stored.isEmpty() ? Optional.empty() : Optional.of(checked(stored.get()));
    }

    /**
     * Checks and keeps a template.
     *
     * @throws InvalidInputException listing every problem of the name and of the text (each with its line and rule)
     */
    public Change save(String name, String text) throws IOException, InvalidInputException {
        List<InputProblem> problems = new ArrayList<>();
        if (name.equals(DEFAULT_NAME)) {
            problems.add(InputProblem.whole("template " + name, BUILT_IN_RULE, "it cannot be replaced"));
        } else if (!NAME.matcher(name).matches()) {
            problems.add(InputProblem.whole("template name", NAME_RULE, "found '" + InputProblem.abbreviate(name) + "'"));
        }
        if (text.length() > MAX_TEXT) {
            problems.add(InputProblem.whole("template " + name, "a template has at most " + MAX_TEXT + " characters",
                    "it has " + text.length()));
        } else {
            try {
                VesselTemplate.parse(name, text);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Invalid template " + InputProblem.abbreviate(name), problems);
        }
        return store.save(name, text, clock.instant()) ? Change.CREATED : Change.REPLACED;
    }

    public Change delete(String name) throws IOException {
        if (name.equals(DEFAULT_NAME)) {
            return Change.BUILT_IN;
        }
        return NAME.matcher(name).matches() && store.delete(name) ? Change.DELETED : Change.MISSING;
    }

    private static Template builtIn() {
        return new Template(DEFAULT_NAME, VesselTemplate.CLEARINGHOUSE_DEFAULT, true, Optional.empty());
    }

    private static Template checked(TemplateStore.StoredTemplate stored) {
        try {
            return new Template(stored.name(), VesselTemplate.parse(stored.name(), stored.text()), false,
                    Optional.of(stored.updatedAt()));
        } catch (InvalidInputException e) {
            throw new IllegalStateException("template " + stored.name() + " was changed outside the service and no"
                    + " longer passes the template rules: " + e.getMessage(), e);
        }
    }
}
