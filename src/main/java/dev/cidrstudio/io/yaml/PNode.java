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

    /** A scalar: its text, what YAML makes of it, and where it starts. */
    final class PScalar implements PNode {
        private final String value;
        private final ScalarType type;
        private final int line;
        private final int column;

        public PScalar(String value, ScalarType type, Mark mark) {
            this(value, type, mark.line(), mark.column());
        }

        PScalar(String value, ScalarType type, int line, int column) {
            this.value = value;
            this.type = type;
            this.line = line;
            this.column = column;
        }

        public String value() {
            return value;
        }

        public ScalarType type() {
            return type;
        }

        @Override
        public Mark mark() {
            return new Mark(line, column);
        }

        public boolean isNull() {
            return type == ScalarType.NULL;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PScalar p && value.equals(p.value) && type == p.type && line == p.line
                    && column == p.column;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(value, type, line, column);
        }

        @Override
        public String toString() {
            return value;
        }
    }

    record PList(List<PNode> items, Mark mark) implements PNode {
        public PList {
            items = List.copyOf(items);
        }
    }

    /** A mapping; keys keep their order and their own positions. Read-only. */
    final class PMap implements PNode {
        private final Map<String, PNode> entries;
        /** Key positions in insertion order, each (line << 32 | column). */
        private final long[] keyPositions;
        private final Mark mark;

        public PMap(Map<String, PNode> entries, Map<String, Mark> keyMarks, Mark mark) {
            this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            this.keyPositions = new long[entries.size()];
            int i = 0;
            for (String k : this.entries.keySet()) {
                Mark m = keyMarks.getOrDefault(k, mark);
                keyPositions[i++] = pack(m.line(), m.column());
            }
            this.mark = mark;
        }

        /** Takes a map the reader built and hands over, with key positions in its order (no copy). */
        PMap(Map<String, PNode> entries, long[] keyPositions, Mark mark) {
            this.entries = Collections.unmodifiableMap(entries);
            this.keyPositions = keyPositions;
            this.mark = mark;
        }

        static long pack(int line, int column) {
            return ((long) line << 32) | (column & 0xFFFF_FFFFL);
        }

        public Map<String, PNode> entries() {
            return entries;
        }

        @Override
        public Mark mark() {
            return mark;
        }

        public PNode get(String key) {
            return entries.get(key);
        }

        public Mark keyMark(String key) {
            int i = 0;
            for (String k : entries.keySet()) {
                if (k.equals(key)) {
                    long p = keyPositions[i];
                    return new Mark((int) (p >>> 32), (int) p);
                }
                i++;
            }
            return mark;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PMap p && entries.equals(p.entries)
                    && java.util.Arrays.equals(keyPositions, p.keyPositions) && java.util.Objects.equals(mark, p.mark);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(entries, java.util.Arrays.hashCode(keyPositions), mark);
        }

        @Override
        public String toString() {
            return "PMap" + entries;
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
