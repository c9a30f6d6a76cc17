package org.spatialx.core.print;

import java.math.BigDecimal;

/**
 * Python's {@code repr(float)}: the shortest digits that read back to the same double, in fixed
 * notation when the decimal exponent is in [-4, 16) ({@code 0.18}, {@code 1.0},
 * {@code 1000000000.0}) and scientific otherwise ({@code 1e+16}, {@code 1e-05}). Used by
 * {@code format_print} (protocol 10) and by the wire encodings of protocol 1.4.
 */
public final class PythonFloat {

    private PythonFloat() {
    }

    /** The text Python prints for {@code value}. */
    public static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0.0) {
            return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
        }
        String sign = value < 0 ? "-" : "";
        // Double.toString gives the shortest round-tripping digits (JDK 19+), like Python's repr.
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        if (exponent >= -4 && exponent < 16) {
            String plain = decimal.toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exponentText = String.format("%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exponentText;
    }

    /** The text Python prints for a Java float, read as the double of its shortest decimal form. */
    public static String repr(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            return repr((double) value);
        }
        return repr(Double.parseDouble(Float.toString(value)));
    }
}
