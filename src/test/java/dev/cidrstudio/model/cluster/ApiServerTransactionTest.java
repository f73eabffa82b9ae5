package dev.cidrstudio.model.cluster;

import static dev.cidrstudio.model.cluster.SimulationFixture.cluster;
import static dev.cidrstudio.model.cluster.SimulationFixture.fingerprint;
import static dev.cidrstudio.model.cluster.SimulationFixture.service;
import static dev.cidrstudio.model.cluster.SimulationFixture.workload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** Transactions on the control plane: all of the work or none of it, for the whole simulation. */
class ApiServerTransactionTest {

    private static final class Boom extends Exception {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aFailedTransactionRollsTheWholeSimulationBack() throws Exception {
        ApiServer api = cluster();
        List<Object> before = fingerprint(api);
        long revision = api.revision();
        Boom thrown = new Boom();
        Boom caught = assertThrows(Boom.class, () -> api.transaction(() -> {
            workload(api);
            throw thrown;
        }));
        assertSame(thrown, caught);
        assertEquals(before, fingerprint(api));
        assertEquals(revision, api.revision());
        assertFalse(api.inTransaction());
    }

    @Test
    void aCancellationRollsBackToo() throws Exception {
        ApiServer api = cluster();
        List<Object> before = fingerprint(api);
        assertThrows(CancellationException.class, () -> api.transaction(() -> {
            api.create(service("one", "ClusterIP"));
            api.restore(ApiServer.bootstrap(ClusterSettings.defaults()).snapshot());
            throw new CancellationException();
        }));
        assertEquals(before, fingerprint(api), "a restore inside the transaction is undone with it");
    }

    @Test
    void aCommittedTransactionKeepsItsWork() throws Exception {
        ApiServer api = cluster();
        ApiServer twin = ApiServer.fromState(api.snapshot());
        twin.setAdmission(SimulationFixture.AUDITING);
        api.transaction(() -> {
            workload(api);
            return null;
        });
        workload(twin);
        assertEquals(fingerprint(twin), fingerprint(api));
    }

    @Test
    void aFailedInnerTransactionRollsBackOnlyItsOwnPart() throws Exception {
        ApiServer api = cluster();
        ApiServer twin = ApiServer.fromState(api.snapshot());
        twin.setAdmission(SimulationFixture.AUDITING);

        api.transaction(() -> {
            api.create(service("a", "NodePort"));
            assertThrows(Boom.class, () -> api.transaction(() -> {
                api.create(service("b", "NodePort"));
                api.advanceClock(java.time.Duration.ofMinutes(5));
                throw new Boom();
            }));
            api.create(service("c", "NodePort"));
            return null;
        });
        twin.create(service("a", "NodePort"));
        twin.create(service("c", "NodePort"));

        assertTrue(api.find(Kind.SERVICE, "app", "b").isEmpty());
        assertEquals(fingerprint(twin), fingerprint(api), "as if the inner part had never run: same IPs, ports");
    }

    @Test
    void anOuterFailureRollsBackACommittedInnerTransaction() throws Exception {
        ApiServer api = cluster();
        List<Object> before = fingerprint(api);
        assertThrows(Boom.class, () -> api.transaction(() -> {
            api.transaction(() -> api.create(service("inner", "ClusterIP")));
            throw new Boom();
        }));
        assertEquals(before, fingerprint(api));
    }

    @Test
    void handlesEndInnermostFirst() throws Exception {
        ApiServer api = cluster();
        List<Object> before = fingerprint(api);
        Transaction outer = api.begin();
        api.create(service("one", "ClusterIP"));
        Transaction inner = api.begin();
        api.create(service("two", "ClusterIP"));
        assertThrows(IllegalStateException.class, outer::rollback);
        inner.commit();
        assertThrows(IllegalStateException.class, inner::rollback);
        assertTrue(api.find(Kind.SERVICE, "app", "two").isPresent());
        outer.rollback();
        assertEquals(before, fingerprint(api));
        assertFalse(api.inTransaction());
    }

    @Test
    void aRefusedWriteLeavesNoTraceEvenInsideATransaction() throws Exception {
        ApiServer api = cluster();
        api.transaction(() -> {
            List<Object> before = fingerprint(api);
            ApiException e = assertThrows(ApiException.class, () -> api.create(service("denied", "NodePort")));
            assertEquals(403, e.status().code());
            assertEquals(before, fingerprint(api));
            return null;
        });
    }

    @Test
    void revisionMovesOnEveryContentWriteAndNeverOnClockOrReads() throws Exception {
        ApiServer api = cluster();
        api.advanceClock(java.time.Duration.ofMinutes(10));
        long r = api.revision();
        api.find(Kind.SERVICE, "app", "web");
        api.list(Kind.SERVICE, null);
        api.snapshot();
        api.toSnapshot();
        api.advanceClock(java.time.Duration.ofSeconds(1));
        api.advanceClock(java.time.Duration.ofMinutes(10));
        assertEquals(r, api.revision(), "reads and a quiet clock leave the revision alone");
        assertEquals(r, api.state().contentVersion());

        long last = r;
        Service created = (Service) api.create(service("one", "ClusterIP"));
        last = movedFrom(last, api);
        api.update(created.withSpec(created.spec().withSelector(java.util.Map.of("app", "two"))));
        last = movedFrom(last, api);
        api.keep(new dev.cidrstudio.model.api.KeptObject("v1", "Pod", "app", "p", java.util.Map.of()));
        last = movedFrom(last, api);
        api.removeKept(new dev.cidrstudio.model.api.KeptObject("v1", "Pod", "app", "p", java.util.Map.of()).key());
        last = movedFrom(last, api);
        api.setKubeletClusterDns("10.0.0.53");
        last = movedFrom(last, api);
        api.addApiServer("cp-2", "10.0.0.0/16,2001:db8::/64");
        last = movedFrom(last, api);
        api.delete(Kind.SERVICE, "app", "one");
        last = movedFrom(last, api);

        assertThrows(ApiException.class, () -> api.create(service("denied", "ClusterIP")));
        assertEquals(last, api.revision(), "a refused write changes nothing");
    }

    @Test
    void aRevisionNamesOneContent() throws Exception {
        ApiServer api = cluster();
        ClusterState before = api.snapshot();
        api.create(service("one", "ClusterIP"));
        long withOne = api.revision();
        api.restore(before);
        assertEquals(before.revision(), api.revision(), "a snapshot keeps its revision");
        api.create(service("two", "ClusterIP"));
        assertNotEquals(withOne, api.revision(), "a different write after an undo gets a new number");
    }

    private static long movedFrom(long last, ApiServer api) {
        assertTrue(api.revision() > last, "the write moved the revision");
        return api.revision();
    }
}
