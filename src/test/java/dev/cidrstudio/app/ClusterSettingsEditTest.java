package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's cluster settings: one undoable edit that restarts what changed, refusals named by field. */
class ClusterSettingsEditTest {

    @TempDir
    Path dir;

    private PlanSession twoApiservers() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults().withServiceClusterIPRange("10.96.0.0/24")
                .withApiServers(List.of(new ClusterSettings.ApiServerSetting("cp-1", null),
                        new ClusterSettings.ApiServerSetting("cp-2", null))));
        return new PlanSession(dir, api, "two.cidrplan.yaml");
    }

    @Test
    void restartingOneApiserverWithOtherFlagsIsOneEditWithTheInconsistencyEvent() throws Exception {
        PlanSession s = twoApiservers();
        ClusterSettingsEdit.Values now = ClusterSettingsEdit.current(s.view());
        assertEquals(Map.of("cp-1", "10.96.0.0/24", "cp-2", "10.96.0.0/24"), now.apiServerRanges());
        Map<String, String> ranges = new LinkedHashMap<>(now.apiServerRanges());
        ranges.put("cp-2", "10.100.0.0/24");
        List<String> changes = ClusterSettingsEdit.apply(s, new ClusterSettingsEdit.Values(ranges, now.clusterCidr(),
                now.clusterDns(), now.version()));
        assertEquals(List.of("kube-apiserver cp-2 restarted with --service-cluster-ip-range=10.100.0.0/24"), changes);
        assertEquals("Cluster settings", s.undoLabel().orElseThrow());
        assertTrue(s.view().<Event>list(Kind.EVENT, null).stream()
                .anyMatch(e -> e.reason().equals("KubernetesDefaultServiceCIDRInconsistent")));
        s.undo();
        assertEquals(now, ClusterSettingsEdit.current(s.view()));
    }

    @Test
    void badValuesAreRefusedByFieldAndThePlanIsUntouched() throws Exception {
        PlanSession s = twoApiservers();
        ClusterSettingsEdit.Values now = ClusterSettingsEdit.current(s.view());
        Map<String, String> ranges = new LinkedHashMap<>(now.apiServerRanges());
        ranges.put("cp-2", "10.0.0.0/30");
        ClusterSettingsEdit.Refused e = assertThrows(ClusterSettingsEdit.Refused.class, () -> ClusterSettingsEdit.apply(
                s, new ClusterSettingsEdit.Values(ranges, "10.244.0.0/33", now.clusterDns(), KubeVersion.V1_34)));
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().contains("kube-apiserver cp-2 --service-cluster-ip-range: kube-apiserver would not "
                + "start: the service cluster IP range must be at least 8 IP addresses"), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("kube-controller-manager --cluster-cidr: ")),
                e.problems().toString());
        assertTrue(s.undoLabel().isEmpty());
    }

    @Test
    void addingAndStoppingApiserversIsOneEditAndTheLastOneCannotGo() throws Exception {
        PlanSession s = twoApiservers();
        ClusterSettingsEdit.Values now = ClusterSettingsEdit.current(s.view());
        Map<String, String> ranges = new LinkedHashMap<>();
        ranges.put("cp-1", "10.96.0.0/24");
        ranges.put("cp-3", "10.100.0.0/24");
        List<String> changes = ClusterSettingsEdit.apply(s, new ClusterSettingsEdit.Values(ranges, now.clusterCidr(),
                now.clusterDns(), now.version()));
        assertEquals(List.of("kube-apiserver cp-3 started with --service-cluster-ip-range=10.100.0.0/24",
                "kube-apiserver cp-2 stopped"), changes);
        assertEquals(ranges, ClusterSettingsEdit.current(s.view()).apiServerRanges());
        assertEquals("Cluster settings", s.undoLabel().orElseThrow());
        s.undo();
        assertEquals(now.apiServerRanges(), ClusterSettingsEdit.current(s.view()).apiServerRanges());

        ClusterSettingsEdit.Refused none = assertThrows(ClusterSettingsEdit.Refused.class, () -> ClusterSettingsEdit
                .apply(s, new ClusterSettingsEdit.Values(Map.of(), now.clusterCidr(), now.clusterDns(),
                        now.version())));
        assertEquals(List.of("at least one kube-apiserver is required"), none.problems());
        ClusterSettingsEdit.Refused badName = assertThrows(ClusterSettingsEdit.Refused.class, () -> ClusterSettingsEdit
                .apply(s, new ClusterSettingsEdit.Values(Map.of("CP_1", "10.96.0.0/24"), now.clusterCidr(),
                        now.clusterDns(), now.version())));
        assertEquals(List.of("kube-apiserver name \"CP_1\": a lowercase RFC 1123 name is required"),
                badName.problems());
    }

    @Test
    void aNewPlanStartsFromTheAskedSettingsOrIsRefusedByField() throws Exception {
        ClusterSettingsEdit.Values d = ClusterSettingsEdit.forNewPlan();
        assertEquals(Map.of("kube-apiserver", "10.96.0.0/12"), d.apiServerRanges());
        assertEquals("auto", d.clusterDns());
        Map<String, String> two = new LinkedHashMap<>();
        two.put("kube-apiserver-1", "10.64.0.0/20");
        two.put("kube-apiserver-2", "10.64.0.0/20");
        ApiServer api = ClusterSettingsEdit.newCluster(new ClusterSettingsEdit.Values(two, "10.128.0.0/14", "auto",
                KubeVersion.V1_33));
        assertEquals(KubeVersion.V1_33, api.settings().kubernetesVersion());
        assertEquals(two, ClusterSettingsEdit.current(api).apiServerRanges());
        assertEquals("10.64.0.10", api.kubeletClusterDns().orElseThrow());
        assertEquals(List.of("10.64.0.0/20"), api.find(Kind.SERVICE_CIDR, null, "kubernetes").map(o ->
                ((dev.cidrstudio.model.api.ServiceCidr) o).cidrs().stream().map(Object::toString).toList())
                .orElseThrow());
        ClusterSettingsEdit.Refused r = assertThrows(ClusterSettingsEdit.Refused.class, () -> ClusterSettingsEdit
                .newCluster(new ClusterSettingsEdit.Values(Map.of("kube-apiserver", "10.64.0.0/33"), "10.128.0.0/14",
                        "auto", KubeVersion.V1_34)));
        assertTrue(r.problems().get(0).startsWith("kube-apiserver kube-apiserver --service-cluster-ip-range: "),
                r.problems().toString());
    }
}
