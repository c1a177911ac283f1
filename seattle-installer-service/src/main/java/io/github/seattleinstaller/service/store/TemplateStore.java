package io.github.seattleinstaller.service.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The operator's vessel templates, by name, as text checked before they are saved ({@code TemplateService}). */
public final class TemplateStore {
    private final ServiceDatabase database;

    public TemplateStore(ServiceDatabase database) {
        this.database = database;
    }

    /** A template as kept. */
    public record StoredTemplate(String name, String text, Instant updatedAt) {
    }

    public List<StoredTemplate> list() throws IOException {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT name, text, updated_at FROM vessel_templates ORDER BY name");
             ResultSet row = select.executeQuery()) {
            List<StoredTemplate> templates = new ArrayList<>();
            while (row.next()) {
                templates.add(new StoredTemplate(row.getString(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3))));
            }
            return templates;
        } catch (SQLException e) {
            throw ServiceDatabase.failure("list templates", e);
        }
    }

    public Optional<StoredTemplate> find(String name) throws IOException {
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT name, text, updated_at FROM vessel_templates WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new StoredTemplate(row.getString(1), row.getString(2),
                        Instant.ofEpochMilli(row.getLong(3)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw ServiceDatabase.failure("read template " + name, e);
        }
    }

    /** Adds or replaces; returns true if it was new. */
    public boolean save(String name, String text, Instant now) throws IOException {
        try {
            return database.inTransaction(connection -> {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE vessel_templates SET text = ?, updated_at = ? WHERE name = ?")) {
                    update.setString(1, text);
                    update.setLong(2, now.toEpochMilli());
                    update.setString(3, name);
                    if (update.executeUpdate() == 1) {
                        return false;
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO vessel_templates (name, text, updated_at) VALUES (?, ?, ?)")) {
                    insert.setString(1, name);
                    insert.setString(2, text);
                    insert.setLong(3, now.toEpochMilli());
                    insert.executeUpdate();
                }
                return true;
            });
        } catch (SQLException e) {
            throw ServiceDatabase.failure("save template " + name, e);
        }
    }

    /** Returns false if there was no such template. Jobs keep their own copy of the text they were made with. */
    public boolean delete(String name) throws IOException {
        try (Connection connection = database.connection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM vessel_templates WHERE name = ?")) {
            delete.setString(1, name);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw ServiceDatabase.failure("delete template " + name, e);
        }
    }
}
