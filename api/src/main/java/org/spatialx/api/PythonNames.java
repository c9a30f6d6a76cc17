package org.spatialx.api;

/** Java camelCase names to the notebook's snake_case keyword names ({@code group1Indices} to {@code group_1_indices}). */
public final class PythonNames {

    private PythonNames() {
    }

    /** The snake_case form of a Java identifier: {@code dataName} to {@code data_name}, {@code dataId1} to {@code data_id_1}. */
    public static String snakeCase(String javaName) {
        StringBuilder out = new StringBuilder(javaName.length() + 8);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            char previous = i == 0 ? 0 : javaName.charAt(i - 1);
            if (Character.isUpperCase(c)) {
                if (i > 0 && previous != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else if (Character.isDigit(c) && i > 0 && Character.isLetter(previous)) {
                out.append('_').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
