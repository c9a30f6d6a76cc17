package org.spatialx.shell.binding;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.spatialx.api.ProtocolEnums;
import org.spatialx.api.TranscriptsSubmission;
import org.spatialx.api.WireEnum;

/**
 * The protocol enums scripts import ({@link ProtocolEnums#ALL}, each a {@link WireEnum}), by the
 * name they are imported under. {@code TrasncriptsSubmission}, the notebook's misspelling, is an
 * alias of {@link TranscriptsSubmission}.
 */
public final class ApiEnums {

    /** The notebook's spelling of {@link TranscriptsSubmission} (protocol 5.7), kept as an alias. */
    public static final String MISSPELLED_TRANSCRIPTS = "TrasncriptsSubmission";

    private ApiEnums() {
    }

    /** Enum classes by script name, sorted, aliases included. */
    public static Map<String, Class<? extends Enum<?>>> byName() {
        Map<String, Class<? extends Enum<?>>> found = new TreeMap<>();
        for (Class<? extends Enum<?>> type : ProtocolEnums.ALL) {
            found.put(type.getSimpleName(), type);
        }
        found.put(MISSPELLED_TRANSCRIPTS, TranscriptsSubmission.class);
        return found;
    }

    /** Members of {@code type} with their wire values, in declaration order. */
    public static Map<String, Object> members(Class<? extends Enum<?>> type) {
        Map<String, Object> members = new LinkedHashMap<>();
        for (Enum<?> member : type.getEnumConstants()) {
            members.put(member.name(), ((WireEnum) member).value());
        }
        return members;
    }
}
