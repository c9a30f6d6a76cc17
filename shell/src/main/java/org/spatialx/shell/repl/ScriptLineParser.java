package org.spatialx.shell.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;
import org.spatialx.shell.script.ScriptSession;

/**
 * JLine parser for script input: asks the language whether the input is complete (multi-line
 * input goes on with a {@code ...} prompt), and splits words as identifier paths
 * ({@code connector.analysis.emb}) so completions replace exactly what precedes the cursor.
 */
final class ScriptLineParser implements Parser {

    private static final Pattern WORD = Pattern.compile("[A-Za-z_$][\\w.$]*");

    private final ScriptSession session;

    ScriptLineParser(ScriptSession session) {
        this.session = session;
    }

    @Override
    public CompletingParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !line.isBlank() && session.isIncomplete(line)) {
            throw new EOFError(-1, cursor, "incomplete input", "...");
        }
        List<String> words = new ArrayList<>();
        int wordIndex = -1;
        int wordCursor = 0;
        Matcher matcher = WORD.matcher(line);
        while (matcher.find()) {
            if (matcher.start() <= cursor && cursor <= matcher.end()) {
                wordIndex = words.size();
                wordCursor = cursor - matcher.start();
            }
            words.add(matcher.group());
        }
        if (wordIndex < 0) {
            words.add("");
            wordIndex = words.size() - 1;
        }
        return new Parsed(line, cursor, words, wordIndex, wordCursor);
    }

    private record Parsed(String line, int cursor, List<String> words, int wordIndex, int wordCursor)
            implements CompletingParsedLine {

        @Override
        public String word() {
            return words.get(wordIndex);
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor;
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }
}
