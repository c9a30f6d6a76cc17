package org.spatialx.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialx.server.LocalServer;
import org.spatialx.server.LocalServerConfig;

/**
 * {@code spatialx serve}: the token is never printed unless asked, the banner shows the notebook's connect
 * lines, a server reachable beyond this machine is a warning, and an empty token is refused (issue 14, items
 * 11 and 15; issue 15, item 11).
 */
class ServeCommandTest {

    @TempDir
    Path dir;

    record Outcome(int exit, String out, String err) {
    }

    private static Outcome serve(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = SpatialxCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cli.execute(all);
        return new Outcome(exit, out.toString(), err.toString());
    }

    @Test
    void theBannerSaysWhereTheTokenIsAndHowToConnectWithoutPrintingIt() {
        try (LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(dir.resolve("home"))
                .withToken("secret-token-4711"))) {
            String banner = ServeCommand.banner(server, "127.0.0.1", false);
            assertFalse(banner.contains("secret-token-4711"), banner);
            assertTrue(banner.contains("token:  stored in " + server.home().resolve("token")), banner);
            assertTrue(banner.contains("connector = SpatialXConnector(domain=\"" + server.url() + "\", token=TOKEN)"),
                    banner);
            assertTrue(banner.contains("new SpatialXConnector({domain: \"" + server.url() + "\", token: TOKEN})"),
                    banner);
            assertFalse(banner.contains("new SpatialXConnector(\"" + server.url()), "no Java syntax: " + banner);
            assertFalse(banner.contains("WARNING"), banner);

            String shown = ServeCommand.banner(server, "127.0.0.1", true);
            assertTrue(shown.contains("token=\"secret-token-4711\")"), shown);
        }
    }

    @Test
    void everyInterfaceIsAWarningAndTheAdvertisedAddressIsReachable() {
        try (LocalServer server = LocalServer.start(LocalServerConfig.defaults().withHome(dir.resolve("home"))
                .withHost("0.0.0.0").withToken("t"))) {
            assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
            String banner = ServeCommand.banner(server, "0.0.0.0", false);
            assertTrue(banner.contains("WARNING: listening on 0.0.0.0 over plain HTTP"), banner);
            assertTrue(banner.contains("From other machines: http://"), banner);
            assertFalse(banner.contains("0.0.0.0:" + server.port()), "0.0.0.0 reaches no one: " + banner);
        }
    }

    @Test
    void anEmptyTokenIsRefused() throws Exception {
        Outcome empty = serve("--home", dir.resolve("home").toString(), "--token", "");
        assertEquals(1, empty.exit());
        assertTrue(empty.err().contains("The token must not be empty"), empty.err());
        assertTrue(empty.err().contains("--token is visible to every local user"), empty.err());
        Path blank = Files.writeString(dir.resolve("token.txt"), "\n");
        Outcome fromFile = serve("--home", dir.resolve("home").toString(), "--token-file", blank.toString());
        assertEquals(1, fromFile.exit());
        assertTrue(fromFile.err().contains("is empty"), fromFile.err());
    }

    @Test
    void helpSaysWhereTheTokenCanComeFrom() {
        Outcome help = serve("--help");
        assertEquals(0, help.exit());
        String text = help.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("--token-file"), text);
        assertTrue(text.contains("$SPATIALX_TOKEN"), text);
        assertTrue(text.contains("visible to every local user"), text);
    }
}
