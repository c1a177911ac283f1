package io.github.seattleinstaller.builder.layout;

import io.github.seattleinstaller.runtime.input.InputProblem;
import io.github.seattleinstaller.runtime.input.InvalidInputException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Who built an installer, as the donor README names them: the operator's name, how to reach them, and the
 * address where they publish their key's fingerprint, which a donor compares with the one in the README.
 * Each part is optional; the README reads well without any.
 *
 * @param name           the operator's name, such as "University of Example Seattle testbed"
 * @param contact        how to reach the operator: an e-mail address, a web page, a phone number
 * @param fingerprintUrl where the operator publishes the operator key's fingerprint
 */
public record OperatorContact(Optional<String> name, Optional<String> contact, Optional<URI> fingerprintUrl) {
    /** No operator named: the README says to ask whoever handed out the download. */
    public static final OperatorContact NONE = new OperatorContact(Optional.empty(), Optional.empty(), Optional.empty());

    public static final int MAX_TEXT_LENGTH = 200;
    public static final int MAX_URL_LENGTH = 500;
    public static final String TEXT_RULE = "the operator's name and contact are one line of at most " + MAX_TEXT_LENGTH
            + " characters without control characters";
    public static final String URL_RULE = "the fingerprint's address is an absolute http:// or https:// URL with a"
            + " host, of at most " + MAX_URL_LENGTH + " printable ASCII characters without spaces";

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7E]+");

    public OperatorContact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(fingerprintUrl, "fingerprintUrl");
        name.flatMap(OperatorContact::textProblem).ifPresent(problem -> {
            throw new IllegalArgumentException("name: " + problem + " (" + TEXT_RULE + ")");
        });
        contact.flatMap(OperatorContact::textProblem).ifPresent(problem -> {
            throw new IllegalArgumentException("contact: " + problem + " (" + TEXT_RULE + ")");
        });
        fingerprintUrl.flatMap(url -> urlProblem(url.toString())).ifPresent(problem -> {
            throw new IllegalArgumentException("fingerprintUrl: " + problem + " (" + URL_RULE + ")");
        });
    }

    /**
     * Reads the parts as a person typed them: a null or blank part is absent, and surrounding blanks are not
     * part of a value.
     *
     * @param labels what problems call each part, given its name ({@code name}, {@code contact} or
     *               {@code fingerprintUrl}): a Maven goal answers {@code <operator> <name>}
     * @throws InvalidInputException listing every part that breaks {@link #TEXT_RULE} or {@link #URL_RULE}
     */
    public static OperatorContact of(String name, String contact, String fingerprintUrl, UnaryOperator<String> labels)
            throws InvalidInputException {
        List<InputProblem> problems = new ArrayList<>();
        Optional<String> givenName = given(name);
        Optional<String> givenContact = given(contact);
        Optional<String> givenUrl = given(fingerprintUrl);
        givenName.flatMap(OperatorContact::textProblem)
                .ifPresent(problem -> problems.add(InputProblem.whole(labels.apply("name"), TEXT_RULE, problem)));
        givenContact.flatMap(OperatorContact::textProblem)
                .ifPresent(problem -> problems.add(InputProblem.whole(labels.apply("contact"), TEXT_RULE, problem)));
        givenUrl.flatMap(OperatorContact::urlProblem)
                .ifPresent(problem -> problems.add(InputProblem.whole(labels.apply("fingerprintUrl"), URL_RULE, problem)));
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Invalid operator details", problems);
        }
        return new OperatorContact(givenName, givenContact, givenUrl.map(URI::create));
    }

    /** Whether no part is given. */
    public boolean isEmpty() {
        return name.isEmpty() && contact.isEmpty() && fingerprintUrl.isEmpty();
    }

    private static Optional<String> given(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static Optional<String> textProblem(String text) {
        if (text.isBlank()) {
            return Optional.of("it is blank");
        }
        if (CONTROL.matcher(text).find()) {
            return Optional.of(text.contains("\n") || text.contains("\r") ? "it spans several lines"
                    : "it holds a control character");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            return Optional.of("it has " + text.length() + " characters");
        }
        return Optional.empty();
    }

    private static Optional<String> urlProblem(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("it has " + url.length() + " characters");
        }
        if (!PRINTABLE_ASCII.matcher(url).matches()) {
            return Optional.of("'" + InputProblem.abbreviate(url) + "' holds spaces or characters other than printable ASCII");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("'" + InputProblem.abbreviate(url) + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("'" + InputProblem.abbreviate(url) + "' is not an http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("'" + InputProblem.abbreviate(url) + "' names no host");
        }
        return Optional.empty();
    }
}
