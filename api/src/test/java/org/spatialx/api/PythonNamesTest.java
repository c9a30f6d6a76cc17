package org.spatialx.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Java parameter names to the notebook's keyword names. */
class PythonNamesTest {

    @Test
    void camelCaseBecomesTheNotebookKeyword() {
        assertEquals("data_name", PythonNames.snakeCase("dataName"));
        assertEquals("data_id_1", PythonNames.snakeCase("dataId1"));
        assertEquals("group_1_indices", PythonNames.snakeCase("group1Indices"));
        assertEquals("mito_controls_percentage", PythonNames.snakeCase("mitoControlsPercentage"));
        assertEquals("group", PythonNames.snakeCase("group"));
    }
}
