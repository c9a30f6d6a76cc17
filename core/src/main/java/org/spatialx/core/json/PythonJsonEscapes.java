package org.spatialx.core.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Python {@code json.dumps(ensure_ascii=True)} escaping: every non-ASCII UTF-16 unit and control
 * character as a lower-case {@code \\uXXXX} (Jackson would write upper-case hex), plus the
 * usual short escapes.
 */
final class PythonJsonEscapes extends CharacterEscapes {

    private final int[] asciiEscapes;

    PythonJsonEscapes() {
        asciiEscapes = CharacterEscapes.standardAsciiEscapesForJSON();
        for (int c = 0; c < 0x20; c++) {
            if (asciiEscapes[c] == CharacterEscapes.ESCAPE_STANDARD) {
                asciiEscapes[c] = CharacterEscapes.ESCAPE_CUSTOM;
            }
        }
        asciiEscapes[0x7F] = CharacterEscapes.ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return asciiEscapes.clone();
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch < 0x20 || ch > 0x7E) {
            return new SerializedString(String.format("\\u%04x", ch));
        }
        return null;
    }
}
