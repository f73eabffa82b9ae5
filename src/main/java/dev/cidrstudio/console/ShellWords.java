package dev.cidrstudio.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits one shell command line into words and operators the way bash would for the subset the Kubernetes docs
 * use: single and double quotes, backslash escapes, {@code $VAR}/{@code ${VAR}} expansion, {@code $(...)},
 * {@code |}, {@code ;}, {@code <<DELIM} heredocs and {@code #} comments.
 */
final class ShellWords {

    enum TokenType { WORD, PIPE, SEMI, HEREDOC, SUBSTITUTION, REDIRECT }

    record Token(TokenType type, String text, boolean quoted) {
    }

    /** A line the subset cannot read. */
    static final class ShellSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        ShellSyntaxException(String message) {
            super(message);
        }
    }

    private ShellWords() {
    }

    static List<Token> split(String line, Map<String, String> vars) throws ShellSyntaxException {
        List<Token> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quotedWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '\'') {
                int j = line.indexOf('\'', i + 1);
                if (j < 0) {
                    throw new ShellSyntaxException("unexpected EOF while looking for matching `''");
                }
                word.append(line, i + 1, j);
                inWord = true;
                quotedWord = true;
                i = j + 1;
            } else if (c == '"') {
                i++;
                inWord = true;
                quotedWord = true;
                boolean closed = false;
                while (i < n) {
                    char d = line.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < n && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        word.append(line.charAt(i + 1));
                        i += 2;
                    } else if (d == '$') {
                        i = expand(line, i, vars, word);
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new ShellSyntaxException("unexpected EOF while looking for matching `\"'");
                }
            } else if (c == '\\' && i + 1 < n) {
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (c == '$' && i + 1 < n && line.charAt(i + 1) == '(') {
                int depth = 0;
                int j = i + 1;
                for (; j < n; j++) {
                    if (line.charAt(j) == '(') {
                        depth++;
                    } else if (line.charAt(j) == ')') {
                        depth--;
                        if (depth == 0) {
                            break;
                        }
                    }
                }
                if (j >= n) {
                    throw new ShellSyntaxException("unexpected EOF while looking for matching `)'");
                }
                flush(out, word, inWord, quotedWord);
                inWord = false;
                quotedWord = false;
                out.add(new Token(TokenType.SUBSTITUTION, line.substring(i + 2, j), false));
                i = j + 1;
            } else if (c == '$') {
                i = expand(line, i, vars, word);
                inWord = true;
            } else if (c == ' ' || c == '\t') {
                flush(out, word, inWord, quotedWord);
                inWord = false;
                quotedWord = false;
                i++;
            } else if (c == '#' && !inWord) {
                break;
            } else if (c == '|') {
                if (i + 1 < n && line.charAt(i + 1) == '|') {
                    throw new ShellSyntaxException("'||' is not supported in the practice console");
                }
                flush(out, word, inWord, quotedWord);
                inWord = false;
                quotedWord = false;
                out.add(new Token(TokenType.PIPE, "|", false));
                i++;
            } else if (c == ';') {
                flush(out, word, inWord, quotedWord);
                inWord = false;
                quotedWord = false;
                out.add(new Token(TokenType.SEMI, ";", false));
                i++;
            } else if (c == '&' && !(i + 1 < n && line.charAt(i + 1) == '>')) {
                throw new ShellSyntaxException("'&' is not supported in the practice console");
            } else if (c == '<' && i + 1 < n && line.charAt(i + 1) == '<') {
                flush(out, word, inWord, quotedWord);
                inWord = false;
                quotedWord = false;
                int j = i + 2;
                if (j < n && line.charAt(j) == '-') {
                    j++;
                }
                while (j < n && line.charAt(j) == ' ') {
                    j++;
                }
                int k = j;
                boolean quoted = false;
                if (k < n && (line.charAt(k) == '\'' || line.charAt(k) == '"')) {
                    char q = line.charAt(k);
                    int e = line.indexOf(q, k + 1);
                    if (e < 0) {
                        throw new ShellSyntaxException("unterminated heredoc delimiter");
                    }
                    out.add(new Token(TokenType.HEREDOC, line.substring(k + 1, e), true));
                    i = e + 1;
                    continue;
                }
                while (k < n && line.charAt(k) != ' ' && line.charAt(k) != '|' && line.charAt(k) != ';') {
                    k++;
                }
                if (k == j) {
                    throw new ShellSyntaxException("syntax error near unexpected token `newline'");
                }
                out.add(new Token(TokenType.HEREDOC, line.substring(j, k), quoted));
                i = k;
            } else if (c == '>' || (c == '&' && i + 1 < n && line.charAt(i + 1) == '>')
                    || (c == '2' && !inWord && i + 1 < n && line.charAt(i + 1) == '>')) {
                flush(out, word, inWord, quotedWord);
                inWord = false;
                quotedWord = false;
                String stream = c == '2' ? "2" : c == '&' ? "&" : "1";
                int j = c == '>' ? i + 1 : i + 2;
                if (j < n && line.charAt(j) == '>') {
                    throw new ShellSyntaxException("'>>' (append) is not supported in the practice console");
                }
                if (j + 1 < n && line.charAt(j) == '&' && line.charAt(j + 1) == '1' && stream.equals("2")) {
                    out.add(new Token(TokenType.REDIRECT, "2>&1", false));
                    i = j + 2;
                    continue;
                }
                while (j < n && line.charAt(j) == ' ') {
                    j++;
                }
                int k = j;
                while (k < n && " |;".indexOf(line.charAt(k)) < 0) {
                    k++;
                }
                if (k == j) {
                    throw new ShellSyntaxException("syntax error near unexpected token `newline'");
                }
                out.add(new Token(TokenType.REDIRECT, stream + ">" + line.substring(j, k), false));
                i = k;
            } else if (c == '<') {
                throw new ShellSyntaxException("input redirection ('<') is not supported in the practice console; "
                        + "use a heredoc or -f FILE");
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        flush(out, word, inWord, quotedWord);
        return out;
    }

    private static void flush(List<Token> out, StringBuilder word, boolean inWord, boolean quoted) {
        if (inWord) {
            out.add(new Token(TokenType.WORD, word.toString(), quoted));
        }
        word.setLength(0);
    }

    /** Expands {@code $NAME} or {@code ${NAME}} at {@code i}; unknown variables expand to nothing, as in bash. */
    private static int expand(String line, int i, Map<String, String> vars, StringBuilder word) {
        int n = line.length();
        if (i + 1 < n && line.charAt(i + 1) == '{') {
            int e = line.indexOf('}', i + 2);
            if (e > 0) {
                word.append(vars.getOrDefault(line.substring(i + 2, e), ""));
                return e + 1;
            }
        }
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '_')) {
            j++;
        }
        if (j == i + 1) {
            word.append('$');
            return i + 1;
        }
        word.append(vars.getOrDefault(line.substring(i + 1, j), ""));
        return j;
    }

    /** Expands heredoc text with variables (an unquoted delimiter). */
    static String expandText(String text, Map<String, String> vars) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$') {
                i = expand(text, i, vars, sb);
            } else if (c == '\\' && i + 1 < text.length() && "$\\`".indexOf(text.charAt(i + 1)) >= 0) {
                sb.append(text.charAt(i + 1));
                i += 2;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }
}
