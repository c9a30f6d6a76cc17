package org.spatialx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.spatialx.server.ProtocolClient.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.formats.testing.ExampleData;

/**
 * The layout of every answer: its keys, in order, and the JSON type of each value (s string, i integer,
 * f float, b boolean, n null; an array shows its first element). Python clients print answers as the
 * server orders them, so the order is part of what the server promises, whatever builds the answer.
 */
class AnswerLayoutTest {

    private static final String STUDY = "study_id:s,title:s,species:s,data_path:s,description:s,email_id:s,group_id:s,"
            + "publication:[s],tags:[],author:[],type:i,status:i,enable_status:i,total_sample:i,total_data:i,"
            + "created_at:i,updated_at:i";
    private static final String SAMPLE = "sample_id:s,study_id:s,title:s,enable_status:i,total_data:i,created_at:i,"
            + "updated_at:i";
    private static final String DATA = "data_id:s,sample_id:s,study_id:s,submit_id:s,email_id:s,title:s,"
            + "species_version:s,submission_type:s,technology:s,files:s,files_map:[{key:s,value:s}],folders:s,"
            + "folders_map:[],args:s,args_map:[{key:s,value:f}],kwargs:s,kwargs_map:[{key:s,value:i}],submission_state:s,"
            + "identities:s,"
            + "identities_map:[],enable_status:i,by_bioturing_status:i,percent:f,setting:s,map_setting:{},"
            + "submit_result:s,map_submit_result:{%s},extend_items:s,map_extend_items:[],created_at:i,updated_at:i,"
            + "job_id:i,analysis_id:s,sub_log_path:s";

    @TempDir
    static Path home;
    static LocalServer server;
    static ProtocolClient client;
    static String group;
    static String studyId;
    static JsonNode submitted;

    @BeforeAll
    static void start() throws Exception {
        server = LocalServer.start(LocalServerConfig.defaults().withHome(home).withToken("t"));
        client = new ProtocolClient(server);
        group = ServerFixture.personalGroup(client);
        studyId = ServerFixture.createStudy(client, "layout");
        client.postQuery("openapi/study/update", map("study_id", studyId, "publication", List.of("p"))).ok();
        Path local = Files.copy(ExampleData.bundled("xenium/SFE_toy_Xenium_XOA1x_human_526cells/transcripts.csv.gz"),
                Files.createDirectories(home.resolve("local")).resolve("transcripts.csv.gz"));
        String transcripts = client.uploadFile(local, "run1", "", false).get("path").asText();
        submitted = client.postJson("openapi/sample/create", map("study_id", studyId, "name", "S1", "data",
                List.of(map("name", "D1", "submission_type", "SUBMIT_SPATIAL_TRANSCRIPTOMICS", "technology", "XENIUM",
                        "files", List.of(map("key", "transcripts", "value", transcripts)), "folders", List.of(),
                        "args", List.of(map("key", "mpp", "value", 0.25)),
                        "kwargs", List.of(map("key", "min_genes", "value", 1)), "identities", List.of())))).ok();
        ServerFixture.awaitLog(client, ServerFixture.submissionLog(client, studyId,
                submitted.at("/sample_data/0/submit_id").asText()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void studyAnswers() {
        assertEquals("{study_id:s,data_path:s}", layout(client.postJson("openapi/study/create", map("group_id", group,
                "species", "mouse", "title", "t", "description", "", "type", 1)).ok()));
        assertEquals("{list:[{" + STUDY + "}],total:i,limit:i,offset:i}",
                layout(client.postForm("openapi/study/list", map("group_id", group, "species", "human")).ok()));
        assertEquals("{list:[],total:i}", layout(client.postJson("openapi/study/list_public", map()).ok()));
        assertEquals("{study:{" + STUDY + "},samples:[{" + SAMPLE + "}],total_sample:i}",
                layout(client.get("openapi/study/detail", map("key", studyId)).ok()));
        assertEquals("{" + STUDY + "}", layout(client.postQuery("openapi/study/update",
                map("study_id", studyId, "title", "layout")).ok()));
        String other = ServerFixture.createStudy(client, "deleted");
        assertEquals("{study_id:s,status:i,cleanup_flg:b}", layout(client.postQuery("openapi/study/stop_create_submit",
                map("key", other, "cleanup_flg", false)).ok()));
    }

    @Test
    void sampleAndDataAnswers() {
        JsonNode elements = client.get("openapi/data/detail", map("key", submitted.at("/sample_data/0/data_id")
                .asText())).ok().get("map_submit_result").elements().next();
        // the Xenium transcripts are ingested: points, and a table with its cell centres counted from them
        String data = DATA.formatted(submitted.at("/sample_data/0/submit_id").asText() + ":{transcripts:{"
                + elementId() + ":s},annotated_data:{" + elements.get("annotated_data").fieldNames().next()
                + ":s},cell_centers:{" + elements.get("cell_centers").fieldNames().next() + ":s}}");
        assertEquals("{study_id:s,sample_id:s,sample_data:[{data_id:s,submit_id:s,submit_name:s}],submit_id:s,"
                + "job_id:i,err_message:s}", layout(submitted));
        String sampleId = submitted.get("sample_id").asText();
        String dataId = submitted.at("/sample_data/0/data_id").asText();
        assertEquals("{list:[{" + SAMPLE + "}],total:i}", layout(client.get("openapi/sample/list",
                map("key", studyId)).ok()));
        assertEquals("{list:[{" + SAMPLE + ",data:[{" + data + "}]}],total:i}", layout(client.get("openapi/sample/list",
                map("key", studyId, "need_data", true)).ok()));
        assertEquals("{sample:{" + SAMPLE + "},sample_data:[{" + data + "}]}",
                layout(client.get("openapi/sample/detail", map("key", sampleId)).ok()));
        assertEquals("{" + data + "}", layout(client.get("openapi/data/detail", map("key", dataId)).ok()));
        assertEquals("{" + SAMPLE + "}", layout(client.postJson("openapi/sample/rename",
                map("sample_id", sampleId, "new_name", "S1")).ok()));
        assertEquals("{" + data + "}", layout(client.postJson("openapi/data/rename",
                map("data_id", dataId, "new_name", "D1")).ok()));
        assertEquals("{study_id:s,sample_id:s,sample_data:[],submit_id:s,job_id:i,err_message:s}",
                layout(client.postJson("openapi/sample/create", map("study_id", studyId, "name", "empty")).ok()));
    }

    @Test
    void accountAnswers() throws Exception {
        assertEquals("{email:s,sub_dir:s,name:s,app_base_url:s,routing_table:{openapi:s,pyapi:s,ucc:s},"
                + "default_mount:{folders:[{name:s,path:s}],s3:[]},capabilities:{upload:{out_of_order_chunks:b,"
                + "parallel_chunks:b,max_parallel_chunks:i,resume:b,sha256:b,max_chunk_size:i}},server:s}",
                layout(client.get("openapi/account/info").ok()));
        assertEquals("{default:{" + group + ":s,GLOBAL_GROUP:s},groups:[]}",
                layout(client.get("openapi/account/groups").ok()));
        assertEquals("{folders:[],s3:[]}", layout(client.get("openapi/mount/external_listing").ok()));
        assertEquals("[]", layout(client.postForm("openapi/cloud/setting_list", map("limit", 100, "offset", 0)).ok()));
        assertEquals("{path:s,entities:[{name:s,type:s,path:s,size:i,mtime:i,is_symlink:b}]}",
                layout(client.postForm("openapi/directory/entities", map("path", "Upload")).ok()));
    }

    @Test
    void uploadAnswers() throws Exception {
        assertEquals("{path:s,name:s,folder_name:s,unique_id:s,root_folder:s,is_chunk:b,size:i,sha256:s}",
                layout(client.postMultipart("openapi/upload/simple", map("folder_name", "layout", "unique_id", "",
                        "is_chunk", true), "a.txt", "a".getBytes()).ok()));
        JsonNode session = client.postJson("openapi/upload/chunk/start", map("folder_name", "big", "parent_is_file", 2))
                .ok();
        assertEquals("{unique_id:s,root_folder:s,path:s,folder_name:s}", layout(session));
        String id = session.get("unique_id").asText();
        byte[] bytes = "0123456789".getBytes();
        Map<String, Object> chunk = map("folder_name", "big", "parent_is_file", 2, "chunk_size", 6, "file_size", 10,
                "offset", 6, "name", "b.bin", "unique_id", id, "path", "x", "sending_index", 0);
        assertEquals("{unique_id:s,name:s,sending_index:i,offset:i,size:i}", layout(client.postMultipart(
                "openapi/upload/chunk/process", chunk, "file", Arrays.copyOf(bytes, 6)).ok()));
        chunk.putAll(map("offset", 10, "sending_index", 1,
                "sha256", ProtocolClient.sha256(Arrays.copyOfRange(bytes, 6, 10))));
        assertEquals("{unique_id:s,name:s,sending_index:i,offset:i,size:i,sha256:s}", layout(client.postMultipart(
                "openapi/upload/chunk/process", chunk, "file", Arrays.copyOfRange(bytes, 6, 10)).ok()));
        assertEquals("{unique_id:s,name:s,chunk_size:i,file_size:i,received:[i],received_bytes:i}",
                layout(client.postJson("openapi/upload/chunk/status", map("unique_id", id, "name", "b.bin")).ok()));
        assertEquals("{unique_id:s,name:s,chunk_size:i,file_size:i,received:[],received_bytes:i}",
                layout(client.postJson("openapi/upload/chunk/status", map("unique_id", id, "name", "none")).ok()));
        assertEquals("{path:s,name:s,folder_name:s,unique_id:s,root_folder:s,move_to_parent:b,size:i,sha256:s}",
                layout(client.postJson("openapi/upload/chunk/merge", map("folder_name", "big", "parent_is_file", 2,
                        "total", 2, "name", "b.bin", "unique_id", id, "move_to_parent", false)).ok()));
        assertEquals("{folder_name:s,unique_id:s,path:s,root_folder:s,files:[{path:s,size:i,sha256:s}]}",
                layout(client.postForm("openapi/upload/folder_finish", map("folder_name", "big", "unique_id", id))
                        .ok()));
        assertEquals("{}", layout(client.postJson("openapi/upload/chunk/finish", map()).ok()));
        assertEquals(10, Files.size(server.mounts().upload().root().resolve("big/b.bin")));
    }

    private static String elementId() {
        JsonNode data = client.get("openapi/data/detail", map("key", submitted.at("/sample_data/0/data_id").asText()))
                .ok();
        return data.get("map_submit_result").elements().next().get("transcripts").fieldNames().next();
    }

    /** Keys in order with the JSON type of each value; an array shows its first element only. */
    static String layout(JsonNode node) {
        if (node.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                sb.append(field.getKey()).append(':').append(layout(field.getValue())).append(it.hasNext() ? "," : "");
            }
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            return node.isEmpty() ? "[]" : "[" + layout(node.get(0)) + "]";
        }
        if (node.isTextual()) {
            return "s";
        }
        if (node.isIntegralNumber()) {
            return "i";
        }
        if (node.isNumber()) {
            return "f";
        }
        return node.isBoolean() ? "b" : "n";
    }
}
