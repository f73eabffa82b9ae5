package dev.cidrstudio.model.cluster;

import static dev.cidrstudio.model.cluster.SimulationFixture.cluster;
import static dev.cidrstudio.model.cluster.SimulationFixture.fingerprint;
import static dev.cidrstudio.model.cluster.SimulationFixture.workload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A snapshot is the whole simulation: restoring it and replaying the same requests gives the same cluster. */
class ApiServerSnapshotTest {

    @Test
    void restoringASnapshotReplaysIdentically() throws Exception {
        ApiServer api = cluster();
        assertTrue(api.state().firstRecheck() != null, "the fixture leaves a re-check queued in the snapshot");
        List<Object> atSnapshot = fingerprint(api);
        ClusterState snapshot = api.snapshot();

        workload(api);
        List<Object> firstRun = fingerprint(api);
        assertNotEquals(atSnapshot, firstRun);
        assertTrue(api.find(Kind.IP_ADDRESS, null, "10.0.9.9").isEmpty(), "the queued re-check fired");
        assertFalse(api.auditLog().isEmpty());

        api.restore(snapshot);
        assertEquals(atSnapshot, fingerprint(api), "restore gives back the whole simulation");
        workload(api);
        assertEquals(firstRun, fingerprint(api), "the same requests give the same objects, events and audit");
    }

    @Test
    void aCopyOfTheControlPlaneRunsTheSameAsTheOriginal() throws Exception {
        ApiServer api = cluster();
        ApiServer copy = ApiServer.fromState(api.snapshot());
        copy.setAdmission(SimulationFixture.AUDITING);
        workload(api);
        workload(copy);
        assertEquals(fingerprint(api), fingerprint(copy));
    }

    @Test
    void resumingFromASimulationSnapshotKeepsTheRepairLoopsTimer() throws Exception {
        ApiServer api = cluster();
        api.advanceClock(java.time.Duration.ofSeconds(30));
        ApiServer resumed = ApiServer.resume(api.toSnapshot());
        assertEquals(api.state().nextRepair, resumed.state().nextRepair);
        assertEquals(api.state().all(), resumed.state().all());
    }
}
