package dev.cidrstudio.io.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML or JSON value that remembers where it was written, so that every error can name the file, line, column
 * and field. Scalars keep their text and the type YAML 1.1 resolves them to, as Kubernetes' YAML reader does.
 */
public sealed interface PNode permits PNode.PMap, PNode.PList, PNode.PScalar {

    Mark mark();

    /** What a plain scalar resolves to; quoted scalars are always strings. */
    enum ScalarType { STRING, INT, FLOAT, BOOL, NULL }

    record PScalar(String value, ScalarType type, Mark mark) implements PNode {
        public boolean isNull() {
            return type == ScalarType.NULL;
        }
    }

    record PList(List<PNode> items, Mark mark) implements PNode {
        public PList {
            items = List.copyOf(items);
        }
    }

    /** A mapping; keys keep their order and their own marks. */
    record PMap(Map<String, PNode> entries, Map<String, Mark> keyMarks, Mark mark) implements PNode {
        public PMap {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyMarks = Collections.unmodifiableMap(new LinkedHashMap<>(keyMarks));
        }

        public PNode get(String key) {
            return entries.get(key);
        }

        public Mark keyMark(String key) {
            return keyMarks.getOrDefault(key, mark);
        }
    }

    /** The JSON-ish type name Go's decoder uses in "cannot unmarshal X into ...". */
    static String goTypeName(PNode n) {
        if (n instanceof PMap) {
            return "object";
        }
        if (n instanceof PList) {
            return "array";
        }
        PScalar s = (PScalar) n;
        return switch (s.type()) {
            case STRING -> "string";
            case INT, FLOAT -> "number";
            case BOOL -> "bool";
            case NULL -> "null";
        };
    }
}
