package org.spatialx.shell.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.shell.binding.NotebookApi;
import org.spatialx.shell.binding.NotebookMember;
import org.spatialx.shell.binding.NotebookObject;

/** help(...) texts: signatures derived from the real connector, Javadoc extracted from its sources by the build. */
class NotebookDocsTest {

    private final NotebookMember listStudy = NotebookApi.of(SpatialXConnector.class).member("list_study").orElseThrow();

    @Test
    void listStudyHelpShowsSignatureJavadocAndKeywords() {
        String help = NotebookDocs.load().describe(listStudy, ScriptLanguage.PYTHON);
        assertTrue(help.startsWith("list_study(group, species, limit=50, offset=0, active=2, compare=1)\n\n"
                + "    one page of the studies of a group"), "the Javadoc's own Python call is not repeated: " + help);
        assertTrue(help.contains("Keyword arguments:\n      group: String\n      species: String\n"), help);
    }

    @Test
    void javascriptHelpShowsTheOptionsObjectForm() {
        String help = NotebookDocs.load().describe(listStudy, ScriptLanguage.JS);
        assertTrue(help.startsWith("list_study({group, species, limit: 50, offset: 0, active: 2, compare: 1})\n\n"
                + "    one page of the studies of a group"), help);
        assertTrue(help.contains("Options (one object, fields by name):\n      group: String\n"), help);
        assertFalse(help.contains("=") || help.contains("True") || help.contains("None"), "no Python forms: " + help);
        NotebookMember tracked = NotebookApi.of(SpatialXConnector.class).member("submit").orElseThrow();
        assertTrue(tracked.javaScriptSignature().contains("description: \"\", tracking: false, max_time: 600})"),
                tracked.javaScriptSignature());
    }

    @Test
    void theConnectorsHelpListsItsCallsByNotebookSectionOneLineEach() {
        try (SpatialXConnector connector = new SpatialXConnector("https://example.org/spatialx/", "token")) {
            NotebookObject object = NotebookObject.of(connector);
            String overview = NotebookDocs.load().describe(object, ScriptLanguage.PYTHON);
            List<String> lines = overview.lines().toList();
            assertTrue(lines.get(0).startsWith("SpatialXConnector: " + object.members().size()
                    + " calls by notebook section; help(connector.listdir) shows one."), overview);
            List<String> headings = lines.stream().filter(line -> line.matches("\\S.*") && !line.equals(lines.get(0))).toList();
            assertEquals(List.of("1.4 Explore your account", "1.5 List of storages", "1.6 Accessing study information",
                    "1.7 Uploading files", "1.8 Submission"), headings.subList(0, 5), overview);
            assertEquals(object.members().size(), lines.stream().filter(line -> line.startsWith("    ")).count(),
                    "one line per call: " + overview);
            assertTrue(overview.contains("\n    groups "), overview);
            assertTrue(overview.contains("\n    list_study()  "), overview);
            assertTrue(lines.stream().filter(line -> line.startsWith("    list_study()")).findFirst().orElseThrow()
                    .contains("one page of the studies of a group (study/list)"), overview);
            assertTrue(lines.stream().allMatch(line -> line.length() <= 110), "lines fit a terminal: " + overview);
        }
    }
}
