package org.spatialx.shell.script;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spatialx.core.SpatialXConnector;
import org.spatialx.shell.binding.NotebookApi;
import org.spatialx.shell.binding.NotebookMember;
import org.spatialx.shell.binding.NotebookObject;

/** help(...) texts: signatures derived from the real connector, Javadoc extracted from its sources by the build. */
class NotebookDocsTest {

    @Test
    void listStudyHelpShowsSignatureJavadocAndKeywords() {
        NotebookMember listStudy = NotebookApi.of(SpatialXConnector.class).member("list_study").orElseThrow();
        String help = NotebookDocs.load().describe(listStudy);
        assertTrue(help.startsWith("list_study(group, species, "), help);
        assertTrue(help.contains("one page of the studies of a group"), help);
        assertTrue(help.contains("Keyword arguments:\n      group: String\n      species: String\n"), help);
    }

    @Test
    void propertiesAreMarkedAndListed() {
        try (SpatialXConnector connector = new SpatialXConnector("https://example.org/spatialx/", "token")) {
            NotebookObject object = NotebookObject.of(connector);
            assertTrue(object.member("info").orElseThrow().property());
            String overview = NotebookDocs.load().describe(object);
            assertTrue(overview.startsWith("SpatialXConnector\n"), overview);
            assertTrue(overview.contains("\n    groups (property)\n"), overview);
            assertTrue(overview.contains("\n    parse_data_information(data_name, technology, data_path, "), overview);
        }
    }
}
