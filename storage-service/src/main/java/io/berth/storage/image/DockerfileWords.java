package io.berth.storage.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Dockerfile instruction's arguments into words as the Dockerfile parser's word splitting does:
 * whitespace separates words, single and double quotes group (and are removed), a backslash escapes the
 * next character (inside single quotes it is literal).
 */
final class DockerfileWords {
    private DockerfileWords() {
    }

    /**
     * @param s the arguments
     * @return the words, quotes removed (empty for blank input)
     */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\\' && quote != '\'' && i + 1 < s.length()) {
                w.append(s.charAt(++i));
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else {
                w.append(c);
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }
}
