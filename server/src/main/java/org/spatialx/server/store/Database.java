package org.spatialx.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server's embedded SQLite database (WAL journal) with a versioned schema: each entry of
 * {@link Schema#MIGRATIONS} is applied once, in order, and recorded in {@code PRAGMA user_version}.
 * One connection serialised by a lock: SQLite has a single writer anyway, and metadata calls are
 * short.
 */
public final class Database implements AutoCloseable {

    /** A unit of work on the connection. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) the database file and brings its schema up to date. */
    public static Database open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA foreign_keys=ON");
                statement.execute("PRAGMA busy_timeout=10000");
            }
            Database database = new Database(file, connection);
            database.migrate(Schema.MIGRATIONS);
            return database;
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("Cannot open the server database " + file + ": " + e.getMessage()
                    + ". Check that the home folder is writable and not used by another program.", e);
        }
    }

    /** The schema version now in the file ({@code PRAGMA user_version}). */
    public int schemaVersion() {
        return read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    private void migrate(List<String> migrations) throws SQLException {
        int version;
        try (Statement s = connection.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > migrations.size()) {
            throw new SQLException("the database " + file + " has schema version " + version
                    + " but this server knows only " + migrations.size() + " (written by a newer version)");
        }
        for (int v = version; v < migrations.size(); v++) {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (String sql : migrations.get(v).split(";\\s*\\n")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
                s.execute("PRAGMA user_version=" + (v + 1));
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Runs read-only work. */
    public <T> T read(Work<T> work) {
        lock.lock();
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs work in one transaction: all of it is committed, or none. A nested call joins the outer transaction. */
    public <T> T write(Work<T> work) {
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                return work.apply(connection);
            }
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the database " + file, e);
        } finally {
            lock.unlock();
        }
    }
}
