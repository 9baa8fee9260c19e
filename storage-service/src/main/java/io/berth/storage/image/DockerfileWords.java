package io.berth.storage.image;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Splits a Dockerfile instruction's arguments into words as the Dockerfile parser's word splitting does:
 * whitespace separates words, single and double quotes group (and are removed), a backslash escapes the
 * next character (inside single quotes it is literal). With an environment it also expands variables in the
 * same pass, as moby's shell lexer ({@code ProcessWord}, builder/dockerfile/shell) does for the instructions
 * that support expansion: {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-word}} (word if unset or empty),
 * {@code ${NAME:+word}} (word if set and not empty); an unset variable is empty; nothing is expanded inside
 * single quotes or after a backslash; a {@code $} not followed by a name is kept.
 */
final class DockerfileWords {
    private DockerfileWords() {
    }

    /**
     * @param s the arguments
     * @return the words, quotes removed (empty for blank input)
     */
    static List<String> split(String s) {
        return lex(s, null, true);
    }

    /**
     * @param s the arguments
     * @param env a variable's value, or null if unset
     * @return the words, quotes removed, variables expanded
     */
    static List<String> split(String s, UnaryOperator<String> env) {
        return lex(s, env, true);
    }

    /**
     * One word, whitespace kept (moby's {@code ProcessWord} on a legacy {@code ENV name value} value).
     *
     * @param s the raw text
     * @param env a variable's value, or null if unset
     * @return the text with quotes removed and variables expanded
     */
    static String word(String s, UnaryOperator<String> env) {
        List<String> w = lex(s, env, false);
        return w.isEmpty() ? "" : w.get(0);
    }

    private static List<String> lex(String s, UnaryOperator<String> env, boolean splitOnSpace) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (splitOnSpace && quote == 0 && Character.isWhitespace(c)) {
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
            } else if (c == '$' && quote != '\'' && env != null) {
                i = variable(s, i, env, w);
            } else {
                w.append(c);
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }

    private static boolean nameChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    /** Expands the variable at {@code s[dollar]} into {@code w}; @return the index of its last character. */
    private static int variable(String s, int dollar, UnaryOperator<String> env, StringBuilder w) {
        int i = dollar + 1;
        if (i < s.length() && s.charAt(i) == '{') {
            int close = s.indexOf('}', i);
            if (close < 0) {
                w.append(s, dollar, s.length());
                return s.length() - 1;
            }
            String body = s.substring(i + 1, close);
            int colon = body.indexOf(':');
            String name = colon < 0 ? body : body.substring(0, colon);
            String value = env.apply(name);
            if (colon < 0 || colon + 1 >= body.length()) {
                w.append(value == null ? "" : value);
            } else {
                char mod = body.charAt(colon + 1);
                String alt = word(body.substring(colon + 2), env);
                boolean set = value != null && !value.isEmpty();
                if (mod == '-') {
                    w.append(set ? value : alt);
                } else if (mod == '+') {
                    w.append(set ? alt : "");
                } else {
                    w.append(value == null ? "" : value);
                }
            }
            return close;
        }
        int end = i;
        while (end < s.length() && nameChar(s.charAt(end))) {
            end++;
        }
        if (end == i) {
            w.append('$');
            return dollar;
        }
        String value = env.apply(s.substring(i, end));
        w.append(value == null ? "" : value);
        return end - 1;
    }
}
