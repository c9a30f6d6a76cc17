package org.spatialx.api;

/**
 * Role permission names (protocol 5.13, USER_ROLE_PERMISSION_HASH2); sent as {@code permission_name}.
 */
public enum Permission implements WireEnum {
    CREATE_NEW_STUDY("CREATE_NEW_STUDY"),
    MODIFY_STUDY("MODIFY_STUDY"),
    DELETE_STUDY("DELETE_STUDY"),
    SHARE_STUDY_WITH_ANOTHER_GROUP("SHARE_STUDY_WITH_ANOTHER_GROUP"),
    ADD_NEW_METADATA("ADD_NEW_METADATA"),
    MODIFY_METADATA("MODIFY_METADATA"),
    DELETE_METADATA("DELETE_METADATA"),
    STANDARDIZE_METADATA("STANDARDIZE_METADATA"),
    CREATE_NEW_DATABASE("CREATE_NEW_DATABASE"),
    DELETE_DATABASE("DELETE_DATABASE"),
    MODIFY_ONTOLOGIES("MODIFY_ONTOLOGIES"),
    ADD_OR_REMOVE_USERS_IN_GROUP("ADD_OR_REMOVE_USERS_IN_GROUP"),
    CLONE_STUDY_TO_PERSONAL_WORKSPACE("CLONE_STUDY_TO_PERSONAL_WORKSPACE"),
    EXPORT_STUDY("EXPORT_STUDY"),
    ADD_NEW_ANALYSIS("ADD_NEW_ANALYSIS"),
    DELETE_ANALYSIS("DELETE_ANALYSIS"),
    EXPORT_ANALYSIS_RESULT("EXPORT_ANALYSIS_RESULT"),
    ACCESS_PUBLIC_DATASETS("ACCESS_PUBLIC_DATASETS"),
    CHANGE_GROUP_OF_STUDY("CHANGE_GROUP_OF_STUDY"),
    CREATE_NEW_MODELING("CREATE_NEW_MODELING"),
    MODIFY_MODELING("MODIFY_MODELING"),
    DELETE_MODELING("DELETE_MODELING");

    private final String value;

    Permission(String value) {
        this.value = value;
    }

    /** The exact string sent on the wire. */
    @Override
    public String value() {
        return value;
    }

    /**
     * The member whose wire value or name equals {@code text}.
     *
     * @throws IllegalArgumentException naming the accepted values when nothing matches
     */
    public static Permission fromValue(String text) {
        return WireEnum.lookup(Permission.class, text);
    }
}
