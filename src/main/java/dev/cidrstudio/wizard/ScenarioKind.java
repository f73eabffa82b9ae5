package dev.cidrstudio.wizard;

import java.util.Arrays;
import java.util.Optional;

/** The four reconfiguration categories of "Kubernetes Default ServiceCIDR Reconfiguration". */
public enum ScenarioKind {
    EXTEND("extend", "Extend with a new ServiceCIDR"),
    SINGLE_TO_DUAL("single-to-dual", "Single-stack to dual-stack, keeping the primary"),
    DUAL_TO_SINGLE("dual-to-single", "Dual-stack to single-stack, keeping the primary"),
    REPLACE_PRIMARY("replace-primary", "Replace the primary ServiceCIDR");

    private final String id;
    private final String label;

    ScenarioKind(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name the CLI takes: {@code --scenario extend}. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<ScenarioKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return label;
    }
}
