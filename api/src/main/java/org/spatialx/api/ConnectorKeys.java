package org.spatialx.api;

/**
 * Field names of requests and responses (protocol 5.11); mirrors {@code ConnectorKeys}. Several members share a wire value (e.g. {@code OFFSET} and {@code UPLOAD_OFFSET}); {@link #fromValue} returns the first.
 */
public enum ConnectorKeys implements WireEnum {
    ENTITY("entity"),
    ENTITIES("entities"),
    MESSAGE("message"),
    STATUS("status"),
    STUDY("study"),
    SAMPLE("sample"),
    UNIQUE_ID("unique_id"),
    ROOT_FOLDER("root_folder"),
    FILE("file"),
    DIRECTORY("directory"),
    FILES("files"),
    FOLDERS("folders"),
    ARGS("args"),
    KWARGS("kwargs"),
    IDENTITIES("identities"),
    MAP_SUBMIT_RESULT("map_submit_result"),
    ANNOTATED_DATA("annotated_data"),
    TRANSCRIPTS("transcripts"),
    SPOT("spot"),
    MPP("mpp"),
    OBS("obs"),
    OBSM("obsm"),
    BARCODES("barcodes"),
    GENES("genes"),
    STUDY_PATH("study_path"),
    STUDY_ID("study_id"),
    GROUP_ID("group_id"),
    SPECIES("species"),
    LIMIT("limit"),
    OFFSET("offset"),
    ACTIVE("active"),
    COMPARE("compare"),
    NAME("name"),
    DATA("data"),
    DATA_NAME("data_name"),
    SAMPLE_NAME("sample_name"),
    TITLE("title"),
    KEY("key"),
    VALUE("value"),
    TYPE("type"),
    PATH("path"),
    DATA_PATH("data_path"),
    IGNORE_HIDDEN("ignore_hidden"),
    TECHNOLOGY("technology"),
    SAMPLE_ID("sample_id"),
    SAMPLE_DATA("sample_data"),
    SUBMIT_ID("submit_id"),
    SUBMISSION_NAME("submission_name"),
    SUBMISSION_TYPE("submission_type"),
    SUBMISSION_INFO("submission_info"),
    NEED_DATA("need_data"),
    DATA_ID("data_id"),
    TABLE_ID("table_id"),
    ELEMENT_ID("element_id"),
    LENS_DATA_PATH("lens_data_path"),
    GROUPS("groups"),
    DEFAULT("default"),
    PARAMS("params"),
    DISPLAY_PARAMS("display_params"),
    SUB_TYPE("sub_type"),
    GROUP_TYPE("group_type"),
    DESCRIPTION("description"),
    ELEMENT("element"),
    NEW_NAME("new_name"),
    CLEANUP("cleanup_flg"),
    PUBLICATION("publication"),
    TAGS("tags"),
    AUTHOR("author"),
    ANALYSIS_ID("analysis_id"),
    HTTP_REQ_PERMISISON_NAME_KEY("permission_name"),
    EMAIL_ID("email_id"),
    TOTAL_DATA("total_data"),
    TOTAL_SAMPLE("total_sample"),
    ENABLE_STATUS("enable_status"),
    IMAGES_ID("images_id"),
    SEGMENTATION_ID("segmentation_id"),
    CHANNEL_NAMES("channel_names"),
    TOLERANCE("tolerance"),
    CSV_PATH("csv_path"),
    UPLOAD_PARENT_IS_FILE("parent_is_file"),
    UPLOAD_CHUNK_SIZE("chunk_size"),
    UPLOAD_FILE_SIZE("file_size"),
    UPLOAD_OFFSET("offset"),
    UPLOAD_FILE_NAME("name"),
    UPLOAD_FOLDER_NAME("folder_name"),
    UPLOAD_UNIQUE_ID("unique_id"),
    UPLOAD_PATH("path"),
    UPLOAD_MOVE_TO_PARENT("move_to_parent"),
    UPLOAD_SENDING_INDEX("sending_index"),
    UPLOAD_FILE_DATA("file"),
    UPLOAD_TOTAL_CHUNK("total"),
    UPLOAD_IS_CHUNK("is_chunk");

    private final String value;

    ConnectorKeys(String value) {
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
    public static ConnectorKeys fromValue(String text) {
        return WireEnum.lookup(ConnectorKeys.class, text);
    }

    /** The five fields of {@code account/info} that {@code connector.info} keeps (INFORMATION_FIELDS). */
    public static final java.util.List<String> INFORMATION_FIELDS =
            java.util.List.of("email", "sub_dir", "name", "app_base_url", "routing_table");

    /** Small-file threshold of uploads: 1 MiB (UPLOAD_CHUNK_SMALL_SIZE). */
    public static final long UPLOAD_CHUNK_SMALL_SIZE = 1_048_576L;
    /** 16 MiB chunks (UPLOAD_CHUNK_MEDIUM_SIZE). */
    public static final long UPLOAD_CHUNK_MEDIUM_SIZE = 16_777_216L;
    /** 50 MiB chunks (UPLOAD_CHUNK_NORMAL_SIZE). */
    public static final long UPLOAD_CHUNK_NORMAL_SIZE = 52_428_800L;
    /** 100 MiB chunks, also the largest allowed (UPLOAD_CHUNK_LARGE_SIZE). */
    public static final long UPLOAD_CHUNK_LARGE_SIZE = 104_857_600L;
}
