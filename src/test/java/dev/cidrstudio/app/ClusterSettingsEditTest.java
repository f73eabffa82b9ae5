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
        ClusterSettingsEdit.Values now = ClusterSettingsEdit.current(s.api());
        assertEquals(Map.of("cp-1", "10.96.0.0/24", "cp-2", "10.96.0.0/24"), now.apiServerRanges());
        Map<String, String> ranges = new LinkedHashMap<>(now.apiServerRanges());
        ranges.put("cp-2", "10.100.0.0/24");
        List<String> changes = ClusterSettingsEdit.apply(s, new ClusterSettingsEdit.Values(ranges, now.clusterCidr(),
                now.clusterDns(), now.version()));
        assertEquals(List.of("kube-apiserver cp-2 restarted with --service-cluster-ip-range=10.100.0.0/24"), changes);
        assertEquals("Cluster settings", s.undoLabel().orElseThrow());
        assertTrue(s.api().<Event>list(Kind.EVENT, null).stream()
                .anyMatch(e -> e.reason().equals("KubernetesDefaultServiceCIDRInconsistent")));
        s.undo();
        assertEquals(now, ClusterSettingsEdit.current(s.api()));
    }

    @Test
    void badValuesAreRefusedByFieldAndThePlanIsUntouched() throws Exception {
        PlanSession s = twoApiservers();
        ClusterSettingsEdit.Values now = ClusterSettingsEdit.current(s.api());
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
}
