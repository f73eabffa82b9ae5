package dev.cidrstudio.model.api;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable, key-sorted string map (labels, annotations, selectors). Copying one is free, so the many small
 * record copies an update makes share it instead of rebuilding it.
 */
public final class SortedStringMap extends AbstractMap<String, String> {

    public static final SortedStringMap EMPTY = new SortedStringMap(new TreeMap<>());

    private final Map<String, String> map;

    private SortedStringMap(TreeMap<String, String> map) {
        this.map = Collections.unmodifiableMap(map);
    }

    /** The map itself when it already is one, else a sorted copy. */
    public static SortedStringMap copyOf(Map<String, String> m) {
        if (m instanceof SortedStringMap s) {
            return s;
        }
        if (m == null || m.isEmpty()) {
            return EMPTY;
        }
        return new SortedStringMap(new TreeMap<>(m));
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return map.entrySet();
    }

    @Override
    public String get(Object key) {
        return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public int size() {
        return map.size();
    }
}
