package org.spatialx.shell.repl;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.spatialx.shell.script.ScriptSession;

/**
 * Tab completion from the live session: connector methods and properties, members of enums,
 * keyword names inside an open call ({@code list_study(gr} to {@code group=}), and globals.
 */
final class ScriptCompleter implements Completer {

    private final ScriptSession session;

    ScriptCompleter(ScriptSession session) {
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String before = line.line().substring(0, line.cursor());
        for (String value : session.complete(before)) {
            // Not "complete": no space after connector.list_study, so "(" and "." follow directly.
            candidates.add(new Candidate(value, value, null, null, null, null, false));
        }
    }
}
