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

    /** kubectl's {@code GetDryRunStrategy}: unset is none; true and false are kept for old scripts. */
    static DryRun of(Parsed p) throws UsageException {
        if (!p.has("dry-run")) {
            return NONE;
        }
        String v = p.string("dry-run", "none");
        return switch (v) {
            case "none", "false" -> NONE;
            case "client", "true" -> CLIENT;
            case "server" -> SERVER;
            default -> throw new UsageException("error: Invalid dry-run value (" + v + "). Must be \"none\", "
                    + "\"server\", or \"client\".");
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
