package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.yaml.Mark;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterConfigException;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a plan or a dump: the Cluster settings document (or settings inferred from a dump) starts a simulated
 * cluster, and the objects after it are imported: created in order as if applied, or restored as stored when they
 * carry server state.
 */
public final class PlanLoader {

    /**
     * The opened cluster and the import's report; {@code plan} says whether the files held a Cluster document (a
     * plan) rather than only manifests or a dump, whose cluster settings were inferred.
     */
    public record Result(ApiServer api, ManifestImport.Report report, boolean plan) {
    }

    private PlanLoader() {
    }

    /** A fresh cluster with the default settings. */
    public static ApiServer empty() {
        try {
            return ApiServer.bootstrap(ClusterSettings.defaults());
        } catch (ClusterConfigException e) {
            throw new IllegalStateException("the default settings do not start a cluster", e);
        }
    }

    public static Result load(String source, String text) throws ManifestImport.ImportException {
        return load(List.of(new ManifestImport.Source(source, text)));
    }

    public static Result load(List<ManifestImport.Source> sources) throws ManifestImport.ImportException {
        return load(sources, () -> false);
    }

    /** As {@link #load(List)}; {@code cancelled} stops it between objects. */
    public static Result load(List<ManifestImport.Source> sources, java.util.function.BooleanSupplier cancelled)
            throws ManifestImport.ImportException {
        List<Decoded> docs = ManifestImport.withoutSourceTrees(ManifestImport.decode(sources));
        try {
            return load(sources, docs, cancelled);
        } catch (ManifestImport.ImportException e) {
            if (e.findings().contains(ManifestImport.CANCELLED)) {
                throw e;
            }
        }
        // Refusals are reported at the lines of the fields they name, which takes the source trees the first run
        // let go of to save memory: a refused import runs again with them.
        docs = null;
        return load(sources, ManifestImport.decode(sources), cancelled);
    }

    private static Result load(List<ManifestImport.Source> sources, List<Decoded> docs,
            java.util.function.BooleanSupplier cancelled) throws ManifestImport.ImportException {
        Opened opened = open(sources, docs);
        ManifestImport.Report report = ManifestImport.apply(opened.api(), opened.objects(), cancelled);
        List<Finding> all = new ArrayList<>(opened.notes());
        all.addAll(report.findings());
        return new Result(opened.api(), new ManifestImport.Report(report.countsByKind(), all),
                opened.clusterDoc() != null);
    }

    /**
     * The cluster an import starts, before any object goes in: its documents other than the Cluster one, the notes
     * on how its settings were found, and the Cluster document if there was one.
     */
    record Opened(ApiServer api, List<Decoded> objects, List<Finding> notes, Decoded clusterDoc) {
    }

    /**
     * Starts the cluster the documents describe: the settings of their Cluster document, or settings inferred from
     * the objects of a dump. {@code import} and {@code check} both start here.
     */
    static Opened open(List<ManifestImport.Source> sources, List<Decoded> docs) throws ManifestImport.ImportException {
        ClusterSettings settings = null;
        Decoded clusterDoc = null;
        List<Decoded> rest = new ArrayList<>();
        List<Finding> notes = new ArrayList<>();
        for (Decoded d : docs) {
            if (d instanceof Decoded.Cluster c && settings == null) {
                settings = c.settings();
                clusterDoc = d;
            } else if (d instanceof Decoded.Cluster c) {
                notes.add(new Finding(Finding.Severity.ERROR, c.source(), c.mark(),
                        "a second Cluster document (the first is at " + clusterDoc.source() + ":"
                                + clusterDoc.mark().line() + ")"));
            } else {
                rest.add(d);
            }
        }
        if (!notes.isEmpty()) {
            throw new ManifestImport.ImportException(notes);
        }
        if (settings == null) {
            ClusterInference.Inferred inferred = ClusterInference.infer(rest);
            settings = inferred.settings();
            if (inferred.note() != null) {
                notes.add(new Finding(Finding.Severity.INFO, null, null, inferred.note()));
            }
        }
        try {
            return new Opened(ApiServer.bootstrap(settings), rest, notes, clusterDoc);
        } catch (ClusterConfigException e) {
            List<Finding> fatal = new ArrayList<>();
            for (String err : e.errors()) {
                fatal.add(new Finding(Finding.Severity.ERROR, clusterDoc == null ? sources.get(0).name()
                        : clusterDoc.source(), clusterDoc == null ? new Mark(1, 1) : clusterDoc.mark(),
                        "spec.serviceClusterIPRange: kube-apiserver would not start: " + err));
            }
            throw new ManifestImport.ImportException(fatal);
        }
    }
}
