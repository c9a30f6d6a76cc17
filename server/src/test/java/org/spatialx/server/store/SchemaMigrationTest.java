package org.spatialx.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema 3 (after 2, ingestion's data extensions) on a database written by schema 1: the per-group totals start from the studies already there and
 * follow every insert, status change and delete; study/list's page query reads an index in page order.
 */
class SchemaMigrationTest {

    @TempDir
    Path temp;

    private static void study(Connection c, String id, String group, String species, int status, long created)
            throws java.sql.SQLException {
        Sql.update(c, "INSERT INTO studies(study_id, group_id, species, title, type, status, email_id, data_path,"
                + " created_at, updated_at) VALUES (?,?,?,?,1,?,'e','/d',?,?)", id, group, species, id, status, created,
                created);
    }

    private static long total(Database database, String group, String species, String statusFilter) {
        return database.read(c -> Sql.count(c, "SELECT COALESCE(SUM(n), 0) FROM study_counts WHERE group_id = ?"
                + " AND species = ? AND status " + statusFilter, group, species));
    }

    @Test
    void theTotalsOfSchema3StartFromTheStudiesOfSchema1AndFollowEveryChange() throws Exception {
        Path file = temp.resolve("spatialx.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : Schema.MIGRATIONS.get(0).split(";\\s*\\n")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
            s.execute("PRAGMA user_version=1");
            s.execute("INSERT INTO user_groups VALUES ('g', 'Personal workspace', 'personal')");
            study(c, "ST-1", "g", "human", 0, 1);
            study(c, "ST-2", "g", "human", 2, 2);
            study(c, "ST-3", "g", "human", 3, 3);
            study(c, "ST-4", "g", "mouse", 1, 4);
        }
        try (Database database = Database.open(file)) {
            assertEquals(3, database.schemaVersion());
            assertEquals(2, total(database, "g", "human", "<= 2"));
            assertEquals(1, total(database, "g", "human", "= 3"));
            database.write(c -> {
                study(c, "ST-5", "g", "human", 2, 5);
                Sql.update(c, "UPDATE studies SET status = 3 WHERE study_id = 'ST-1'");
                Sql.update(c, "UPDATE studies SET species = 'human' WHERE study_id = 'ST-4'");
                return Sql.update(c, "DELETE FROM studies WHERE study_id = 'ST-3'");
            });
            assertEquals(3, total(database, "g", "human", "<= 2")); // ST-2, ST-4, ST-5
            assertEquals(1, total(database, "g", "human", "= 3")); // ST-1
            assertEquals(0, total(database, "g", "mouse", ">= 0"));
            long rows = database.read(c -> Sql.count(c, "SELECT COUNT(*) FROM studies"));
            long counted = database.read(c -> Sql.count(c, "SELECT SUM(n) FROM study_counts"));
            assertEquals(rows, counted);
        }
    }

    @Test
    void aPageOfStudiesIsReadInIndexOrderWithoutSortingThemAll() {
        try (Database database = Database.open(temp.resolve("spatialx.db"))) {
            List<Object> args = List.of(2, "g", "human");
            List<String> filters = List.of("WHERE status <= ?", "WHERE status <= ? AND group_id = ?",
                    "WHERE status <= ? AND group_id = ? AND species = ?");
            for (int n = 0; n < filters.size(); n++) {
                String where = filters.get(n);
                Object[] values = args.subList(0, n + 1).toArray();
                List<Map<String, Object>> plan = database.read(c -> Sql.all(c, "EXPLAIN QUERY PLAN SELECT * FROM"
                        + " studies " + where + " ORDER BY created_at DESC, study_id DESC LIMIT 50 OFFSET 0", values));
                String text = plan.toString();
                assertTrue(text.contains("USING INDEX studies_listed"), where + ": " + text);
                assertFalse(text.contains("TEMP B-TREE"), "sorts every matching study: " + where + ": " + text);
            }
        }
    }
}
