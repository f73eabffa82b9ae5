package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.model.cluster.ApiServer;
import java.io.IOException;

/**
 * What every command reaches the cluster through, as kubectl's commands reach it through their factory: the API
 * server, the files {@code -f} names, and the Pods and Nodes the model keeps beside its own kinds.
 */
public final class Factory {

    /** Reads the file named by {@code -f}. */
    @FunctionalInterface
    public interface FileReader {
        String read(String path) throws IOException;
    }

    private final ApiServer api;
    private final FileReader files;
    private final PodConsole pods;
    private final StringBuilder log = new StringBuilder();

    public Factory(ApiServer api, FileReader files) {
        this.api = api;
        this.files = files;
        this.pods = new PodConsole(api);
    }

    ApiServer api() {
        return api;
    }

    PodConsole pods() {
        return pods;
    }

    String read(String path) throws IOException {
        return files.read(path);
    }

    /** The admission warnings of the last writes, as kubectl prints them (each once); the server forgets them. */
    public String warnings() {
        return WarningWriter.lines(api.takeWarnings());
    }

    /** The kubectl build the console answers as. */
    ClientRelease client() {
        return ClientRelease.of(api.settings().kubernetesVersion());
    }

    /** Writes a klog warning, as kubectl's helpers do, at the simulated time. */
    void warn(String file, int line, String message) {
        log.append(Klog.warning(api.now(), file, line, message));
    }

    /** The klog lines written since the last call; they come first on standard error. */
    public String takeLog() {
        String s = log.toString();
        log.setLength(0);
        return s;
    }

    /** The kube-apiserver (and kubelet) version a plan's Kubernetes minor reports. */
    String serverVersion() {
        return VersionOptions.serverGitVersion(api.settings().kubernetesVersion());
    }
}
