package org.spatialx.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An enum of the SpatialX protocol: each member carries the exact value sent on the wire
 * (protocol 1.4: enums are always sent as their values, never their names).
 */
public interface WireEnum {

    /** The wire value: a {@link String} or an {@link Integer}. */
    Object value();

    /**
     * Finds the member of {@code type} whose wire value, or else whose name, equals {@code text}.
     *
     * @throws IllegalArgumentException naming the accepted values when nothing matches
     */
    static <E extends Enum<E> & WireEnum> E lookup(Class<E> type, String text) {
        E[] members = type.getEnumConstants();
        for (E member : members) {
            if (String.valueOf(member.value()).equals(text)) {
                return member;
            }
        }
        for (E member : members) {
            if (member.name().equals(text)) {
                return member;
            }
        }
        String accepted = Arrays.stream(members)
                .map(m -> String.valueOf(m.value()))
                .distinct()
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException(
                "Unknown " + type.getSimpleName() + " '" + text + "'; use one of: " + accepted);
    }
}
