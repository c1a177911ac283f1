package io.github.seattleinstaller.service.http.jobs;

import java.util.List;

/** The operator's templates: each with its text and columns; a form to add or replace one, with its problems. */
public record TemplatesPage(List<Entry> templates, String name, String text, List<String> problems, String notice,
        String base) {
    public TemplatesPage {
        templates = List.copyOf(templates);
        problems = List.copyOf(problems);
    }

    /** One template. */
    public record Entry(String name, String text, String columns, boolean builtIn, String updatedAt) {
    }
}
