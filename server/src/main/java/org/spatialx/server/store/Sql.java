package org.spatialx.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JDBC helpers: parameterised queries returning rows as ordered maps. */
public final class Sql {

    private Sql() {
    }

    /** The first row, or null. */
    public static Map<String, Object> one(Connection c, String sql, Object... args) throws SQLException {
        List<Map<String, Object>> rows = all(c, sql, args);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Every row, columns in select order. */
    public static List<Map<String, Object>> all(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> out = new ArrayList<>();
                var meta = rs.getMetaData();
                String[] labels = new String[meta.getColumnCount()];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = meta.getColumnLabel(i + 1);
                }
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < labels.length; i++) {
                        row.put(labels[i], rs.getObject(i + 1));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    /** The first column of the first row as a number (a COUNT). */
    public static long count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Runs an INSERT/UPDATE/DELETE; returns the number of rows changed. */
    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
