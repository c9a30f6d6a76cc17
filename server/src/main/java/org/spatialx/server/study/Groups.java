package org.spatialx.server.study;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.UUID;
import org.spatialx.api.DefaultGroup;
import org.spatialx.server.http.ApiException;
import org.spatialx.server.store.Database;

/**
 * The two groups of a local server: "Personal workspace" (a 32-hex id made at first start) and
 * "All members" ({@code GLOBAL_GROUP}), as {@code account/groups} reports them (protocol 8.1).
 */
public final class Groups {

    public static final String PERSONAL_NAME = DefaultGroup.PERSONAL_WORKSPACE.value();
    /** The id of "All members" (protocol 8.1). */
    public static final String GLOBAL_ID = "GLOBAL_GROUP";
    public static final String GLOBAL_NAME = DefaultGroup.ALL_MEMBERS.value();

    private final String personalId;

    private Groups(String personalId) {
        this.personalId = personalId;
    }

    /** Loads the groups, creating them in a new database. */
    public static Groups load(Database database) {
        String id = database.write(c -> {
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT group_id FROM user_groups WHERE kind = 'personal'")) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
            String personal = UUID.randomUUID().toString().replace("-", "");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_groups VALUES (?,?,?)")) {
                ps.setString(1, personal);
                ps.setString(2, PERSONAL_NAME);
                ps.setString(3, "personal");
                ps.addBatch();
                ps.setString(1, GLOBAL_ID);
                ps.setString(2, GLOBAL_NAME);
                ps.setString(3, "global");
                ps.addBatch();
                ps.executeBatch();
            }
            return personal;
        });
        HexFormat.of().parseHex(id); // a 32-hex id
        return new Groups(id);
    }

    public String personalId() {
        return personalId;
    }

    /** The group id for an id or a display name; a clear error otherwise. */
    public String resolve(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            throw ApiException.badRequest("Missing 'group_id'. Use '" + personalId + "' (" + PERSONAL_NAME
                    + ") or '" + GLOBAL_ID + "' (" + GLOBAL_NAME + "); connector.groups lists them.");
        }
        if (idOrName.equals(personalId) || idOrName.equals(PERSONAL_NAME)
                || idOrName.equalsIgnoreCase(DefaultGroup.LENS_GROUP_ID_PERSONAL_WORKSPACE.value())) {
            return personalId;
        }
        if (idOrName.equals(GLOBAL_ID) || idOrName.equals(GLOBAL_NAME)
                || idOrName.equalsIgnoreCase(DefaultGroup.LENS_GROUP_ID_ALL_MEMBERS.value())) {
            return GLOBAL_ID;
        }
        throw ApiException.notFound("Unknown group '" + idOrName + "'. This server has '" + personalId + "' ("
                + PERSONAL_NAME + ") and '" + GLOBAL_ID + "' (" + GLOBAL_NAME + ").");
    }
}
