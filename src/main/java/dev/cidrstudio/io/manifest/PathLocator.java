package dev.cidrstudio.io.manifest;

import dev.cidrstudio.io.yaml.Mark;
import dev.cidrstudio.io.yaml.PNode;
import dev.cidrstudio.io.yaml.PNode.PList;
import dev.cidrstudio.io.yaml.PNode.PMap;

/** Finds where a field path such as {@code spec.cidrs[1]} was written in a document. */
public final class PathLocator {

    private PathLocator() {
    }

    /** The mark of the deepest part of the path that exists (the document's own mark at worst). */
    public static Mark find(PMap root, String path) {
        PNode node = root;
        Mark best = root.mark();
        for (String part : path.split("\\.")) {
            String name = part;
            int bracket = part.indexOf('[');
            String indexes = "";
            if (bracket >= 0) {
                name = part.substring(0, bracket);
                indexes = part.substring(bracket);
            }
            if (!name.isEmpty()) {
                if (node instanceof PMap m && m.get(name) == null && name.endsWith("s")
                        && m.get(name.substring(0, name.length() - 1)) != null) {
                    // A plural field filled in from its singular (clusterIPs from clusterIP) points at the singular.
                    return m.keyMark(name.substring(0, name.length() - 1));
                }
                if (!(node instanceof PMap m) || m.get(name) == null) {
                    return best;
                }
                best = m.keyMark(name);
                node = m.get(name);
            }
            while (indexes.startsWith("[")) {
                int close = indexes.indexOf(']');
                if (close < 0) {
                    return best;
                }
                String idx = indexes.substring(1, close);
                indexes = indexes.substring(close + 1);
                if (!(node instanceof PList l) || !idx.matches("[0-9]+") || Integer.parseInt(idx) >= l.items().size()) {
                    return best;
                }
                node = l.items().get(Integer.parseInt(idx));
                best = node.mark();
            }
        }
        return best;
    }
}
