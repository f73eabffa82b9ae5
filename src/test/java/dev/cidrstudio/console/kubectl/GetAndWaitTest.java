package dev.cidrstudio.console.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.console.CommandResult;
import dev.cidrstudio.console.Kubectl;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code get} with {@code -L}, {@code --field-selector}, {@code --sort-by} and custom columns; {@code wait}. */
class GetAndWaitTest {

    private Kubectl k;

    @BeforeEach
    void plan() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults().withServiceClusterIPRange("10.96.0.0/16")
                .withClusterDNS("none"));
        k = new Kubectl(api, p -> "");
        run("create service clusterip b-web --tcp=80 --clusterip=10.96.0.20");
        run("create service nodeport a-np --tcp=80 --node-port=30080");
        run("label svc b-web tier=front app.kubernetes.io/name=web");
    }

    private CommandResult run(String line) {
        return k.run(List.of(line.split(" ")), "");
    }

    @Test
    void labelColumnsComeBeforeTheLabelsColumn() {
        List<String> lines = run("get svc a-np b-web -L tier,app.kubernetes.io/name --show-labels").stdout().lines()
                .toList();
        assertEquals(List.of("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "TIER", "NAME",
                "LABELS"), List.of(lines.get(0).trim().split("\\s+")));
        List<String> web = List.of(lines.get(2).trim().split("\\s+"));
        assertEquals(List.of("front", "web", "app=b-web,app.kubernetes.io/name=web,tier=front"), web.subList(6, 9));
        assertEquals(lines.get(0).indexOf("TIER"), lines.get(2).indexOf("front"));
    }

    @Test
    void fieldSelectorsFilterAsTheServerDoes() {
        assertEquals("service/a-np\n", run("get svc --field-selector=spec.type=NodePort -o name").stdout());
        assertEquals("service/b-web\n", run("get svc --field-selector=spec.clusterIP=10.96.0.20 -o name")
                .stdout());
        assertEquals("service/a-np\nservice/b-web\n",
                run("get svc --field-selector=metadata.name!=kubernetes -o name").stdout());
        assertEquals("Error from server (BadRequest): Unable to find \"/v1, Resource=services\" that match label "
                + "selector \"\", field selector \"spec.ports=80\": field label not supported: spec.ports\n",
                run("get svc --field-selector=spec.ports=80").stderr());
    }

    @Test
    void sortByOrdersTheList() {
        assertEquals("service/a-np\nservice/b-web\nservice/kubernetes\n",
                run("get svc --sort-by=.metadata.name -o name").stdout());
        List<String> ips = run("get svc --sort-by={.spec.clusterIP} -o custom-columns=IP:.spec.clusterIP "
                + "--no-headers").stdout().lines().map(String::strip).toList();
        assertEquals(ips.stream().sorted().toList(), ips);
        assertEquals("error: couldn't find any field with path \"{.nothing}\" in the list of objects\n",
                run("get svc --sort-by=nothing").stderr());
    }

    @Test
    void customColumns() {
        assertEquals("NAME    TYPE\nb-web   ClusterIP\n",
                run("get svc b-web -o custom-columns=NAME:.metadata.name,TYPE:spec.type").stdout());
        assertEquals("X\n<none>\n", run("get svc b-web -o custom-columns=X:.nothing").stdout());
    }

    @Test
    void waitForDeleteAndConditions() {
        assertEquals("", run("wait --for=delete svc/gone").stdout());
        assertEquals(0, run("wait --for=delete svc/gone").exitCode());
        CommandResult timedOut = run("wait --for=delete svc/b-web --timeout=2s");
        assertEquals("error: timed out waiting for the condition on services/b-web\n", timedOut.stderr());
        assertEquals(1, timedOut.exitCode());
        assertEquals("servicecidr.networking.k8s.io/kubernetes condition met\n",
                run("wait --for=condition=Ready servicecidr/kubernetes").stdout());
        assertEquals("servicecidr.networking.k8s.io/kubernetes condition met\n",
                run("wait --for=jsonpath={.status.conditions[0].status}=True servicecidr/kubernetes").stdout());
        assertEquals("error: unrecognized condition: \"bogus\"\n", run("wait --for=bogus svc/b-web").stderr());
        assertEquals("Error from server (NotFound): services \"nope\" not found\n",
                run("wait --for=condition=Ready svc/nope").stderr());
    }

    @Test
    void waitForAPodsCondition() {
        CommandResult started = run("run web --image=nginx");
        CommandResult waited = run("wait --for=jsonpath={.status.phase}=Running pod/web");
        assertEquals("pod/web condition met\n", waited.stdout(), started + " " + waited);
        assertEquals("", run("wait --for=delete pod/gone").stdout());
        assertEquals("Error from server (NotFound): pods \"gone\" not found\n",
                run("wait --for=condition=Ready pod/gone").stderr());
    }

    @Test
    void logsTailKeepsTheLastLines() {
        run("run env --image=busybox --restart=Never --env=A=1 --env=B=2 -- printenv");
        List<String> all = run("logs env").stdout().lines().toList();
        assertEquals(true, all.size() > 2, all.toString());
        assertEquals(all.get(all.size() - 1) + "\n", run("logs env --tail=1").stdout());
        assertEquals("", run("logs env --tail=0").stdout());
    }

    @Test
    void apiResourcesNamesAndRefusesUnknownFormats() {
        assertEquals(true, run("api-resources -o name").stdout().contains("servicecidrs.networking.k8s.io\n"));
        assertEquals(true, run("api-resources -o bogus").stderr().startsWith("error: "));
        assertEquals(1, run("api-resources -o bogus").exitCode());
    }
}
