package org.spatialx.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;

/**
 * Asks the user before something is deleted: the {@code delete()} of the notebook's {@code Study},
 * {@code Sample} and {@code Data} objects proceeds only when the answer is {@code Yes}, as in the
 * Python SDK. Set with {@link ConnectorOptions.Builder#confirmation}.
 */
@FunctionalInterface
public interface Confirmation {

    /** The answer that confirms, exactly. */
    String YES = "Yes";

    /** Every deletion proceeds without asking (code that asked its user already). */
    Confirmation ALWAYS = question -> true;

    /**
     * Shows {@code question} to the user and answers whether they confirmed.
     *
     * @param question what is about to happen, ending with how to confirm
     */
    boolean confirm(String question);

    /** Asks on standard output and reads one line of standard input, as Python's {@code input()} does. */
    static Confirmation console() {
        return question -> ask(question, System.out, System.in);
    }

    /**
     * Prints {@code question} (no newline) to {@code out} and reads one line from {@code in} (only up
     * to its end, so later reads of {@code in} see the rest); true when the line is {@value #YES}.
     */
    static boolean ask(String question, PrintStream out, InputStream in) {
        out.print(question);
        out.flush();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the answer to: " + question, e);
        }
        return line.toString(Charset.defaultCharset()).strip().equals(YES);
    }
}
