package org.spatialx.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class VersionCommandTest {

    @Test
    void printsProjectAndJavaVersion() {
        StringWriter out = new StringWriter();
        var cli = SpatialxCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("version");
        assertEquals(0, exit);
        String text = out.toString();
        assertTrue(text.startsWith("spatialx "), text);
        assertTrue(text.contains("java " + System.getProperty("java.version")), text);
    }
}
