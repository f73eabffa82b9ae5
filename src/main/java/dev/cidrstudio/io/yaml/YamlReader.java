package dev.cidrstudio.io.yaml;

import dev.cidrstudio.io.yaml.PNode.PList;
import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.io.yaml.PNode.PScalar;
import dev.cidrstudio.io.yaml.PNode.ScalarType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads multi-document YAML (and JSON, which is YAML) into positioned {@link PNode} trees, within
 * {@link YamlLimits}. Plain scalars resolve with YAML 1.1 rules, as {@code sigs.k8s.io/yaml} does.
 */
public final class YamlReader {

    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o?[0-7_]+)");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    private static final Pattern BOOL = Pattern.compile(
            "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");

    /**
     * Values a document set may hold beyond what its text could spell out without aliases (at least two
     * characters a value): only alias expansion goes past it.
     */
    private static final int ALIAS_HEADROOM = 2_000_000;

    private final YamlLimits limits;
    private int nodes;
    private long maxNodes;
    private long characters;
    private long maxCharacters;
    /** The text the full parser is reading. */
    private String text;
    private boolean textHasSurrogates;

    public YamlReader(YamlLimits limits) {
        this.limits = limits;
    }

    public YamlReader() {
        this(YamlLimits.DEFAULT);
    }

    /** One positioned document; empty documents (a stray "---") are skipped, as kubectl skips them. */
    public record Document(PNode root, int index, dev.cidrstudio.io.yaml.Mark start) {
    }

    public List<Document> read(String source, String text) throws YamlFormatException {
        if (text.length() > limits.maxBytes()) {
            throw new YamlFormatException(source, new dev.cidrstudio.io.yaml.Mark(1, 1),
                    "file is larger than " + (limits.maxBytes() / (1024 * 1024)) + " MiB");
        }
        // One copy of the characters serves the control-character check and the fast parser.
        char[] chars = text.toCharArray();
        int bad = firstControlCharacter(chars);
        if (bad >= 0) {
            throw new YamlFormatException(source, position(text, bad),
                    "binary data is not YAML (control character 0x" + Integer.toHexString(text.charAt(bad)) + ")");
        }
        if (looksLikeJson(text)) {
            return readJson(source, text);
        }
        try {
            List<Document> fast = FastYaml.read(text, chars, limits);
            if (fast.size() <= limits.maxDocuments()) {
                return fast;
            }
        } catch (FastYaml.Unsupported e) {
            // Not the plain kubectl style: the full parser reads it (and reports any error precisely).
        }
        return readFully(source, text);
    }

    /** A tag SnakeYAML's resolver gives every node without an explicit one, so explicit tags can be told apart. */
    private static final Tag IMPLICIT = new Tag("tag:cidrstudio.dev,2025:implicit");

    private static final class ImplicitResolver extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            return IMPLICIT;
        }
    }

    /** kubectl's decoder reads a stream as JSON when its first non-space character opens an object. */
    static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\uFEFF' || Character.isWhitespace(c)) {
                continue;
            }
            return c == '{';
        }
        return false;
    }

    /**
     * JSON is read as JSON, strictly (no trailing commas, comments or single quotes, as Go's
     * {@code encoding/json}): a syntax error stops the file at its line and column, worded as Go words it.
     */
    List<Document> readJson(String source, String text) throws YamlFormatException {
        try {
            return JsonReader.read(source, text, limits);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            long chars = at == null ? 0 : Math.min(text.length(), Math.max(0, at.getCharOffset()));
            // The offset is the character the parser stopped at; its column counts from the line's start.
            int col = (int) (chars - text.lastIndexOf('\n', (int) chars - 1));
            long bytes = text.substring(0, (int) Math.min(chars, text.length()))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            throw new YamlFormatException(source, new dev.cidrstudio.io.yaml.Mark(line, col),
                    "malformed JSON: " + goJsonMessage(e.getOriginalMessage()), bytes + 1);
        } catch (java.io.IOException e) {
            throw new YamlFormatException(source, new dev.cidrstudio.io.yaml.Mark(1, 1), "malformed JSON: "
                    + e.getMessage());
        }
    }

    /** Jackson's description of a JSON syntax error as Go's {@code encoding/json} gives it. */
    static String goJsonMessage(String jackson) {
        String m = jackson == null ? "" : jackson;
        java.util.regex.Matcher hex = java.util.regex.Pattern.compile("^Unexpected character \\('(.)' \\(code \\d+\\)\\)"
                + ": expected a hex-digit for character escape sequence").matcher(m);
        if (hex.find()) {
            return "invalid character '" + hex.group(1) + "' in \\u hexadecimal character escape";
        }
        java.util.regex.Matcher esc = java.util.regex.Pattern.compile("^Unrecognized character escape '(.)'")
                .matcher(m);
        if (esc.find()) {
            return "invalid character '" + esc.group(1) + "' in string escape code";
        }
        java.util.regex.Matcher ch = java.util.regex.Pattern.compile("^Unexpected character \\('(.)' \\(code \\d+\\)\\)"
                + ": (.*)$", java.util.regex.Pattern.DOTALL).matcher(m);
        if (ch.find()) {
            String c = ch.group(1);
            String rest = ch.group(2);
            String context = rest.startsWith("expected a value") || rest.startsWith("was expecting double-quote")
                    && rest.contains("field name") ? (rest.startsWith("expected a value")
                            ? "looking for beginning of value" : "looking for beginning of object key string")
                    : rest.contains("comma") ? "after object key:value pair" : "looking for beginning of value";
            if (rest.contains("was expecting comma to separate Array")) {
                context = "after array element";
            } else if (rest.contains("was expecting comma to separate Object")) {
                context = "after object key:value pair";
            } else if (rest.contains("was expecting a colon")) {
                context = "after object key";
            }
            return "invalid character '" + c + "' " + context;
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return "unexpected end of JSON input";
        }
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    /** The full YAML parser (SnakeYAML's composer), used for anything the fast reader leaves alone. */
    List<Document> readFully(String source, String text) throws YamlFormatException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxDepth());
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        List<Document> docs = new ArrayList<>();
        nodes = 0;
        maxNodes = ALIAS_HEADROOM + text.length() / 2;
        characters = 0;
        maxCharacters = (long) text.length() + YamlLimits.ALIAS_CHARACTER_HEADROOM;
        this.text = text;
        this.textHasSurrogates = hasSurrogate(text);
        try {
            int index = 0;
            Composer composer = new Composer(new ParserImpl(new TextStreamReader(source, text), options),
                    new ImplicitResolver(), options);
            while (composer.checkNode()) {
                Node node = composer.getNode();
                if (docs.size() >= limits.maxDocuments()) {
                    throw new YamlFormatException(source, mark(node.getStartMark()),
                            "more than " + limits.maxDocuments() + " documents");
                }
                PNode root = convert(source, node, 0, new IdentityHashMap<>());
                if (root instanceof PScalar s && s.isNull()) {
                    index++;
                    continue;
                }
                docs.add(new Document(root, index++, root.mark()));
            }
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            throw new YamlFormatException(source, m == null ? new dev.cidrstudio.io.yaml.Mark(1, 1) : mark(m),
                    "malformed YAML: " + context + problem);
        } catch (YAMLException e) {
            String m = String.valueOf(e.getMessage());
            String problem;
            if (m.contains("Nesting Depth exceeded")) {
                problem = "nesting is deeper than " + limits.maxDepth() + " levels";
            } else if (m.contains("Number of aliases")) {
                problem = "more than " + limits.maxAliases() + " aliases to collections (an alias bomb?)";
            } else if (m.contains("code points")) {
                problem = "file is larger than " + (limits.maxBytes() / (1024 * 1024)) + " MiB";
            } else {
                problem = "malformed YAML: " + m;
            }
            throw new YamlFormatException(source, new dev.cidrstudio.io.yaml.Mark(1, 1), problem);
        } catch (StackOverflowError e) {
            throw new YamlFormatException(source, new dev.cidrstudio.io.yaml.Mark(1, 1), "nesting is too deep");
        } finally {
            this.text = null;
        }
        return docs;
    }

    private static int firstControlCharacter(char[] chars) {
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                return i;
            }
        }
        return -1;
    }

    private static dev.cidrstudio.io.yaml.Mark position(String text, int offset) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new dev.cidrstudio.io.yaml.Mark(line, col);
    }

    private static dev.cidrstudio.io.yaml.Mark mark(Mark m) {
        return new dev.cidrstudio.io.yaml.Mark(m.getLine() + 1, m.getColumn() + 1);
    }

    private PNode convert(String source, Node node, int depth, IdentityHashMap<Node, Boolean> path)
            throws YamlFormatException {
        if (depth > limits.maxDepth()) {
            throw new YamlFormatException(source, mark(node.getStartMark()), "nesting is deeper than "
                    + limits.maxDepth() + " levels");
        }
        if (path.containsKey(node)) {
            throw new YamlFormatException(source, mark(node.getStartMark()), "recursive alias");
        }
        if (++nodes > maxNodes) {
            throw new YamlFormatException(source, mark(node.getStartMark()), "too many values (more than "
                    + maxNodes + " in a file this size; aliases may be expanding exponentially)");
        }
        dev.cidrstudio.io.yaml.Mark m = mark(node.getStartMark());
        if (node instanceof ScalarNode s) {
            count(source, s, "string");
            return scalar(source, s, m);
        }
        path.put(node, Boolean.TRUE);
        try {
            if (node instanceof SequenceNode seq) {
                List<PNode> items = new ArrayList<>();
                for (Node child : seq.getValue()) {
                    items.add(convert(source, child, depth + 1, path));
                }
                return new PList(items, m);
            }
            MappingNode map = (MappingNode) node;
            Map<String, PNode> entries = new LinkedHashMap<>();
            Map<String, dev.cidrstudio.io.yaml.Mark> keyMarks = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode key)) {
                    throw new YamlFormatException(source, mark(t.getKeyNode().getStartMark()),
                            "mapping keys must be strings");
                }
                if ("<<".equals(key.getValue()) && key.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN) {
                    throw new YamlFormatException(source, mark(key.getStartMark()), "merge keys (<<) are not "
                            + "supported in Kubernetes manifests");
                }
                count(source, key, "key");
                String name = keyText(key, escapedText(source, key));
                if (entries.containsKey(name)) {
                    throw new YamlFormatException(source, mark(key.getStartMark()),
                            "duplicate key \"" + name + "\"");
                }
                entries.put(name, convert(source, t.getValueNode(), depth + 1, path));
                keyMarks.put(name, mark(key.getStartMark()));
            }
            long[] positions = new long[keyMarks.size()];
            int k = 0;
            for (dev.cidrstudio.io.yaml.Mark km : keyMarks.values()) {
                positions[k++] = PMap.pack(km.line(), km.column());
            }
            return new PMap(entries, positions, m);
        } finally {
            path.remove(node);
        }
    }

    /**
     * Counts a string's characters towards the file's total, which only alias expansion can push past the
     * file's own length; refuses a string longer than any request kube-apiserver accepts.
     */
    private void count(String source, ScalarNode s, String what) throws YamlFormatException {
        int length = s.getValue().length();
        if (length > limits.maxScalarChars()) {
            throw new YamlFormatException(source, mark(s.getStartMark()), tooLong(what, length, limits));
        }
        characters += length;
        if (characters > maxCharacters) {
            throw new YamlFormatException(source, mark(s.getStartMark()), "aliases expand the strings past "
                    + maxCharacters + " characters, the file's " + (maxCharacters - YamlLimits.ALIAS_CHARACTER_HEADROOM)
                    + " and " + YamlLimits.ALIAS_CHARACTER_HEADROOM + " more (an alias bomb?)");
        }
    }

    /** The refusal of a string longer than {@code limits} allow. */
    static String tooLong(String what, int length, YamlLimits limits) {
        return "a " + what + " of " + length + " characters; kube-apiserver refuses a request body over "
                + (limits.maxScalarChars() / (1024 * 1024)) + " MiB (Request entity too large: limit is "
                + limits.maxScalarChars() + ")";
    }

    /** A mapping key as JSON sees it: a plain {@code y} or {@code no} is a boolean, so its key is "true"/"false". */
    private static String keyText(ScalarNode key, String value) {
        return key.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN ? plainKey(value) : value;
    }

    /**
     * A scalar as {@code sigs.k8s.io/yaml} hands it to the JSON decoder: an explicit tag is honoured (and refused
     * when the text cannot be of that type, as go-yaml's {@code resolve} refuses it), {@code !!binary} is decoded,
     * and NaN and infinities are refused, since JSON cannot carry them.
     */
    private PScalar scalar(String source, ScalarNode s, dev.cidrstudio.io.yaml.Mark m) throws YamlFormatException {
        String value = escapedText(source, s);
        ScalarType type = resolve(s);
        if (!IMPLICIT.equals(s.getTag())) {
            String tag = s.getTag().getValue();
            ScalarType implicit = resolvePlain(value);
            if (tag.equals(Tag.BINARY.getValue())) {
                value = binary(source, value, m);
                type = ScalarType.STRING;
            } else if (tag.equals(Tag.INT.getValue()) || tag.equals(Tag.BOOL.getValue())
                    || tag.equals(Tag.NULL.getValue()) || tag.equals(Tag.FLOAT.getValue())) {
                ScalarType wanted = tag.equals(Tag.INT.getValue()) ? ScalarType.INT
                        : tag.equals(Tag.BOOL.getValue()) ? ScalarType.BOOL
                        : tag.equals(Tag.NULL.getValue()) ? ScalarType.NULL : ScalarType.FLOAT;
                boolean fits = implicit == wanted || (wanted == ScalarType.FLOAT && implicit == ScalarType.INT);
                if (!fits) {
                    throw new YamlFormatException(source, m, "cannot decode " + shortTag(implicit) + " `"
                            + abbreviate(value) + "` as a " + shortTag(wanted));
                }
                type = wanted;
            } else if (tag.equals(Tag.TIMESTAMP.getValue())) {
                // go-yaml resolves the text as a timestamp (its four layouts) or refuses it; one that resolves goes
                // into kubectl's interface{} as the text itself.
                if (!isGoYamlTimestamp(value)) {
                    throw new YamlFormatException(source, m, "cannot decode " + shortTag(implicit) + " `"
                            + abbreviate(value) + "` as a !!timestamp");
                }
                type = ScalarType.STRING;
            } else {
                // !!str, a local tag: go-yaml keeps the text as a string.
                type = ScalarType.STRING;
            }
        }
        if (type == ScalarType.FLOAT && isNanOrInfinity(value)) {
            throw new YamlFormatException(source, m, "json: unsupported value: " + goFloatName(value)
                    + " (JSON has no NaN or infinity)");
        }
        return new PScalar(value, type, m);
    }

    /**
     * go-yaml's {@code parseTimestamp}: four digits and a dash, then one of its layouts as Go's {@code time.Parse}
     * reads them. A plain scalar that is one still reaches kubectl's JSON as its text, so only a {@code !!timestamp}
     * tag needs this.
     */
    static boolean isGoYamlTimestamp(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i != 4 || i == s.length() || s.charAt(i) != '-') {
            return false;
        }
        for (String layout : GoTime.YAML_TIMESTAMP_LAYOUTS) {
            if (GoTime.parses(layout, s)) {
                return true;
            }
        }
        return false;
    }

    private static String shortTag(ScalarType t) {
        return switch (t) {
            case STRING -> "!!str";
            case INT -> "!!int";
            case FLOAT -> "!!float";
            case BOOL -> "!!bool";
            case NULL -> "!!null";
        };
    }

    private static String abbreviate(String v) {
        return v.length() > 60 ? v.substring(0, 60) + "..." : v;
    }

    static boolean isNanOrInfinity(String v) {
        String t = v.startsWith("+") || v.startsWith("-") ? v.substring(1) : v;
        return t.equalsIgnoreCase(".nan") || t.equalsIgnoreCase(".inf");
    }

    private static String goFloatName(String v) {
        return v.toLowerCase(java.util.Locale.ROOT).endsWith("nan") ? "NaN" : v.startsWith("-") ? "-Inf" : "+Inf";
    }

    /** go-yaml decodes {@code !!binary} with Go's standard base64 (padding required; line breaks skipped). */
    private static String binary(String source, String value, dev.cidrstudio.io.yaml.Mark m)
            throws YamlFormatException {
        String b64 = value.replace("\n", "").replace("\r", "");
        if (b64.length() % 4 != 0) {
            throw new YamlFormatException(source, m, "!!binary value contains invalid base64 data");
        }
        try {
            return new String(java.util.Base64.getDecoder().decode(b64), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new YamlFormatException(source, m, "!!binary value contains invalid base64 data");
        }
    }

    /**
     * A scalar's text, refused when it escapes a surrogate: go-yaml refuses any surrogate escape (even a pair),
     * where SnakeYAML would join a pair and keep a lone half. (JSON, read by {@link JsonReader}, makes an unpaired
     * one U+FFFD, as Go's decoder does.)
     */
    private String escapedText(String source, ScalarNode s) throws YamlFormatException {
        String v = s.getValue();
        if (s.getScalarStyle() != DumperOptions.ScalarStyle.DOUBLE_QUOTED || !hasSurrogate(v)) {
            return v;
        }
        if (escapesASurrogate(rawText(s))) {
            throw new YamlFormatException(source, mark(s.getStartMark()), "found invalid Unicode character escape "
                    + "code");
        }
        return v;
    }

    private static boolean hasSurrogate(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (Character.isSurrogate(v.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Each surrogate that is not half of a pair, replaced by U+FFFD, as Go's decoders replace them. */
    public static String replaceUnpairedSurrogates(String v) {
        StringBuilder sb = new StringBuilder(v);
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < sb.length() && Character.isLowSurrogate(sb.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                sb.setCharAt(i, '\uFFFD');
            }
        }
        return sb.toString();
    }

    /** The scalar as written in the file, quotes included. */
    private String rawText(ScalarNode s) {
        int from = s.getStartMark().getIndex();
        int to = s.getEndMark().getIndex();
        if (textHasSurrogates) {
            from = text.offsetByCodePoints(0, from);
            to = text.offsetByCodePoints(from, s.getEndMark().getIndex() - s.getStartMark().getIndex());
        }
        return text.substring(Math.max(0, from), Math.min(text.length(), to));
    }

    /** True when a double-quoted scalar's text has a backslash-u or backslash-U escape of a surrogate code point. */
    static boolean escapesASurrogate(String raw) {
        for (int i = 0; i < raw.length() - 1; i++) {
            if (raw.charAt(i) != '\\') {
                continue;
            }
            char e = raw.charAt(++i);
            int n = e == 'u' ? 4 : e == 'U' ? 8 : 0;
            if (n > 0 && i + n < raw.length()) {
                try {
                    long code = Long.parseLong(raw.substring(i + 1, i + 1 + n), 16);
                    if (code >= 0xD800 && code <= 0xDFFF) {
                        return true;
                    }
                } catch (NumberFormatException ignored) {
                    // SnakeYAML refused it already
                }
            }
        }
        return false;
    }

    static String plainKey(String text) {
        if (resolvePlain(text) == ScalarType.BOOL) {
            return Boolean.toString(isTrueWord(text));
        }
        return text;
    }

    private static ScalarType resolve(ScalarNode s) {
        if (s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
            return ScalarType.STRING;
        }
        return resolvePlain(s.getValue());
    }

    private static final java.util.Set<String> BOOL_WORDS = java.util.Set.of("y", "Y", "yes", "Yes", "YES", "n", "N",
            "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF");
    private static final java.util.Set<String> TRUE_WORDS = java.util.Set.of("y", "Y", "yes", "Yes", "YES", "true",
            "True", "TRUE", "on", "On", "ON");
    private static final java.util.Set<String> NULL_WORDS = java.util.Set.of("~", "null", "Null", "NULL");

    /** What YAML 1.1 makes of a plain scalar (as {@code sigs.k8s.io/yaml} reads it). */
    static ScalarType resolvePlain(String v) {
        if (v.isEmpty()) {
            return ScalarType.NULL;
        }
        char c = v.charAt(0);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '~') {
            if (v.length() > 5) {
                return ScalarType.STRING;
            }
            if (NULL_WORDS.contains(v)) {
                return ScalarType.NULL;
            }
            return BOOL_WORDS.contains(v) ? ScalarType.BOOL : ScalarType.STRING;
        }
        if (!((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
            return ScalarType.STRING;
        }
        int dots = 0;
        for (int i = 0; i < v.length(); i++) {
            char x = v.charAt(i);
            if (x == '.') {
                dots++;
            } else if (!((x >= '0' && x <= '9') || (x >= 'a' && x <= 'f') || (x >= 'A' && x <= 'F')
                    || "xXoO+-_iInN".indexOf(x) >= 0)) {
                return ScalarType.STRING;
            }
        }
        if (dots > 1) {
            return ScalarType.STRING;
        }
        if (INT.matcher(v).matches()) {
            return ScalarType.INT;
        }
        if (FLOAT.matcher(v).matches() && !v.equals(".")) {
            return ScalarType.FLOAT;
        }
        return ScalarType.STRING;
    }

    /** True for the plain words YAML 1.1 reads as true. */
    static boolean isTrueWord(String v) {
        return TRUE_WORDS.contains(v);
    }
}
