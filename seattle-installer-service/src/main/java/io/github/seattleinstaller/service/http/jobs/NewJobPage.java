package io.github.seattleinstaller.service.http.jobs;

import java.util.List;

/**
 * The form that submits a job: a donor table (a file, or pasted), a template, and notices; after a refusal, with
 * every problem and the values given.
 */
public record NewJobPage(List<TemplateChoice> templates, String template, String webhook, String email,
        boolean webhooksAvailable, boolean emailAvailable, List<String> problems, int maxBytes, boolean tokenRequired,
        String notice, String base) {
    public NewJobPage {
        templates = List.copyOf(templates);
        problems = List.copyOf(problems);
    }

    /** A template to pick, with the columns its tables have here. */
    public record TemplateChoice(String name, String columns, boolean builtIn) {
    }
}
