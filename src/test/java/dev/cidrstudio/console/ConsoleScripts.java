package dev.cidrstudio.console;

import dev.cidrstudio.model.cluster.ApiServer;
import java.io.IOException;

/** Runs a console script against a cluster with no files, stdout and stderr merged as a terminal shows them. */
final class ConsoleScripts {

    private ConsoleScripts() {
    }

    static String run(ApiServer api, String script) {
        Kubectl kubectl = new Kubectl(api, p -> {
            throw new IOException("no files");
        });
        StringBuilder sb = new StringBuilder();
        new ScriptRunner(kubectl, p -> {
            throw new IOException("no files");
        }).run(script).forEach(o -> sb.append(o.text()));
        return sb.toString();
    }
}
