package dev.cidrstudio.io.yaml;

import dev.cidrstudio.io.yaml.PNode.PList;
import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.io.yaml.PNode.PScalar;
import dev.cidrstudio.io.yaml.PNode.ScalarType;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

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
            checkJson(source, text);
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
    static void checkJson(String source, String text) throws YamlFormatException {
        com.fasterxml.jackson.core.JsonFactory f = com.fasterxml.jackson.core.JsonFactory.builder()
                .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE).build();
        try (com.fasterxml.jackson.core.JsonParser p = f.createParser(text)) {
            while (p.nextToken() != null) {
                p.skipChildren();
            }
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
        Yaml yaml = new Yaml(options);
        List<Document> docs = new ArrayList<>();
        nodes = 0;
        maxNodes = ALIAS_HEADROOM + text.length() / 2;
        try {
            int index = 0;
            for (Node node : yaml.composeAll(new StringReader(text))) {
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
            return new PScalar(s.getValue(), resolve(s), m);
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
                String name = keyText(key);
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

    /** A mapping key as JSON sees it: a plain {@code y} or {@code no} is a boolean, so its key is "true"/"false". */
    private static String keyText(ScalarNode key) {
        return key.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN ? plainKey(key.getValue()) : key.getValue();
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
