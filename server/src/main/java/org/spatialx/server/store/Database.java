package org.spatialx.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.spatialx.server.storage.OwnerOnly;
import org.sqlite.SQLiteConfig;

/**
 * The server's embedded SQLite database (WAL journal) with a versioned schema: each entry of
 * {@link Schema#MIGRATIONS} is applied once, in order, and recorded in {@code PRAGMA user_version}.
 *
 * <p>One writer connection, serialised by a lock (SQLite has a single writer anyway), and a pool of
 * read-only connections beside it: in WAL mode readers see the last committed state and neither wait for
 * the writer nor make it wait, so listings and details do not queue behind writes. Work that reads inside
 * a {@link #write} runs on the writer connection and sees that transaction's own changes.
 *
 * <p>The file and its journals are owner-only (0600), like everything the server writes.
 */
public final class Database implements AutoCloseable {

    /** A unit of work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Read-only connections: enough for the request threads that read at once on a few cores. */
    private static final int READERS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers;
    private final List<Connection> allReaders;
    /** The reader a thread holds, so a read inside a read reuses it instead of taking a second one. */
    private final ThreadLocal<Connection> currentReader = new ThreadLocal<>();

    private Database(Path file, Connection writer, List<Connection> readers) {
        this.file = file;
        this.writer = writer;
        this.allReaders = List.copyOf(readers);
        this.readers = new ArrayBlockingQueue<>(readers.size(), false, readers);
    }

    /** Opens (creating if needed) the database file and brings its schema up to date. */
    public static Database open(Path file) {
        List<Connection> opened = new ArrayList<>();
        try {
            Path absolute = file.toAbsolutePath();
            OwnerOnly.createDirectories(absolute.getParent());
            if (!Files.exists(absolute)) {
                OwnerOnly.createFile(absolute); // SQLite gives its -wal and -shm files the mode of this one
            }
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Path part = absolute.resolveSibling(absolute.getFileName() + suffix);
                if (Files.exists(part)) {
                    OwnerOnly.restrict(part); // a home written by an earlier version
                }
            }
            Connection writer = connect(absolute, false);
            opened.add(writer);
            try (Statement statement = writer.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA foreign_keys=ON");
            }
            migrate(writer, absolute, Schema.MIGRATIONS);
            List<Connection> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                Connection reader = connect(absolute, true);
                opened.add(reader);
                readers.add(reader);
            }
            return new Database(absolute, writer, readers);
        } catch (SQLException | java.io.IOException e) {
            for (Connection connection : opened) {
                try {
                    connection.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IllegalStateException("Cannot open the server database " + file + ": " + e.getMessage()
                    + ". Check that the home folder is writable and not used by another program.", e);
        }
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        config.setReadOnly(readOnly);
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        if (readOnly) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA query_only=1");
            }
        }
        return connection;
    }

    /** The schema version now in the file ({@code PRAGMA user_version}). */
    public int schemaVersion() {
        return read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    private static void migrate(Connection connection, Path file, List<String> migrations) throws SQLException {
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
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * Runs read-only work on a reader connection: it sees the last committed state. Inside a {@link #write}
     * of the same thread it runs on the writer, within that transaction.
     */
    public <T> T read(Work<T> work) {
        if (writeLock.isHeldByCurrentThread()) {
            return apply(work, writer);
        }
        Connection held = currentReader.get();
        if (held != null) {
            return apply(work, held);
        }
        Connection reader;
        try {
            reader = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a database connection", e);
        }
        currentReader.set(reader);
        try {
            return apply(work, reader);
        } finally {
            currentReader.remove();
            readers.add(reader);
        }
    }

    private static <T> T apply(Work<T> work, Connection connection) {
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    /** Runs work in one transaction: all of it is committed, or none. A nested call joins the outer transaction. */
    public <T> T write(Work<T> work) {
        writeLock.lock();
        try {
            if (writeLock.getHoldCount() > 1) {
                return work.apply(writer);
            }
            writer.setAutoCommit(false);
            try {
                T result = work.apply(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(writer, e);
                throw e;
            } finally {
                restoreAutoCommit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Rolls back after {@code failure}. SQLite has often rolled back already (a full disk at commit): the
     * rollback's own error ("no transaction is active") then goes with the failure instead of hiding it.
     */
    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void restoreAutoCommit() throws SQLException {
        try {
            writer.setAutoCommit(true);
        } catch (SQLException e) {
            // the transaction is gone already (rolled back by SQLite): the connection is usable again
            if (!writer.getAutoCommit()) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            SQLException failure = null;
            for (Connection connection : allReaders) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    failure = e;
                }
            }
            writer.close();
            if (failure != null) {
                throw failure;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the database " + file, e);
        } finally {
            writeLock.unlock();
        }
    }
}
