package dev.cidrstudio.io.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.cidrstudio.io.yaml.PNode.PList;
import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.io.yaml.PNode.PScalar;
import dev.cidrstudio.io.yaml.PNode.ScalarType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON stream as kubectl does, with JSON's rules rather than YAML's: Go's decoder takes one value after
 * another, allows in strings any character but raw control characters, and makes an escaped unpaired surrogate
 * U+FFFD. The tree is positioned like the YAML reader's (a value at its first character).
 */
final class JsonReader {

    private final String source;
    private final YamlLimits limits;
    private final JsonParser p;

    private JsonReader(String source, String text, YamlLimits limits) throws IOException {
        this.source = source;
        this.limits = limits;
        JsonFactory f = JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                // The file's size bounds strings; this reader's own limits say where and why.
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE)
                        .maxNameLength(Integer.MAX_VALUE).maxNestingDepth(limits.maxDepth() + 10).build())
                .build();
        this.p = f.createParser(text);
    }

    static List<YamlReader.Document> read(String source, String text, YamlLimits limits)
            throws YamlFormatException, IOException {
        JsonReader r = new JsonReader(source, text, limits);
        List<YamlReader.Document> docs = new ArrayList<>();
        int index = 0;
        try (JsonParser p = r.p) {
            while (p.nextToken() != null) {
                PNode root = r.value(0);
                if (root instanceof PScalar s && s.isNull()) {
                    index++;
                    continue;
                }
                if (docs.size() >= limits.maxDocuments()) {
                    throw new YamlFormatException(source, root.mark(), "more than " + limits.maxDocuments()
                            + " documents");
                }
                docs.add(new YamlReader.Document(root, index++, root.mark()));
            }
        }
        return docs;
    }

    private Mark here() {
        JsonLocation at = p.currentTokenLocation();
        return new Mark(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    private PNode value(int depth) throws IOException, YamlFormatException {
        Mark m = here();
        JsonToken t = p.currentToken();
        if (depth > limits.maxDepth()) {
            throw new YamlFormatException(source, m, "nesting is deeper than " + limits.maxDepth() + " levels");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, PNode> entries = new LinkedHashMap<>();
                long[] keys = new long[8];
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    Mark km = here();
                    String name = string(p.currentName(), km, "key");
                    if (entries.containsKey(name)) {
                        throw new YamlFormatException(source, km, "duplicate key \"" + name + "\"");
                    }
                    p.nextToken();
                    if (entries.size() == keys.length) {
                        keys = java.util.Arrays.copyOf(keys, keys.length * 2);
                    }
                    keys[entries.size()] = PMap.pack(km.line(), km.column());
                    entries.put(name, value(depth + 1));
                }
                return new PMap(entries, java.util.Arrays.copyOf(keys, entries.size()), m);
            }
            case START_ARRAY -> {
                List<PNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(depth + 1));
                }
                return new PList(items, m);
            }
            case VALUE_STRING -> {
                return new PScalar(string(p.getText(), m, "string"), ScalarType.STRING, m);
            }
            case VALUE_NUMBER_INT -> {
                return new PScalar(p.getText(), ScalarType.INT, m);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new PScalar(p.getText(), ScalarType.FLOAT, m);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new PScalar(p.getText(), ScalarType.BOOL, m);
            }
            case VALUE_NULL -> {
                return new PScalar("null", ScalarType.NULL, m);
            }
            default -> throw new YamlFormatException(source, m, "malformed JSON: unexpected " + t);
        }
    }

    private String string(String s, Mark m, String what) throws YamlFormatException {
        if (s.length() > limits.maxScalarChars()) {
            throw new YamlFormatException(source, m, YamlReader.tooLong(what, s.length(), limits));
        }
        return YamlReader.replaceUnpairedSurrogates(s);
    }
}
