package org.spatialx.core.lens;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.spatialx.api.DefaultGroup;
import org.spatialx.api.SpatialXException;
import org.spatialx.core.SpatialXInvalidInputException;
import org.spatialx.core.account.AccountEndpoints;
import org.spatialx.core.transport.ApiRequest;
import org.spatialx.core.transport.JsonFields;
import org.spatialx.core.transport.SpatialXTransport;
import org.spatialx.core.transport.UrlFamily;

/**
 * Converting BioTuring Lens studies into SpatialX (protocol 9): listing the studies of a Lens SC or
 * Lens Bulk server (its own transport, {@link LensTransport}), then asking SpatialX to convert them
 * ({@code study/convert_from_lens}). Fixes of the SDK (11.16, 11.17, 11.28 F): an enum group is
 * unwrapped for both kinds, an unknown group name is used as an id, the group map is read once, and
 * the conversion answers are returned.
 */
public final class LensEndpoints {

    private final SpatialXTransport transport;
    private final AccountEndpoints account;

    /** Lens conversion into the server of {@code transport}; group names are resolved through {@code account}. */
    public LensEndpoints(SpatialXTransport transport, AccountEndpoints account) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.account = Objects.requireNonNull(account, "account");
    }

    /**
     * The studies of {@code group} on a Lens server, as records with {@code species} and
     * {@code group_id} (the SpatialX group id) set: prints {@code Connecting to host at ...} and
     * whether {@code test_connection} succeeded, reads {@code account/groups} once, then asks
     * {@code get_all_studies_info_in_group} with the Lens group id ({@code personal},
     * {@code all_members}, else the SpatialX group id).
     */
    public List<Map<String, Object>> listStudies(String host, String token, String group, String species) {
        List<Map<String, Object>> studies = new ArrayList<>();
        try (LensTransport lens = new LensTransport(host, token, transport.json())) {
            testConnection(lens);
            String spatialxGroupId = account.groups().getOrDefault(group, group);
            JsonNode data = lens.post("get_all_studies_info_in_group",
                    JsonFields.of("species", species, "group_id", lensGroupId(group, spatialxGroupId))).path("data");
            for (JsonNode record : data) {
                @SuppressWarnings("unchecked")
                Map<String, Object> study = new LinkedHashMap<>((Map<String, Object>) transport.json().plain(record));
                study.put("species", species);
                study.put("group_id", spatialxGroupId);
                studies.add(study);
            }
        }
        return studies;
    }

    /**
     * {@code study/convert_from_lens} of each record (a map, or a list of maps as
     * {@link #listStudies} returns): a form with {@code study_id = "ST-" + id}, {@code title},
     * {@code group_id}, {@code species} and {@code lens_data_path = id} (protocol 9.3, 11.18 K).
     *
     * @return the server's answers, one per record (11.17 F)
     */
    public List<Object> convertDataFromLens(Object studyInfo) {
        List<Object> answers = new ArrayList<>();
        for (Map<?, ?> record : records(studyInfo)) {
            Object id = record.get("id");
            if (id == null || String.valueOf(id).isBlank()) {
                throw new SpatialXInvalidInputException("A Lens study record needs its 'id' (list_lens_sc_studies "
                        + "or list_lens_bulk_studies returns them); got the fields " + record.keySet() + ".");
            }
            answers.add(transport.callPlain(ApiRequest.post(UrlFamily.OPENAPI, "study/convert_from_lens")
                    .form("study_id", "ST-" + id).form("title", record.get("title"))
                    .form("group_id", record.get("group_id")).form("species", record.get("species"))
                    .form("lens_data_path", id).build()));
        }
        return answers;
    }

    private void testConnection(LensTransport lens) {
        Consumer<String> out = transport.options().trackingOutput();
        out.accept("Connecting to host at " + lens.uri("test_connection"));
        try {
            lens.post("test_connection", Map.of());
            out.accept("Connection successful");
        } catch (SpatialXException failed) {
            // As in the SDK the listing is still tried; it reports its own error.
            out.accept("Connection failed");
        }
    }

    /** Lens names the two built-in groups itself (protocol 9.3); other groups share SpatialX's ids. */
    private static String lensGroupId(String group, String spatialxGroupId) {
        if (DefaultGroup.PERSONAL_WORKSPACE.value().equals(group)) {
            return DefaultGroup.LENS_GROUP_ID_PERSONAL_WORKSPACE.value();
        }
        if (DefaultGroup.ALL_MEMBERS.value().equals(group)) {
            return DefaultGroup.LENS_GROUP_ID_ALL_MEMBERS.value();
        }
        return spatialxGroupId;
    }

    private static List<Map<?, ?>> records(Object studyInfo) {
        if (studyInfo instanceof Map<?, ?> one) {
            return List.of(one);
        }
        if (studyInfo instanceof List<?> many) {
            List<Map<?, ?>> records = new ArrayList<>();
            for (Object item : many) {
                if (!(item instanceof Map<?, ?> record)) {
                    throw new SpatialXInvalidInputException("convert_data_from_lens takes Lens study records (dicts); "
                            + "got " + (item == null ? "None" : item.getClass().getSimpleName()) + " in the list.");
                }
                records.add(record);
            }
            return records;
        }
        throw new SpatialXInvalidInputException("convert_data_from_lens takes one Lens study record or a list of them, "
                + "as list_lens_sc_studies returns; got " + (studyInfo == null ? "None" : studyInfo.getClass().getSimpleName())
                + ".");
    }
}
