package dev.cidrstudio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.console.CommandResult;
import dev.cidrstudio.differential.KubectlDifferentialTest;
import dev.cidrstudio.differential.RealKubectl;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real kubectl of each release against a served demo plan prints what the console prints for the same command on
 * the same plan (after the differential harness's normalisation of klog headers), and its writes reach the plan
 * through the one door.
 */
class ServeWithRealKubectlTest {

    @TempDir
    Path dir;

    /** One command line, in kubectl's words. */
    private record Case(String name, List<String> args) {
    }

    private static Case c(String name, String... args) {
        return new Case(name, List.of(args));
    }

    /** Reads and writes in the order a user would type them: each is compared on the plan as the previous left it. */
    private static final List<Case> SCRIPT = List.of(
            c("version", "version"),
            c("api-resources", "api-resources"),
            c("services in every namespace", "get", "svc", "-A"),
            c("services, wide", "get", "svc", "-A", "-o", "wide"),
            c("ServiceCIDRs", "get", "servicecidrs"),
            c("IPAddresses", "get", "ipaddresses"),
            c("namespaces", "get", "ns"),
            c("one Service as YAML", "get", "svc", "kubernetes", "-o", "yaml"),
            c("one Service as JSON", "get", "svc", "kubernetes", "-n", "default", "-o", "json"),
            c("by label", "get", "svc", "-A", "-l", "component=apiserver"),
            c("by label, none", "get", "svc", "-l", "no=such"),
            c("names", "get", "svc", "-n", "shop", "-o", "name"),
            c("not found", "get", "svc", "nope"),
            c("describe a ServiceCIDR", "describe", "servicecidr", "kubernetes"),
            c("events", "get", "events", "-A"),
            c("jsonpath", "get", "svc", "-A", "-o", "jsonpath={.items[*].spec.clusterIP}"),
            c("kept Pods", "get", "pods", "-A", "-o", "name"),
            c("kept policies", "get", "validatingadmissionpolicies", "-o", "name"),
            c("create", "create", "service", "clusterip", "x", "--tcp=80"),
            c("create again", "create", "service", "clusterip", "x", "--tcp=80"),
            c("a taken cluster IP", "create", "service", "clusterip", "taken", "--clusterip=10.96.0.10",
                    "--tcp=80"),
            c("create, server dry run", "create", "service", "clusterip", "y", "--tcp=80", "--dry-run=server"),
            c("create a NodePort Service", "create", "service", "nodeport", "np", "--tcp=80:8080"),
            c("create from a file", "create", "-f", "web.yaml", "-n", "monitoring"),
            c("annotate", "annotate", "svc", "x", "note=hello"),
            c("warnings", "create", "-f", "warned.yaml"),
            c("label", "label", "svc", "x", "tier=web"),
            c("label again", "label", "svc", "x", "tier=db"),
            c("strategic merge patch", "patch", "svc", "x", "-p", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}"),
            c("merge patch", "patch", "svc", "x", "--type", "merge", "-p",
                    "{\"spec\":{\"ports\":[{\"port\":81,\"protocol\":\"TCP\",\"targetPort\":81}]}}"),
            c("JSON patch", "patch", "svc", "x", "--type", "json", "-p",
                    "[{\"op\":\"add\",\"path\":\"/metadata/labels/c\",\"value\":\"d\"}]"),
            c("a patch that changes nothing", "patch", "svc", "x", "-p", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}"),
            c("after the writes", "get", "svc", "x", "--show-labels"),
            c("apply creates", "apply", "-f", "web.yaml"),
            c("apply again", "apply", "-f", "web.yaml"),
            c("apply a changed manifest", "apply", "-f", "web-8081.yaml"),
            c("after apply", "get", "svc", "web", "-n", "shop", "-o", "yaml"),
            c("delete", "delete", "svc", "x"),
            c("delete what is gone", "delete", "svc", "x"),
            c("create a namespace", "create", "namespace", "team"),
            c("the end", "get", "svc", "-A"));

    private static final String WEB = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: shop
            spec:
              selector:
                app: web
              ports:
              - port: 8080
            """;

    @ParameterizedTest
    @EnumSource(KubeVersion.class)
    void theRealKubectlPrintsWhatTheConsolePrints(KubeVersion release) throws Exception {
        Files.writeString(dir.resolve("web.yaml"), WEB);
        // Admission warnings, quotes included, come back as Warning headers that kubectl prints.
        Files.writeString(dir.resolve("warned.yaml"), WEB.replace("name: web", "name: warned").replace("spec:\n",
                "spec:\n  clusterIP: None\n  externalIPs: [\"1.2.3.4\"]\n  externalName: x.example.com\n"));
        // A changed port: kubectl's three-way patch deletes the old one ($patch: delete) and orders the list.
        Files.writeString(dir.resolve("web-8081.yaml"), WEB.replace("port: 8080", "port: 8081"));
        List<String> differences = new ArrayList<>();
        try (ServedPlan plan = new ServedPlan(release, dir)) {
            for (Case c : SCRIPT) {
                CommandResult ours = plan.console(c.args().toArray(String[]::new));
                RealKubectl.Run theirs = plan.real(c.args().toArray(String[]::new));
                String difference = KubectlDifferentialTest.difference(theirs, ours);
                if (difference != null) {
                    differences.add(c.name() + ": kubectl " + String.join(" ", c.args()) + "\n" + difference);
                }
            }
        }
        assertTrue(differences.isEmpty(), "kubectl " + release.text() + ":\n" + String.join("\n", differences));
    }

    /** What the console does not offer: lists in pages ({@code limit}/{@code continue}) and field selectors. */
    @Test
    void pagesAndFieldSelectors() throws Exception {
        try (ServedPlan plan = new ServedPlan(KubeVersion.V1_34, dir)) {
            RealKubectl.Run whole = plan.real("get", "svc", "-A");
            for (String size : List.of("1", "2", "3", "500")) {
                RealKubectl.Run pages = plan.real("get", "svc", "-A", "--chunk-size=" + size);
                assertEquals(whole, pages, "--chunk-size=" + size);
            }
            RealKubectl.Run shop = plan.real("get", "svc", "-A", "--field-selector", "metadata.namespace=shop",
                    "--no-headers", "-o", "custom-columns=NS:.metadata.namespace,NAME:.metadata.name");
            assertEquals("shop   cart\nshop   catalog-db\nshop   frontend\nshop   payments\n", shop.stdout());
            RealKubectl.Run notShop = plan.real("get", "ns", "--field-selector", "metadata.name!=shop", "-o", "name");
            assertEquals("namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\n"
                    + "namespace/kube-system\nnamespace/monitoring\n", notShop.stdout());
            // Events offer their own fields (kubectl describe asks for an object's events by them).
            RealKubectl.Run events = plan.real("get", "events", "-A", "--field-selector",
                    "involvedObject.kind=Service,involvedObject.name=kubernetes,type=Warning");
            assertEquals(new RealKubectl.Run("", "No resources found\n", 0), events);
            RealKubectl.Run notAService = plan.real("get", "svc", "--field-selector", "involvedObject.kind=Service");
            assertEquals(1, notAService.exitCode(), notAService.stderr());
            RealKubectl.Run unknown = plan.real("get", "svc", "--field-selector", "spec.type=ClusterIP");
            assertEquals("Error from server (BadRequest): Unable to find \"/v1, Resource=services\" that match label "
                    + "selector \"\", field selector \"spec.type=ClusterIP\": field label not supported: spec.type\n",
                    unknown.stderr());
        }
    }

    @Test
    void aChangeByAClientIsOneUndoStepAndMarksThePlanUnsaved() throws Exception {
        try (ServedPlan plan = new ServedPlan(KubeVersion.V1_34, dir)) {
            assertFalse(plan.session.dirty());
            long before = plan.session.revision();
            assertEquals(0, plan.real("create", "service", "clusterip", "x", "--tcp=80").exitCode());
            assertTrue(plan.session.dirty());
            assertEquals("Create Service default/x (kubectl)", plan.session.undoLabel().orElseThrow());
            assertTrue(plan.session.current().get(Kind.SERVICE, "default", "x").isPresent());
            plan.session.undo();
            assertEquals(before, plan.session.revision());
            assertTrue(plan.session.current().get(Kind.SERVICE, "default", "x").isEmpty());
            assertEquals("Error from server (NotFound): services \"x\" not found\n",
                    plan.real("get", "svc", "x").stderr());
            // A read, a refused write and a server-side dry run leave no undo step.
            plan.real("get", "svc", "-A");
            plan.real("create", "service", "clusterip", "k", "--clusterip=10.96.0.1", "--tcp=80");
            plan.real("create", "service", "clusterip", "d", "--tcp=80", "--dry-run=server");
            assertEquals(before, plan.session.revision());
            assertTrue(plan.session.undoLabel().isEmpty() || !plan.session.undoLabel().get().contains("kubectl"));
        }
    }

    @Test
    void aReadOnlyServerRefusesWritesWithKubeApiserversForbidden() throws Exception {
        try (ServedPlan plan = new ServedPlan(KubeVersion.V1_34, dir,
                PlanServer.Options.loopback(0).readOnly(true))) {
            long before = plan.session.revision();
            RealKubectl.Run run = plan.real("create", "service", "clusterip", "x", "--tcp=80");
            assertEquals("error: failed to create ClusterIP service: services is forbidden: User "
                    + "\"system:anonymous\" cannot create resource \"services\" in API group \"\" in the namespace "
                    + "\"default\"\n", run.stderr());
            assertEquals(1, run.exitCode());
            RealKubectl.Run delete = plan.real("delete", "servicecidr", "extra-v4");
            assertEquals("Error from server (Forbidden): servicecidrs.networking.k8s.io \"extra-v4\" is forbidden: "
                    + "User \"system:anonymous\" cannot delete resource \"servicecidrs\" in API group "
                    + "\"networking.k8s.io\" at the cluster scope\n", delete.stderr());
            assertEquals(0, plan.real("get", "svc", "-A").exitCode());
            assertEquals(before, plan.session.revision());
        }
    }

    @Test
    void anotherAddressWithoutATokenIsNotServed() {
        try {
            new ServedPlan(KubeVersion.V1_34, dir, new PlanServer.Options("0.0.0.0", 0, false, null)).close();
            throw new AssertionError("served 0.0.0.0 without a token");
        } catch (IllegalArgumentException | java.io.IOException e) {
            assertEquals("serving on 0.0.0.0 needs a bearer token", e.getMessage());
        }
    }

    @Test
    void noChangeWhenNothingChangedMeansNoDirtyPlan() throws Exception {
        try (ServedPlan plan = new ServedPlan(KubeVersion.V1_34, dir)) {
            plan.real("get", "svc", "-A");
            plan.real("api-resources");
            assertFalse(plan.session.dirty());
            assertNull(plan.session.undoLabel().orElse(null));
        }
    }
}
