package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;

/** The {@code --dry-run} strategy of a writing command. */
enum DryRun {
    NONE, CLIENT, SERVER;

    /** A write sent to the API server. */
    @FunctionalInterface
    interface Write<T> {
        T send() throws ApiException;
    }

    /** What a bare {@code --dry-run} stands for (the flag's NoOptDefVal). */
    static final String UNCHANGED = "unchanged";

    /** Adds kubectl's {@code --dry-run} flag: "none" when unset, "unchanged" when given without a value. */
    static KubectlFlags addFlag(KubectlFlags flags) {
        return flags.add("dry-run", null, KubectlFlags.Type.STRING, "none", UNCHANGED);
    }

    /**
     * kubectl's {@code GetDryRunStrategy}: unset is none; a bare flag and the boolean values are kept for old scripts,
     * with a klog warning.
     */
    static DryRun of(Parsed p, Factory f) throws UsageException {
        String v = p.string("dry-run", "none");
        Boolean b = parseBool(v);
        if (b == null) {
            return switch (v) {
                case UNCHANGED -> {
                    f.warn("helpers.go", f.client().dryRunFlagLine(),
                            "--dry-run is deprecated and can be replaced with --dry-run=client.");
                    yield CLIENT;
                }
                case "client" -> CLIENT;
                case "server" -> SERVER;
                case "none" -> NONE;
                default -> throw new UsageException("error: Invalid dry-run value (" + v + "). Must be \"none\", "
                        + "\"server\", or \"client\".");
            };
        }
        f.warn("helpers.go", b ? f.client().dryRunTrueLine() : f.client().dryRunFalseLine(), "--dry-run=" + v
                + " is deprecated (boolean value) and can be replaced with --dry-run=" + (b ? "client" : "none")
                + ".");
        return b ? CLIENT : NONE;
    }

    /** Go's {@code strconv.ParseBool}; null when the text is not a boolean. */
    static Boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> null;
        };
    }

    /** What the printers add after the verb ("created (server dry run)"). */
    String suffix() {
        return switch (this) {
            case NONE -> "";
            case CLIENT -> " (dry run)";
            case SERVER -> " (server dry run)";
        };
    }

    /** Creates an object as this strategy says: the client sends nothing, the server keeps nothing. */
    KubeObject create(ApiServer api, KubeObject obj) throws ApiException {
        return switch (this) {
            case CLIENT -> obj;
            case SERVER -> onServer(api, () -> api.create(obj));
            case NONE -> api.create(obj);
        };
    }

    /**
     * A write the API server runs in full (validation, admission, allocation) without keeping its effect: the
     * console's one way to a server-side dry run.
     */
    static <T> T onServer(ApiServer api, Write<T> write) throws ApiException {
        return api.dryRun(write::send);
    }
}
