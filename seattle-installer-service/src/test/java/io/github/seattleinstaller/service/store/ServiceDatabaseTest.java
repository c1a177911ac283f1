package io.github.seattleinstaller.service.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceDatabaseTest {
    @Test
    void aDatabaseThatDoesNotAnswerIsToldApartFromABadStatement() {
        assertTrue(ServiceDatabase.unavailable(new SQLTransientConnectionException("seattle-db - Connection is not"
                + " available, request timed out after 5000ms")), "the pool lent no connection in time");
        assertTrue(ServiceDatabase.unavailable(new SQLException("Connection refused", "08001")));
        assertTrue(ServiceDatabase.unavailable(new SQLException("terminating connection due to administrator command",
                "57P01")), "the server shuts down");
        assertTrue(ServiceDatabase.unavailable(new SQLException("the database system is starting up", "57P03")));
        assertTrue(ServiceDatabase.unavailable(new SQLException("batch failed", "XX000",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))), "as a cause");
        assertFalse(ServiceDatabase.unavailable(new SQLException("duplicate key", ServiceDatabase.UNIQUE_VIOLATION)));
        assertFalse(ServiceDatabase.unavailable(new SQLException("no state")));
    }

    @Test
    void failuresCarryWhatFailedAndAreTypedWhenTheDatabaseDoesNotAnswer() {
        SQLException refused = new SQLException("Connection refused", "08001");
        IOException unavailable = ServiceDatabase.failure("read build 12", refused);
        assertInstanceOf(DatabaseUnavailableException.class, unavailable);
        assertEquals("Cannot read build 12 in the database: Connection refused", unavailable.getMessage());
        IOException broken = ServiceDatabase.failure("read build 12", new SQLException("syntax error", "42601"));
        assertFalse(broken instanceof DatabaseUnavailableException, broken.toString());
    }
}
