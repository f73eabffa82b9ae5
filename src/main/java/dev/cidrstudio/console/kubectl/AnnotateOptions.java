package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.model.api.KubeObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code kubectl annotate TYPE NAME KEY=VALUE... KEY-...}: sets and removes an object's annotations. */
public final class AnnotateOptions extends MetadataPairsOptions {

    /** The annotation {@code --record} writes, which may always be overwritten. */
    static final String CHANGE_CAUSE_ANNOTATION = "kubernetes.io/change-cause";

    public AnnotateOptions(Factory f, String stdin) {
        super(f);
    }

    @Override
    String command() {
        return "annotate";
    }

    @Override
    String pairType() {
        return "annotation";
    }

    @Override
    String exampleFiles() {
        return "rsrc.yaml rsrc.json";
    }

    @Override
    String listHeader() {
        return "Listing annotations";
    }

    @Override
    String operation(Map<String, String> before, Map<String, String> after, boolean overwrite) {
        return "annotated";
    }

    @Override
    Map<String, String> pairs(KubeObject o) {
        return o.meta().annotations();
    }

    @Override
    KubeObject withPairs(KubeObject o, Map<String, String> pairs) {
        return o.withMeta(o.meta().withAnnotations(pairs));
    }

    /** kubectl's {@code ParsePairs} and {@code validateAnnotations}. */
    @Override
    void parsePairs(List<String> specs) throws UsageException {
        added = new LinkedHashMap<>();
        removed = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String spec : specs) {
            if (spec.contains("=") && spec.charAt(0) != '=') {
                added.put(spec.substring(0, spec.indexOf('=')), spec.substring(spec.indexOf('=') + 1));
            } else if (spec.endsWith("-") && !spec.equals("-")) {
                removed.add(spec.substring(0, spec.length() - 1));
            } else {
                invalid.add(spec);
            }
        }
        if (!invalid.isEmpty()) {
            throw new UsageException("error: invalid annotation format: " + String.join(", ", invalid));
        }
        List<String> both = removed.stream().filter(added::containsKey).toList();
        if (!both.isEmpty()) {
            throw new UsageException("error: can not both modify and remove the following annotation(s) in the same "
                    + "command: " + String.join(", ", both));
        }
    }

    @Override
    String overwriteError(Map<String, String> current) {
        List<String> found = new ArrayList<>();
        added.forEach((k, v) -> {
            String value = current.get(k);
            if (!k.equals(CHANGE_CAUSE_ANNOTATION) && value != null && !value.equals(v)) {
                found.add("'" + k + "' already has a value (" + value + ")");
            }
        });
        return found.isEmpty() ? null
                : "--overwrite is false but found the following declared annotation(s): " + String.join("; ", found);
    }
}
