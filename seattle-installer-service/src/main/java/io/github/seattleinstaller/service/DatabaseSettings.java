package io.github.seattleinstaller.service;

import java.util.Optional;

/**
 * Where builds and jobs are kept: the H2 file database in the data directory (one instance), or a PostgreSQL
 * database that any number of instances share.
 *
 * @param url      {@code jdbc:postgresql://host:5432/seattle}, or empty for H2 in the data directory
 * @param user     the database user, if any
 * @param password the user's password, from the environment or a file only, if any
 */
public record DatabaseSettings(Optional<String> url, Optional<String> user, Optional<String> password) {
    public static final DatabaseSettings H2 = new DatabaseSettings(Optional.empty(), Optional.empty(), Optional.empty());

    @Override
    public String toString() {
        return url.orElse("H2 in the data directory") + user.map(name -> " as " + name).orElse("");
    }
}
