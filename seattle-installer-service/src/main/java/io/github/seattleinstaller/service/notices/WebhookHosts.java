package io.github.seattleinstaller.service.notices;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts a job's webhook may name ({@code --webhook-hosts}): host names, each exact ({@code hooks.example.org})
 * or a domain's subdomains ({@code *.example.org}), or {@link #ANY} when the option is not given. The service POSTs
 * to a webhook from inside the operator's network, so an operator who gives tokens to others limits where it may
 * be sent; redirects are never followed, so the host named is the host reached.
 */
public final class WebhookHosts {
    /** Every host: no {@code --webhook-hosts}. */
    public static final WebhookHosts ANY = new WebhookHosts(List.of());
    public static final String RULE = "--webhook-hosts is a comma-separated list of host names (hooks.example.org) or"
            + " domains (*.example.org)";
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*"
            + "[a-z0-9])?)*");

    private final List<String> patterns;

    private WebhookHosts(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The option's value, checked whole: every entry that is not a host name or {@code *.domain} is named. */
    public static WebhookHosts parse(String option) {
        List<String> patterns = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (String entry : option.split(",", -1)) {
            String host = entry.strip().toLowerCase(Locale.ROOT);
            if (HOST.matcher(host).matches()) {
                patterns.add(host);
            } else {
                wrong.add("'" + entry.strip() + "'");
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException(RULE + "; not one: " + String.join(", ", wrong));
        }
        return new WebhookHosts(patterns);
    }

    /** Whether a webhook may be sent to {@code host}. */
    public boolean allows(String host) {
        if (patterns.isEmpty()) {
            return true;
        }
        String name = host.toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(pattern -> pattern.startsWith("*.")
                ? name.endsWith(pattern.substring(1)) : name.equals(pattern));
    }

    /** "hooks.example.org, *.example.org", for messages. */
    @Override
    public String toString() {
        return patterns.isEmpty() ? "any host" : String.join(", ", patterns);
    }
}
