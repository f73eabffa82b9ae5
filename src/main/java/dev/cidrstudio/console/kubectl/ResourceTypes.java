package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.model.api.Kind;
import java.util.Locale;

/** Resolves what a user types for a resource type the way kubectl's RESTMapper does. */
final class ResourceTypes {

    private ResourceTypes() {
    }

    /** The kind for "svc", "services", "Service", "servicecidrs.networking.k8s.io", ...; null when unknown. */
    static Kind resolve(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        String name = t;
        String group = null;
        int dot = t.indexOf('.');
        if (dot > 0) {
            name = t.substring(0, dot);
            group = t.substring(dot + 1);
        }
        for (Kind k : Kind.values()) {
            boolean nameMatches = name.equals(k.plural()) || name.equals(k.singular())
                    || k.shortNames().contains(name) || name.equals(k.kindName().toLowerCase(Locale.ROOT));
            if (!nameMatches) {
                continue;
            }
            if (group == null) {
                return k;
            }
            String version = k.apiVersion().contains("/") ? k.apiVersion().substring(k.apiVersion().indexOf('/') + 1)
                    : k.apiVersion();
            if (group.equals(k.group()) || group.equals(version + "." + k.group())
                    || (k.group().isEmpty() && (group.equals(version) || group.equals(version + ".")))) {
                return k;
            }
        }
        return null;
    }

    /** What kubectl prints before the slash in "service/test-1". */
    static String prefix(Kind k) {
        return k.groupKindLower();
    }
}
