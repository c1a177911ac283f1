/**
 * The HTTP layer: a small {@link io.github.seattleinstaller.service.http.Router} over Jetty 12's core handlers,
 * the XML-RPC endpoint, downloads, operations endpoints, and server-rendered pages. The jobs' REST API, pages and
 * live log are in {@code http.jobs} ({@code JobRoutes} registers them; {@code JobHttp} holds their access checks).
 *
 * <h2>Adding a page</h2>
 * <ol>
 *   <li>A template {@code src/main/jte/<name>.jte} taking one record, wrapped in the shared layout:
 *       <pre>
 * &#64;import io.github.seattleinstaller.service.pages.BuilderPage
 * &#64;param BuilderPage page
 * &#64;template.layout(title = "Build an installer", content = &#64;`
 *   &lt;h1&gt;...&lt;/h1&gt; ${page.something()}
 * `)</pre>
 *       JTE escapes every {@code ${...}} for its HTML context (text, attribute, URL); the jte-maven-plugin
 *       compiles templates to Java in {@code generate-sources}, so a template error fails the build.
 *       {@code xmlrpcInfo.jte} with {@link io.github.seattleinstaller.service.http.InfoPage} is the smallest example;
 *       the builder's pages ({@code builder.jte}, {@code installers.jte}, ... with the records of
 *       {@code service.pages}) are larger ones. {@code layout.jte} takes {@code title}, {@code content} and, optionally,
 *       {@code wide = true} for a page with a wide table.</li>
 *   <li>The record holding what the page shows (a Java record in this package, or a {@code pages} package).</li>
 *   <li>A route, registered in {@code ServiceApplication.routes} next to the others:
 *       <pre>
 * router.get("/", (request, response, callback, params) -&gt;
 *         pages.send(response, callback, HttpStatus.OK_200, "builder.jte", new BuilderPage(...)));
 * router.get("/{build}/", installersPage::show);      // params.get("build")
 * router.post("/", builderForm::submit);</pre>
 *       Paths are relative to {@code --context-path}; a literal path such as {@code /fastlane/} wins over
 *       {@code /{build}/}. GET routes answer HEAD too.</li>
 *   <li>A form POST checks, as the XML-RPC endpoint and {@code service.pages.BuilderPages} do:
 *       {@code access.allowWrite(request)} (the per-client rate; 429 otherwise) and {@code access.mayWrite(request)}
 *       (the token, when one is configured; 401 otherwise). It reads its fields with
 *       {@code service.pages.FormInput.read} (url-encoded or multipart with files, bounded, all in memory); it makes
 *       the build with
 *       {@code BuildService.build(BuildRequest.parse(vessels, userData))}, passing the same lists and maps the
 *       XML-RPC call carries, so the rules and messages are the API's (a refusal is an {@code XmlRpcFault} whose
 *       {@code faultString} after {@code "ValidationError:"} is the message to show).</li>
 *   <li>Generated private keys are in the {@code BuildResult} only: a keys page must hold them in memory
 *       (never the store, never a log), reachable with an unguessable handle, and drop them after the download
 *       or 15 minutes.</li>
 *   <li>Downloads and installer facts (size, SHA-256, signature) for a page come from
 *       {@code BuildService.download(id, platform)} (close the {@code Download}) or
 *       {@code BuildService.recordedFacts}; the URLs from {@link io.github.seattleinstaller.service.http.InstallerUrls}.</li>
 * </ol>
 */
package io.github.seattleinstaller.service.http;
