package dev.cidrstudio.io.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * YAML as kubectl writes it ({@code sigs.k8s.io/yaml} over {@code gopkg.in/yaml.v2}): keys in yaml.v2's natural
 * order, block sequences not indented under their key, strings quoted only when they would read back as something
 * else, long plain strings folded after column 80, multi-line strings as literal blocks.
 */
public final class GoYaml {

    static final int BEST_WIDTH = 80;
    private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{1,2}-\\d{1,2}(([Tt]\\d{1,2}:\\d{1,2}:\\d{1,2}(\\.\\d*)?(Z|[+-]\\d{1,2}(:\\d{2})?))"
                    + "|( \\d{1,2}:\\d{1,2}:\\d{1,2}(\\.\\d*)?))?");
    private static final Pattern BASE60 = Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
    private static final List<String> SPECIAL_WORDS = List.of("y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No",
            "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "", "~",
            "null", "Null", "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
            "-.inf", "-.Inf", "-.INF", "<<");

    private final StringBuilder out = new StringBuilder();
    private int column;

    private GoYaml() {
    }

    /** The YAML for a value; a document always ends with a newline. */
    public static String marshal(Object value) {
        GoYaml y = new GoYaml();
        y.node(value, 0, true);
        if (y.out.length() == 0 || y.out.charAt(y.out.length() - 1) != '\n') {
            y.out.append('\n');
        }
        return y.out.toString();
    }

    private void write(String s) {
        out.append(s);
        int nl = s.lastIndexOf('\n');
        column = nl >= 0 ? s.length() - nl - 1 : column + s.length();
    }

    private void newline(int indent) {
        out.append('\n');
        out.append(" ".repeat(indent));
        column = indent;
    }

    /** Writes a value whose first line continues the current one. {@code indent} is its block's indent. */
    @SuppressWarnings("unchecked")
    private void node(Object v, int indent, boolean top) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            List<String> keys = new ArrayList<>((java.util.Set<String>) m.keySet());
            keys.sort(GoYaml::naturalLess);
            boolean first = true;
            for (String k : keys) {
                if (!first || !top) {
                    if (!first) {
                        newline(indent);
                    }
                }
                first = false;
                write(scalar(k, true, indent + 2));
                write(":");
                Object val = ((Map<String, Object>) m).get(k);
                if (val instanceof Map<?, ?> vm && !vm.isEmpty()) {
                    newline(indent + 2);
                    node(val, indent + 2, true);
                } else if (val instanceof List<?> vl && !vl.isEmpty()) {
                    newline(indent);
                    node(val, indent, true);
                } else {
                    write(" ");
                    node(val, indent, false);
                }
            }
        } else if (v instanceof List<?> l && !l.isEmpty()) {
            boolean first = true;
            for (Object item : l) {
                if (!first) {
                    newline(indent);
                }
                first = false;
                write("- ");
                if (item instanceof Map<?, ?> im && !im.isEmpty()) {
                    node(item, indent + 2, true);
                } else if (item instanceof List<?> il && !il.isEmpty()) {
                    node(item, indent + 2, true);
                } else {
                    node(item, indent, false);
                }
            }
        } else if (v instanceof Map<?, ?>) {
            write("{}");
        } else if (v instanceof List<?>) {
            write("[]");
        } else if (v == null) {
            write("null");
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            write(v.toString());
        } else if (v instanceof Double d) {
            write(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString());
        } else {
            write(scalar(v.toString(), false, indent + 2));
        }
    }

    /** True when yaml.v2's resolver reads the plain text back as a string. */
    static boolean resolvesToString(String s) {
        if (SPECIAL_WORDS.contains(s)) {
            return false;
        }
        char c = s.charAt(0);
        if (c == '.') {
            return !YAML_FLOAT.matcher(s).matches();
        }
        if (!(c >= '0' && c <= '9') && c != '+' && c != '-') {
            return true;
        }
        if (TIMESTAMP.matcher(s).matches()) {
            return false;
        }
        String plain = s.replace("_", "");
        if (isGoInt(plain) || YAML_FLOAT.matcher(plain).matches()) {
            return false;
        }
        String bin = plain.startsWith("-") ? plain.substring(1) : plain;
        return !(bin.startsWith("0b") && bin.length() > 2 && bin.substring(2).matches("[01]+"));
    }

    private static boolean isGoInt(String p) {
        String s = p.startsWith("-") || p.startsWith("+") ? p.substring(1) : p;
        if (s.isEmpty()) {
            return false;
        }
        return s.matches("0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*");
    }

    private static boolean printable(char c) {
        return c == '\n' || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) || Character.isSurrogate(c);
    }

    /** The emitter's analysis of a scalar (yaml_emitter_analyze_scalar). */
    private record Analysis(boolean blockPlain, boolean singleAllowed, boolean blockAllowed, boolean multiline) {
    }

    private static Analysis analyze(String value) {
        if (value.isEmpty()) {
            return new Analysis(false, true, false, false);
        }
        boolean flowInd = false;
        boolean blockInd = false;
        if (value.startsWith("---") || value.startsWith("...")) {
            flowInd = true;
            blockInd = true;
        }
        boolean precededByWs = true;
        boolean lineBreaks = false;
        boolean special = false;
        boolean leadingSpace = false;
        boolean leadingBreak = false;
        boolean trailingSpace = false;
        boolean trailingBreak = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;
        boolean prevSpace = false;
        boolean prevBreak = false;
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean followedByWs = i + 1 >= n || value.charAt(i + 1) == ' ' || value.charAt(i + 1) == '\t'
                    || value.charAt(i + 1) == '\n' || value.charAt(i + 1) == '\r';
            if (i == 0) {
                switch (c) {
                    case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' -> {
                        flowInd = true;
                        blockInd = true;
                    }
                    case '?', ':' -> {
                        flowInd = true;
                        if (followedByWs) {
                            blockInd = true;
                        }
                    }
                    case '-' -> {
                        if (followedByWs) {
                            flowInd = true;
                            blockInd = true;
                        }
                    }
                    default -> { }
                }
            } else {
                switch (c) {
                    case ',', '?', '[', ']', '{', '}' -> flowInd = true;
                    case ':' -> {
                        flowInd = true;
                        if (followedByWs) {
                            blockInd = true;
                        }
                    }
                    case '#' -> {
                        if (precededByWs) {
                            flowInd = true;
                            blockInd = true;
                        }
                    }
                    default -> { }
                }
            }
            if (!printable(c) || c == 0x85 || c == 0x2028 || c == 0x2029) {
                // YAML 1.1 readers take NEL, LS and PS for line breaks: only escapes keep them.
                special = true;
            }
            if (c == ' ') {
                if (i == 0) {
                    leadingSpace = true;
                }
                if (i == n - 1) {
                    trailingSpace = true;
                }
                if (prevBreak) {
                    breakSpace = true;
                }
                prevSpace = true;
                prevBreak = false;
            } else if (c == '\n' || c == '\r') {
                lineBreaks = true;
                if (i == 0) {
                    leadingBreak = true;
                }
                if (i == n - 1) {
                    trailingBreak = true;
                }
                if (prevSpace) {
                    spaceBreak = true;
                }
                prevSpace = false;
                prevBreak = true;
            } else {
                prevSpace = false;
                prevBreak = false;
            }
            precededByWs = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        }
        boolean blockPlain = true;
        boolean single = true;
        boolean block = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
            blockPlain = false;
        }
        if (trailingSpace) {
            block = false;
        }
        if (breakSpace) {
            blockPlain = false;
            single = false;
        }
        if (spaceBreak || special) {
            blockPlain = false;
            single = false;
            block = false;
        }
        if (lineBreaks) {
            blockPlain = false;
        }
        if (blockInd) {
            blockPlain = false;
        }
        return new Analysis(blockPlain, single, block, lineBreaks);
    }

    /** Renders a string scalar in the style go-yaml picks, folded for the current column. */
    private String scalar(String s, boolean key, int continuationIndent) {
        Analysis a = analyze(s);
        boolean canUsePlain = !s.isEmpty() && resolvesToString(s) && !BASE60.matcher(s).matches();
        String style;
        if (s.contains("\n")) {
            style = "literal";
        } else if (canUsePlain) {
            style = "plain";
        } else {
            style = "double";
        }
        if (style.equals("plain") && !a.blockPlain()) {
            style = "single";
        }
        if (style.equals("single") && !a.singleAllowed()) {
            style = "double";
        }
        if (style.equals("literal") && (!a.blockAllowed() || key)) {
            style = "double";
        }
        return switch (style) {
            case "plain" -> fold(s, !key, continuationIndent, false);
            case "single" -> "'" + fold(s.replace("'", "''"), !key, continuationIndent, false) + "'";
            case "literal" -> literal(s, continuationIndent);
            default -> "\"" + fold(escape(s), !key, continuationIndent, true) + "\"";
        };
    }

    /** Replaces a space by a line break once the column passes 80 and the next character is not a space. */
    private String fold(String s, boolean allowBreaks, int indent, boolean doubleQuoted) {
        if (!allowBreaks) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int col = column + (doubleQuoted || s.startsWith("'") ? 1 : 0);
        boolean spaces = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                boolean nextSpace = i + 1 < s.length() && s.charAt(i + 1) == ' ';
                if (!spaces && col > BEST_WIDTH && i != 0 && i != s.length() - 1 && (doubleQuoted || !nextSpace)) {
                    sb.append('\n').append(" ".repeat(indent));
                    col = indent;
                    if (doubleQuoted && nextSpace) {
                        sb.append('\\');
                        col++;
                    }
                    spaces = true;
                    continue;
                }
                spaces = true;
            } else {
                spaces = false;
            }
            sb.append(c);
            col++;
        }
        return sb.toString();
    }

    private static String literal(String s, int indent) {
        String chomp;
        if (!s.endsWith("\n")) {
            chomp = "-";
        } else if (s.equals("\n") || s.endsWith("\n\n")) {
            chomp = "+";
        } else {
            chomp = "";
        }
        StringBuilder sb = new StringBuilder("|");
        if (s.startsWith(" ") || s.startsWith("\n")) {
            sb.append(2);
        }
        sb.append(chomp);
        String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        for (String line : body.split("\n", -1)) {
            sb.append('\n');
            if (!line.isEmpty()) {
                sb.append(" ".repeat(indent)).append(line);
            }
        }
        return sb.toString();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\0' -> sb.append("\\0");
                case 0x07 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case 0x0B -> sb.append("\\v");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                case 0x1B -> sb.append("\\e");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 0x85 -> sb.append("\\N");
                case 0xA0 -> sb.append("\\_");
                case 0x2028 -> sb.append("\\L");
                case 0x2029 -> sb.append("\\P");
                default -> {
                    if (!printable(c) || c == 0xFEFF) {
                        sb.append(c <= 0xFF ? String.format("\\x%02X", (int) c) : String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** yaml.v2's key order: letters by code point, digit runs by value, non-letters before letters. */
    static int naturalLess(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        return less(a, b) ? -1 : 1;
    }

    private static boolean less(String a, String b) {
        int[] ar = a.codePoints().toArray();
        int[] br = b.codePoints().toArray();
        for (int i = 0; i < ar.length && i < br.length; i++) {
            if (ar[i] == br[i]) {
                continue;
            }
            boolean al = Character.isLetter(ar[i]);
            boolean bl = Character.isLetter(br[i]);
            if (al && bl) {
                return ar[i] < br[i];
            }
            if (al || bl) {
                return bl;
            }
            long an = 0;
            long bn = 0;
            if (ar[i] == '0' || br[i] == '0') {
                for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
                    if (ar[j] != '0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai = i;
            for (; ai < ar.length && Character.isDigit(ar[ai]); ai++) {
                an = an * 10 + (ar[ai] - '0');
            }
            int bi = i;
            for (; bi < br.length && Character.isDigit(br[bi]); bi++) {
                bn = bn * 10 + (br[bi] - '0');
            }
            if (an != bn) {
                return an < bn;
            }
            if (ai != bi) {
                return ai < bi;
            }
            return ar[i] < br[i];
        }
        return ar.length < br.length;
    }
}
