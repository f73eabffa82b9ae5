package dev.cidrstudio.io.yaml;

import dev.cidrstudio.io.yaml.PNode.PList;
import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.io.yaml.PNode.PScalar;
import dev.cidrstudio.io.yaml.PNode.ScalarType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fast reader for the YAML that kubectl and Helm write: block mappings and sequences, plain, quoted and literal
 * scalars, empty flow collections, comments and document markers. Anything else (anchors, tags, flow collections
 * with content, folded scalars, tabs) makes it give up with {@link Unsupported}, and the full YAML parser reads the
 * file instead; both produce the same positioned tree.
 */
final class FastYaml {

    /** The input uses YAML this reader leaves to the full parser. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    /** The longest implicit key YAML readers accept (libyaml's and SnakeYAML's bound). */
    private static final int SIMPLE_KEY_LENGTH = 1024;

    private final String text;
    private final char[] chars;
    private final YamlLimits limits;
    private final int[] lineStart;
    private final int[] lineEnd;
    private final int[] lineIndent;
    private final int lineCount;
    private int pos;
    /** A compact mapping inside a sequence item starts mid-line: its virtual indentation. */
    private int overrideLine = -1;
    private int overrideIndent;

    private FastYaml(String text, char[] chars, YamlLimits limits) {
        this.text = text;
        this.limits = limits;
        this.chars = chars;
        int lines = 1;
        for (char c : chars) {
            if (c == '\n') {
                lines++;
            }
        }
        int[] starts = new int[lines];
        int[] ends = new int[lines];
        int[] indents = new int[lines];
        int count = 0;
        int start = 0;
        for (int i = 0; i <= chars.length; i++) {
            if (i == chars.length || chars[i] == '\n') {
                int end = i;
                if (end > start && chars[end - 1] == '\r') {
                    end--;
                }
                if (i < chars.length || start < i) {
                    int j = start;
                    while (j < end && chars[j] == ' ') {
                        j++;
                    }
                    starts[count] = start;
                    ends[count] = end;
                    indents[count] = j - start;
                    count++;
                }
                start = i + 1;
            }
        }
        lineCount = count;
        lineStart = starts;
        lineEnd = ends;
        lineIndent = indents;
    }

    static List<YamlReader.Document> read(String text, YamlLimits limits) throws Unsupported {
        return read(text, text.toCharArray(), limits);
    }

    /** As {@link #read(String, YamlLimits)}, on the text's characters when the caller has them already. */
    static List<YamlReader.Document> read(String text, char[] chars, YamlLimits limits) throws Unsupported {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            throw new Unsupported("byte order mark");
        }
        return new FastYaml(text, chars, limits).documents();
    }

    // ---- lines ----

    private int indent(int line) {
        return line == overrideLine ? overrideIndent : lineIndent[line];
    }

    private int contentStart(int line) {
        return lineStart[line] + indent(line);
    }

    private boolean blankOrComment(int line) throws Unsupported {
        int i = contentStart(line);
        if (i < lineEnd[line] && chars[i] == '\t') {
            throw new Unsupported("tab");
        }
        return i >= lineEnd[line] || chars[i] == '#';
    }

    private void skipBlank() throws Unsupported {
        while (pos < lineCount && blankOrComment(pos)) {
            pos++;
        }
    }

    private boolean isMarker(int line, String marker) {
        int s = lineStart[line];
        int e = lineEnd[line];
        if (e - s < 3 || !text.startsWith(marker, s)) {
            return false;
        }
        for (int i = s + 3; i < e; i++) {
            if (chars[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    private Mark mark(int offset, int line) {
        return new Mark(line + 1, offset - lineStart[line] + 1);
    }

    private void count(int depth) throws Unsupported {
        if (depth > limits.maxDepth()) {
            throw new Unsupported("size");
        }
    }

    // ---- documents ----

    private List<YamlReader.Document> documents() throws Unsupported {
        List<YamlReader.Document> docs = new ArrayList<>();
        int index = 0;
        boolean explicitStart = false;
        while (true) {
            skipBlank();
            if (pos >= lineCount) {
                break;
            }
            if (isMarker(pos, "---")) {
                if (explicitStart) {
                    index++;
                }
                explicitStart = true;
                pos++;
                continue;
            }
            if (isMarker(pos, "...")) {
                pos++;
                continue;
            }
            if (text.startsWith("---", lineStart[pos]) || text.startsWith("%", lineStart[pos])) {
                throw new Unsupported("document marker with content or directive");
            }
            PNode root = block(-1, 0);
            docs.add(new YamlReader.Document(root, index++, root.mark()));
            explicitStart = false;
            skipBlank();
            if (pos < lineCount && !isMarker(pos, "---") && !isMarker(pos, "...")) {
                throw new Unsupported("content after the document's root");
            }
        }
        return docs;
    }

    /** The node starting at the current line, indented more than {@code parentIndent}. */
    private PNode block(int parentIndent, int depth) throws Unsupported {
        skipBlank();
        int ind = indent(pos);
        if (ind <= parentIndent) {
            throw new Unsupported("expected a deeper block");
        }
        int c = contentStart(pos);
        char ch = chars[c];
        if (ch == '-' && (c + 1 == lineEnd[pos] || chars[c + 1] == ' ')) {
            return sequence(ind, depth);
        }
        if (keyEnd(pos, c) >= 0) {
            return mapping(ind, depth);
        }
        int line = pos;
        PNode scalar = inlineValue(c, line, parentIndent, depth);
        return scalar;
    }

    /** The offset of the ':' ending a mapping key that starts at {@code c}, or -1 when the line holds no key. */
    private int keyEnd(int line, int c) throws Unsupported {
        int end = lineEnd[line];
        char first = chars[c];
        if (first == '"' || first == '\'') {
            int close = closingQuote(c, end, first);
            if (close < 0) {
                return -1;
            }
            int colon = close + 1;
            if (colon < end && chars[colon] == ':' && (colon + 1 == end || chars[colon + 1] == ' ')) {
                return colon;
            }
            return -1;
        }
        if ("[]{}&*!|>%@`?#".indexOf(first) >= 0) {
            return -1;
        }
        for (int i = c; i < end; i++) {
            char x = chars[i];
            if (x == ':' && (i + 1 == end || chars[i + 1] == ' ')) {
                return i;
            }
            if (x == '#' && i > c && chars[i - 1] == ' ') {
                return -1;
            }
        }
        return -1;
    }

    private int closingQuote(int open, int end, char q) {
        for (int i = open + 1; i < end; i++) {
            char x = chars[i];
            if (q == '"' && x == '\\') {
                i++;
            } else if (x == q) {
                if (q == '\'' && i + 1 < end && chars[i + 1] == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private PMap mapping(int ind, int depth) throws Unsupported {
        count(depth);
        Map<String, PNode> entries = new LinkedHashMap<>();
        long[] keyPositions = new long[8];
        Mark start = null;
        while (true) {
            skipBlank();
            if (pos >= lineCount || isMarker(pos, "---") || isMarker(pos, "...")) {
                break;
            }
            int li = indent(pos);
            if (li < ind) {
                break;
            }
            if (li > ind) {
                throw new Unsupported("unexpected indentation");
            }
            int c = contentStart(pos);
            if (chars[c] == '-' && (c + 1 == lineEnd[pos] || chars[c + 1] == ' ')) {
                break;
            }
            int colon = keyEnd(pos, c);
            if (colon < 0) {
                throw new Unsupported("not a mapping entry");
            }
            if (colon - c > SIMPLE_KEY_LENGTH) {
                // libyaml (and so go-yaml and kubectl) allow an implicit key of at most 1024 characters.
                throw new Unsupported("key too long");
            }
            String key;
            char first = chars[c];
            if (first == '"' || first == '\'') {
                key = unquote(c, colon - 1, first);
            } else {
                key = YamlReader.plainKey(text.substring(c, colon).stripTrailing());
            }
            bounded(key);
            int keyLine = pos + 1;
            int keyColumn = c - lineStart[pos] + 1;
            if (start == null) {
                start = new Mark(keyLine, keyColumn);
            }
            if (entries.containsKey(key)) {
                throw new Unsupported("duplicate key");
            }
            int line = pos;
            int v = colon + 1;
            while (v < lineEnd[line] && chars[v] == ' ') {
                v++;
            }
            if (line == overrideLine) {
                overrideLine = -1;
            }
            PNode value;
            if (v >= lineEnd[line] || chars[v] == '#') {
                pos++;
                value = nestedValue(ind, depth, mark(Math.min(colon + 1, lineEnd[line]), line));
            } else {
                value = inlineValue(v, line, ind, depth + 1);
            }
            if (entries.size() == keyPositions.length) {
                keyPositions = java.util.Arrays.copyOf(keyPositions, keyPositions.length * 2);
            }
            keyPositions[entries.size()] = PMap.pack(keyLine, keyColumn);
            entries.put(key, value);
        }
        return new PMap(entries, java.util.Arrays.copyOf(keyPositions, entries.size()), start);
    }

    /** The value after "key:" or "-" with nothing on the line: a deeper block, an indentless sequence, or null. */
    private PNode nestedValue(int ind, int depth, Mark emptyMark) throws Unsupported {
        int save = pos;
        skipBlank();
        if (pos < lineCount && !isMarker(pos, "---") && !isMarker(pos, "...")) {
            int li = indent(pos);
            int c = contentStart(pos);
            boolean dash = chars[c] == '-' && (c + 1 == lineEnd[pos] || chars[c + 1] == ' ');
            if (li > ind) {
                return block(ind, depth + 1);
            }
            if (li == ind && dash && ind >= 0) {
                return sequence(ind, depth + 1);
            }
        }
        pos = save;
        count(depth);
        return new PScalar("", ScalarType.NULL, emptyMark);
    }

    private PList sequence(int ind, int depth) throws Unsupported {
        count(depth);
        List<PNode> items = new ArrayList<>();
        Mark start = null;
        while (true) {
            skipBlank();
            if (pos >= lineCount || isMarker(pos, "---") || isMarker(pos, "...")) {
                break;
            }
            int li = indent(pos);
            int c = contentStart(pos);
            boolean dash = chars[c] == '-' && (c + 1 == lineEnd[pos] || chars[c + 1] == ' ');
            if (li != ind || !dash) {
                if (li > ind) {
                    throw new Unsupported("unexpected indentation in a sequence");
                }
                break;
            }
            if (start == null) {
                start = mark(c, pos);
            }
            int line = pos;
            int v = c + 1;
            while (v < lineEnd[line] && chars[v] == ' ') {
                v++;
            }
            if (v >= lineEnd[line] || chars[v] == '#') {
                pos++;
                items.add(nestedValue(ind, depth, mark(Math.min(c + 1, lineEnd[line]), line)));
                continue;
            }
            char first = chars[v];
            if (first == '-' && (v + 1 == lineEnd[line] || chars[v + 1] == ' ')) {
                throw new Unsupported("nested compact sequence");
            }
            if (keyEnd(line, v) >= 0) {
                overrideLine = line;
                overrideIndent = v - lineStart[line];
                items.add(mapping(overrideIndent, depth + 1));
                overrideLine = -1;
                continue;
            }
            items.add(inlineValue(v, line, ind, depth + 1));
        }
        return new PList(items, start);
    }

    /** A value that starts on this line at offset {@code v}; continuation lines must be indented past {@code ind}. */
    private PNode inlineValue(int v, int line, int ind, int depth) throws Unsupported {
        count(depth);
        int end = lineEnd[line];
        char first = chars[v];
        int ml = line + 1;
        int mc = v - lineStart[line] + 1;
        switch (first) {
            case '"', '\'' -> {
                int close = closingQuote(v, end, first);
                if (close < 0) {
                    throw new Unsupported("multi-line quoted scalar");
                }
                requireRestBlank(close + 1, end);
                pos = line + 1;
                return new PScalar(bounded(unquote(v, close, first)), ScalarType.STRING, ml, mc);
            }
            case '|' -> {
                return literal(v, line, ind, ml, mc);
            }
            case '{', '[' -> {
                int close = v + 1;
                if (close < end && chars[close] == (first == '{' ? '}' : ']')) {
                    requireRestBlank(close + 1, end);
                    pos = line + 1;
                    Mark m = new Mark(ml, mc);
                    return first == '{' ? new PMap(new LinkedHashMap<>(), new long[0], m) : new PList(List.of(), m);
                }
                throw new Unsupported("flow collection");
            }
            case '>', '&', '*', '!', '%', '@', '`', '?', ']', '}', ',' -> throw new Unsupported("indicator " + first);
            default -> {
                return plain(v, line, ind, ml, mc);
            }
        }
    }

    private void requireRestBlank(int from, int end) throws Unsupported {
        int i = from;
        while (i < end && chars[i] == ' ') {
            i++;
        }
        if (i < end && !(chars[i] == '#' && i > from)) {
            throw new Unsupported("text after a quoted scalar");
        }
    }

    private PScalar plain(int v, int line, int ind, int ml, int mc) throws Unsupported {
        int end = lineEnd[line];
        int stop = end;
        for (int i = v; i < end; i++) {
            char x = chars[i];
            if (x == '#' && chars[i - 1] == ' ') {
                stop = i;
                break;
            }
            if (x == ':' && (i + 1 == end || chars[i + 1] == ' ')) {
                throw new Unsupported("mapping value inside a plain scalar");
            }
            if (x == '\t') {
                throw new Unsupported("tab");
            }
        }
        StringBuilder value = new StringBuilder(text.substring(v, stop).stripTrailing());
        pos = line + 1;
        boolean commentEnded = stop < end;
        while (!commentEnded && pos < lineCount) {
            int c = contentStart(pos);
            if (c >= lineEnd[pos] || isMarker(pos, "---") || isMarker(pos, "...")) {
                if (c >= lineEnd[pos] && pos + 1 < lineCount && indent(pos + 1) > ind
                        && contentStart(pos + 1) < lineEnd[pos + 1]) {
                    throw new Unsupported("blank line inside a plain scalar");
                }
                break;
            }
            if (indent(pos) <= ind || chars[c] == '#') {
                break;
            }
            int ce = lineEnd[pos];
            for (int i = c; i < ce; i++) {
                char x = chars[i];
                if ((x == '#' && chars[i - 1] == ' ') || (x == ':' && (i + 1 == ce || chars[i + 1] == ' '))
                        || x == '\t') {
                    throw new Unsupported("continuation line with an indicator");
                }
            }
            value.append(' ').append(text, c, ce);
            int len = value.length();
            while (len > 0 && value.charAt(len - 1) == ' ') {
                len--;
            }
            value.setLength(len);
            pos++;
        }
        String s = bounded(value.toString());
        ScalarType type = YamlReader.resolvePlain(s);
        if (type == ScalarType.FLOAT && YamlReader.isNanOrInfinity(s)) {
            throw new Unsupported("NaN or infinity");
        }
        return new PScalar(s, type, ml, mc);
    }

    private PScalar literal(int v, int line, int ind, int ml, int mc) throws Unsupported {
        int end = lineEnd[line];
        String header = text.substring(v + 1, end).strip();
        int hash = header.indexOf('#');
        if (hash >= 0) {
            header = header.substring(0, hash).strip();
        }
        char chomp = ' ';
        int explicit = 0;
        for (char x : header.toCharArray()) {
            if (x == '-' || x == '+') {
                chomp = x;
            } else if (x >= '1' && x <= '9') {
                explicit = x - '0';
            } else {
                throw new Unsupported("block scalar header");
            }
        }
        pos = line + 1;
        int blockIndent = -1;
        if (explicit > 0) {
            blockIndent = Math.max(ind, 0) + explicit;
            if (ind < 0) {
                blockIndent = explicit;
            }
        }
        List<String> lines = new ArrayList<>();
        while (pos < lineCount) {
            int s = lineStart[pos];
            int e = lineEnd[pos];
            int spaces = 0;
            while (s + spaces < e && chars[s + spaces] == ' ') {
                spaces++;
            }
            boolean empty = s + spaces >= e;
            if (!empty && s + spaces < e && chars[s + spaces] == '\t' && blockIndent < 0) {
                throw new Unsupported("tab in block scalar");
            }
            if (blockIndent < 0 && !empty) {
                if (spaces <= ind) {
                    break;
                }
                blockIndent = spaces;
            }
            if (!empty && spaces < blockIndent) {
                break;
            }
            if (!empty && blockIndent >= 0 && spaces <= ind) {
                break;
            }
            if (empty) {
                lines.add(e - s > blockIndent && blockIndent >= 0 ? text.substring(s + blockIndent, e) : "");
            } else {
                lines.add(text.substring(s + blockIndent, e));
            }
            pos++;
        }
        int content = lines.size();
        while (content > 0 && lines.get(content - 1).isEmpty()) {
            content--;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < content; i++) {
            sb.append(lines.get(i)).append('\n');
        }
        if (chomp == '-') {
            if (sb.length() > 0) {
                sb.setLength(sb.length() - 1);
            }
        } else if (chomp == '+') {
            for (int i = content; i < lines.size(); i++) {
                sb.append('\n');
            }
        }
        // Trailing blank lines belong to the document, not to this block (unless kept with '+').
        int trailing = lines.size() - content;
        pos -= trailing;
        return new PScalar(bounded(sb.toString()), ScalarType.STRING, ml, mc);
    }

    /** A string over the limit is left to the full parser, which refuses it at its line and column. */
    private String bounded(String s) throws Unsupported {
        if (s.length() > limits.maxScalarChars()) {
            throw new Unsupported("string over the limit");
        }
        return s;
    }

    private String unquote(int open, int close, char q) throws Unsupported {
        if (q == '\'') {
            return text.substring(open + 1, close).replace("''", "'");
        }
        StringBuilder sb = new StringBuilder(close - open);
        for (int i = open + 1; i < close; i++) {
            char x = chars[i];
            if (x != '\\') {
                sb.append(x);
                continue;
            }
            char e = chars[++i];
            switch (e) {
                case '0' -> sb.append('\0');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 't', '\t' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'v' -> sb.append('\u000B');
                case 'f' -> sb.append('\f');
                case 'r' -> sb.append('\r');
                case 'e' -> sb.append('\u001B');
                case ' ' -> sb.append(' ');
                case '"' -> sb.append('"');
                case '/' -> sb.append('/');
                case '\\' -> sb.append('\\');
                case 'N' -> sb.append('\u0085');
                case '_' -> sb.append('\u00A0');
                case 'L' -> sb.append('\u2028');
                case 'P' -> sb.append('\u2029');
                case 'x', 'u', 'U' -> {
                    int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + n >= close + 1) {
                        throw new Unsupported("short escape");
                    }
                    int code = 0;
                    for (int k = i + 1; k <= i + n; k++) {
                        int digit = Character.digit(chars[k], 16);
                        if (digit < 0) {
                            throw new Unsupported("bad escape");
                        }
                        code = code << 4 | digit;
                    }
                    if (code < 0 || code > Character.MAX_CODE_POINT || (code >= 0xD800 && code <= 0xDFFF)) {
                        // go-yaml refuses these; the full parser says where.
                        throw new Unsupported("invalid escape code");
                    }
                    sb.appendCodePoint(code);
                    i += n;
                }
                default -> throw new Unsupported("unknown escape");
            }
        }
        return sb.toString();
    }
}
