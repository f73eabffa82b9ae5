package dev.cidrstudio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A script cut into the commands a shell runs one after another, for a transcript and step mode. */
class ScriptCommandsTest {

    private static final String SCRIPT = """
            # the docs page
            kubectl get servicecidr

            cat <<EOF | kubectl apply -f -
            apiVersion: networking.k8s.io/v1
            kind: ServiceCIDR
            metadata:
              name: newcidr1
            spec:
              cidrs:
              - 10.96.0.0/24
            EOF
            for i in $(seq 1 2); do
              kubectl create service clusterip "test-$i" \\
                --tcp 80 -o name
            done
            verify() { :; }
            kubectl get svc test-2 -o name
            """;

    @Test
    void cutsAtCommandsKeepingHeredocsLoopsAndFunctionsWhole() {
        List<String> c = ScriptRunner.commands(SCRIPT);
        assertEquals(5, c.size(), c.toString());
        assertEquals("kubectl get servicecidr", c.get(0));
        assertEquals(true, c.get(1).startsWith("cat <<EOF | kubectl apply -f -\napiVersion"));
        assertEquals(true, c.get(1).endsWith("\nEOF"));
        assertEquals("for i in $(seq 1 2); do\n  kubectl create service clusterip \"test-$i\"  --tcp 80 -o name\ndone",
                c.get(2));
        assertEquals("verify() { :; }", c.get(3));
    }

    @Test
    void runningTheCommandsOneByOnePrintsWhatTheScriptPrints() throws Exception {
        ApiServer whole = ApiServer.bootstrap(ClusterSettings.defaults());
        ApiServer cut = ApiServer.bootstrap(ClusterSettings.defaults());
        Kubectl.FileSource none = p -> {
            throw new IOException("no files");
        };
        String all = text(new ScriptRunner(new Kubectl(whole, none), none).run(SCRIPT));
        ScriptRunner r = new ScriptRunner(new Kubectl(cut, none), none);
        List<ConsoleOutput> pieces = new ArrayList<>();
        for (String c : ScriptRunner.commands(SCRIPT)) {
            pieces.addAll(r.run(c));
        }
        assertEquals(all.replaceAll("\\d+s", "AGE"), text(pieces).replaceAll("\\d+s", "AGE"));
        assertEquals(true, all.contains("service/test-2"));
    }

    private static String text(List<ConsoleOutput> out) {
        StringBuilder sb = new StringBuilder();
        out.forEach(o -> sb.append(o.text()));
        return sb.toString();
    }
}
