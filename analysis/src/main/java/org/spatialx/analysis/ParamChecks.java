package org.spatialx.analysis;

import java.util.Arrays;
import java.util.List;
import org.spatialx.api.WireEnum;
import org.spatialx.api.analysis.AnalysisException;

/**
 * The checks {@code validate} runs on params, each failing with an {@link AnalysisException} that
 * names the wire parameter, the value given and what is accepted.
 */
public final class ParamChecks {

    private ParamChecks() {
    }

    /** {@code value} must be given (a parameter without a Python default). */
    public static <T> T required(String param, T value) {
        if (value == null) {
            throw new AnalysisException("Missing `" + param + "`: it has no default, pass " + param + "=...");
        }
        return value;
    }

    /** {@code value} must be a non-blank text. */
    public static String requiredText(String param, String value) {
        required(param, value);
        if (value.isBlank()) {
            throw new AnalysisException("`" + param + "` is empty: give a value.");
        }
        return value;
    }

    /** {@code value}, when given, must be an integer of at least {@code min}. */
    public static void atLeast(String param, Integer value, int min) {
        if (value != null && value < min) {
            throw new AnalysisException("`" + param + "` must be at least " + min + ", got " + value + ".");
        }
    }

    /** {@code value}, when given, must be a finite number above zero. */
    public static void positive(String param, Number value) {
        if (value != null && !(value.doubleValue() > 0 && Double.isFinite(value.doubleValue()))) {
            throw new AnalysisException("`" + param + "` must be a positive number, got " + value + ".");
        }
    }

    /** {@code value} must be given and be an integer of at least {@code min}. */
    public static void requiredAtLeast(String param, Integer value, int min) {
        atLeast(param, required(param, value), min);
    }

    /** {@code value} must be given and be a finite number above zero. */
    public static void requiredPositive(String param, Number value) {
        positive(param, required(param, value));
    }

    /** {@code value} must be given and be one of {@code accepted} (compared exactly, as the wire does). */
    public static void oneOf(String param, String value, List<String> accepted) {
        if (!accepted.contains(required(param, value))) {
            throw new AnalysisException("Unknown " + param + " \"" + value + "\": use one of "
                    + String.join(", ", accepted) + ".");
        }
    }

    /** {@code value} must be given and be the wire value of a member of {@code type}. */
    public static <E extends Enum<E> & WireEnum> void wireValue(String param, String value, Class<E> type) {
        oneOf(param, value, Arrays.stream(type.getEnumConstants()).map(m -> String.valueOf(m.value())).toList());
    }
}
