package org.spatialx.server.http;

import java.util.Map;

/**
 * Every endpoint of the SpatialX protocol (protocol.md section 2, families 2.1 and 2.2) and the notebook
 * calls that reach it: a request for one that this server does not serve yet is told so, instead of the
 * "check the domain" answer an unknown path gets.
 */
final class ProtocolEndpoints {

    private static final Map<String, String> USED_BY = Map.ofEntries(
            Map.entry("openapi/account/info", "info, folders, s3"),
            Map.entry("openapi/mount/external_listing", "external_folders, external_s3"),
            Map.entry("openapi/cloud/setting_list", "s3"),
            Map.entry("openapi/account/groups", "groups"),
            Map.entry("openapi/directory/entities", "listdir"),
            Map.entry("openapi/study/create", "create_study, submit"),
            Map.entry("openapi/study/list", "list_study"),
            Map.entry("openapi/study/list_public", "openapi.list_public_study"),
            Map.entry("openapi/study/detail", "get_study_detail"),
            Map.entry("openapi/study/update", "Study.rename"),
            Map.entry("openapi/study/stop_create_submit", "Study.delete"),
            Map.entry("openapi/sample/create", "add_sample, submit"),
            Map.entry("openapi/sample/list", "list_sample"),
            Map.entry("openapi/sample/detail", "get_sample_detail"),
            Map.entry("openapi/sample/rename", "rename_sample"),
            Map.entry("openapi/sample/delete", "delete_sample"),
            Map.entry("openapi/data/detail", "get_sample_data_detail"),
            Map.entry("openapi/data/create", "add_sample_data"),
            Map.entry("openapi/data/rename", "rename_sample_data"),
            Map.entry("openapi/data/delete", "delete_sample_data"),
            Map.entry("openapi/data/delete_element", "Data.delete_element"),
            Map.entry("openapi/data_extend/add", "add_sample_data_element"),
            Map.entry("openapi/data/add_element", "none (defined, never called)"),
            Map.entry("openapi/upload/simple", "upload_file"),
            Map.entry("openapi/upload/chunk/start", "upload_big_file"),
            Map.entry("openapi/upload/chunk/process", "upload_big_file"),
            Map.entry("openapi/upload/chunk/merge", "upload_big_file"),
            Map.entry("openapi/upload/chunk/finish", "none (defined, never called)"),
            Map.entry("openapi/upload/folder_finish", "upload_folder"),
            Map.entry("openapi/study/convert_from_lens", "convert_data_from_lens"),
            Map.entry("openapi/analysis/create", "the connector.analysis runners"),
            Map.entry("pyapi/v1/submission/parse_data_information", "parse_data_information"),
            Map.entry("pyapi/v1/elements/rename_image_channels", "Images.set_channel_names"),
            Map.entry("pyapi/v1/elements/simplify_segmentation", "Shapes.simplify"),
            Map.entry("pyapi/v1/metadata/import_metadata", "ConnectorAnnData.upload_metadata"),
            Map.entry("pyapi/v1/query/get_default_deconvolution_models",
                    "analysis.prediction.list_deconvolution_models"),
            Map.entry("pyapi/v1/metadata/get_annotated_element", "analysis.list_metadata, analysis.list_embedding"),
            Map.entry("pyapi/v1/connector/get_sample_info", "pyapi.get_sample_info (0.1.x-0.2.2)"));

    private ProtocolEndpoints() {
    }

    /** The notebook calls that use {@code path} when it is a protocol endpoint, else null. */
    static String usedBy(String path) {
        return USED_BY.get(path);
    }
}
