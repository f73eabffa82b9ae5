package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.validation.NameValidation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code kubectl label TYPE NAME KEY=VALUE... KEY-...}: sets and removes an object's labels. */
public final class LabelOptions extends MetadataPairsOptions {

    static final String MSG_NOT_LABELED = "not labeled";
    static final String MSG_LABELED = "labeled";
    static final String MSG_UNLABELED = "unlabeled";

    public LabelOptions(Factory f, String stdin) {
        super(f);
    }

    @Override
    String command() {
        return "label";
    }

    @Override
    String pairType() {
        return "label";
    }

    @Override
    String exampleFiles() {
        return "pod.yaml pod.json";
    }

    @Override
    String listHeader() {
        return "Listing labels";
    }

    /** kubectl's {@code updateDataChangeMsg}: a shorter object without --overwrite lost a label. */
    @Override
    String operation(Map<String, String> before, Map<String, String> after, boolean overwrite) {
        if (before.equals(after)) {
            return MSG_NOT_LABELED;
        }
        return !overwrite && after.size() < before.size() ? MSG_UNLABELED : MSG_LABELED;
    }

    @Override
    Map<String, String> pairs(KubeObject o) {
        return o.meta().labels();
    }

    @Override
    KubeObject withPairs(KubeObject o, Map<String, String> pairs) {
        return o.withMeta(o.meta().withLabels(pairs));
    }

    /** kubectl's {@code parseLabels}. */
    @Override
    void parsePairs(List<String> specs) throws UsageException {
        added = new LinkedHashMap<>();
        removed = new ArrayList<>();
        for (String spec : specs) {
            if (spec.contains("=")) {
                String[] parts = spec.split("=", -1);
                if (parts.length != 2) {
                    throw new UsageException("error: invalid label spec: " + spec);
                }
                List<String> errs = NameValidation.isValidLabelValue(parts[1]);
                if (!errs.isEmpty()) {
                    throw new UsageException("error: invalid label value: " + dev.cidrstudio.model.field.GoValue
                            .quote(spec) + ": " + String.join(";", errs));
                }
                added.put(parts[0], parts[1]);
            } else if (spec.endsWith("-")) {
                removed.add(spec.substring(0, spec.length() - 1));
            } else {
                throw new UsageException("error: unknown label spec: " + spec);
            }
        }
        for (String key : removed) {
            if (added.containsKey(key)) {
                throw new UsageException("error: can not both modify and remove a label in the same command");
            }
        }
    }

    @Override
    String overwriteError(Map<String, String> current) {
        for (Map.Entry<String, String> e : added.entrySet()) {
            String value = current.get(e.getKey());
            if (value != null && !value.equals(e.getValue())) {
                return "'" + e.getKey() + "' already has a value (" + value + "), and --overwrite is false";
            }
        }
        return null;
    }
}
