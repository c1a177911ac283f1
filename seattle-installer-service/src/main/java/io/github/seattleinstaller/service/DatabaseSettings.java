package io.github.seattleinstaller.service;

import io.github.seattleinstaller.service.store.ServiceDatabase;

import java.time.Duration;
import java.util.Optional;

/**
 * Where builds and jobs are kept: the H2 file database in the data directory (one instance), or a PostgreSQL
 * database that any number of instances share.
 *
 * @param url      {@code jdbc:postgresql://host:5432/seattle}, or empty for H2 in the data directory
 * @param user     the database user, if any
 * @param password      the user's password, from the environment or a file only, if any
 * @param answerTimeout how long a statement may wait for PostgreSQL's answer ({@link Duration#ZERO}: for ever)
 */
public record DatabaseSettings(Optional<String> url, Optional<String> user, Optional<String> password,
        Duration answerTimeout) {
    public static final DatabaseSettings H2 = new DatabaseSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            ServiceDatabase.DEFAULT_ANSWER_TIMEOUT);

    @Override
    public String toString() {
        return url.orElse("H2 in the data directory") + user.map(name -> " as " + name).orElse("");
    }
}
