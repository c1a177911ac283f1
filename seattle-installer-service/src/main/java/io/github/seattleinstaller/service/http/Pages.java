package io.github.seattleinstaller.service.http;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Server-rendered HTML from JTE templates ({@code src/main/jte}), compiled to Java by the jte-maven-plugin at
 * build time, with HTML escaping of every {@code ${...}} by context. A page is a template taking one record
 * (see {@code xmlrpcInfo.jte} and {@link InfoPage}), wrapped in {@code layout.jte}.
 */
public final class Pages {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders {@code template} (for example {@code "xmlrpcInfo.jte"}) with its one parameter, named {@code page}. */
    public String render(String template, Object page) {
        StringOutput output = new StringOutput();
        engine.render(template, java.util.Map.of("page", page), output);
        return output.toString();
    }

    public void send(Response response, Callback callback, int status, String template, Object page) {
        Responses.html(response, callback, status, render(template, page));
    }
}
