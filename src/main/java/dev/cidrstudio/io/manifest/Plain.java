package dev.cidrstudio.io.manifest;

import dev.cidrstudio.io.yaml.PNode;
import dev.cidrstudio.io.yaml.PNode.PList;
import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.io.yaml.PNode.PScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts positioned nodes to plain values (maps, lists, strings, numbers, booleans, null) for passthrough fields. */
public final class Plain {

    private Plain() {
    }

    public static Object toPlain(PNode n) {
        if (n instanceof PMap m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> out.put(k, toPlain(v)));
            return out;
        }
        if (n instanceof PList l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(i -> out.add(toPlain(i)));
            return out;
        }
        PScalar s = (PScalar) n;
        return switch (s.type()) {
            case NULL -> null;
            case BOOL -> s.value().matches("y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON");
            case INT -> {
                try {
                    yield Long.decode(s.value().replace("_", ""));
                } catch (NumberFormatException e) {
                    yield s.value();
                }
            }
            case FLOAT -> {
                try {
                    yield Double.parseDouble(s.value());
                } catch (NumberFormatException e) {
                    yield s.value();
                }
            }
            case STRING -> s.value();
        };
    }
}
