package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ClusterState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan's one door: commands as transactions, undo steps exactly when the plan changed, typed changes. */
class PlanDoorTest {

    @TempDir
    Path dir;

    private static Service service(String name) {
        return new Service(ObjectMeta.named("default", name),
                ServiceSpec.empty().withType("ClusterIP").withPorts(List.of(ServicePort.tcp(80))), List.of());
    }

    @Test
    void aCommandThatOnlyReadsLeavesNoTraceNotEvenTheClock() throws Exception {
        PlanSession s = PlanSession.demo(dir);
        ClusterState before = s.current();
        PlanSession.Outcome o = s.submit(PlanCommand.of("kubectl get services", api -> {
            api.advanceClock(Duration.ofSeconds(30));
            api.list(Kind.SERVICE, null);
        }));
        assertFalse(o.changed());
        assertEquals(before.now(), s.current().now(), "the clock a read moved is put back");
        assertEquals(before.contentVersion(), s.revision());
        assertTrue(s.undoLabel().isEmpty(), "no undo step");
        assertFalse(s.dirty());
    }

    @Test
    void aCommandThatChangesThePlanIsOneUndoStepAndSaysWhatItTouched() throws Exception {
        PlanSession s = PlanSession.demo(dir);
        List<PlanChange> heard = new ArrayList<>();
        s.onChange(heard::add);
        long was = s.revision();
        s.submit(PlanCommand.of("three Services", api -> {
            for (int i = 1; i <= 3; i++) {
                api.create(service("s" + i));
            }
        }));
        assertNotEquals(was, s.revision());
        assertTrue(s.dirty());
        assertEquals("three Services", s.undoLabel().orElseThrow());
        assertEquals(1, heard.size());
        PlanChange c = heard.get(0);
        assertEquals(PlanChange.Cause.EDIT, c.cause());
        assertTrue(c.kinds().containsAll(Set.of(Kind.SERVICE, Kind.IP_ADDRESS)), c.kinds().toString());
        assertFalse(c.kinds().contains(Kind.SERVICE_CIDR), "the ServiceCIDRs did not change");
        assertEquals(was, c.oldRevision());
        assertEquals(s.revision(), c.newRevision());

        s.undo();
        assertEquals(was, s.revision());
        assertTrue(s.view().find(Kind.SERVICE, "default", "s1").isEmpty());
        assertEquals(PlanChange.Cause.UNDO, heard.get(1).cause());
        assertFalse(s.dirty(), "undone back to where it was opened");
        s.redo();
        assertEquals(3, List.of("s1", "s2", "s3").stream()
                .filter(n -> s.view().find(Kind.SERVICE, "default", n).isPresent()).count());
    }

    @Test
    void aRefusedCommandLeavesThePlanAsItWas() {
        PlanSession s = PlanSession.demo(dir);
        ClusterState before = s.current();
        assertThrows(ApiException.class, () -> s.submit(PlanCommand.of("two", api -> {
            api.create(service("first"));
            api.create(service("first"));
        })));
        assertEquals(before.contentVersion(), s.revision());
        assertTrue(s.view().find(Kind.SERVICE, "default", "first").isEmpty());
        assertTrue(s.undoLabel().isEmpty());
    }

    @Test
    void theSnapshotReadersHoldNeverChangesUnderThem() throws Exception {
        PlanSession s = PlanSession.demo(dir);
        ClusterState held = s.current();
        int services = held.count(Kind.SERVICE);
        s.edit("more", api -> api.create(service("later")));
        assertEquals(services, held.count(Kind.SERVICE), "a published snapshot is never written to");
        assertEquals(services + 1, s.current().count(Kind.SERVICE));
        // Writing to the read-only view never reaches the plan.
        s.view().create(service("sneaky"));
        assertTrue(s.current().get(Kind.SERVICE, "default", "sneaky").isEmpty());
    }

    @Test
    void aCommandThatCannotRunNowIsRefusedBeforeItStarts() {
        PlanSession s = PlanSession.demo(dir);
        PlanCommand needsTeam = new PlanCommand() {
            @Override
            public String description() {
                return "Create Service team/web";
            }

            @Override
            public java.util.Optional<String> whyNotExecutable(ClusterState plan) {
                return plan.get(Kind.NAMESPACE, null, "team").isPresent() ? java.util.Optional.empty()
                        : java.util.Optional.of("namespace team does not exist");
            }

            @Override
            public void execute(dev.cidrstudio.model.cluster.ApiServer api) throws ApiException {
                api.create(new Service(ObjectMeta.named("team", "web"), ServiceSpec.empty().withType("ClusterIP")
                        .withPorts(List.of(ServicePort.tcp(80))), List.of()));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.submit(needsTeam));
        assertTrue(e.getMessage().contains("namespace team does not exist"));
        assertTrue(s.undoLabel().isEmpty());
    }

    /**
     * Several threads create and delete Services through the door at once: every command is whole, no two Services
     * share a ClusterIP, every IPAddress belongs to a Service that holds it and every Service's IP has its IPAddress,
     * and undoing every step gives back exactly the plan it started from.
     */
    @Test
    void concurrentWritersKeepTheAllocatorsInvariantsAndUndoRestoresExactly() throws Exception {
        PlanSession s = PlanSession.demo(dir);
        ClusterState start = s.current();
        int threads = 4;
        int perThread = 60;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<PlanChange> heard = new CopyOnWriteArrayList<>();
        s.onChange(heard::add);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            done.add(pool.submit(() -> {
                try {
                    go.await();
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        if (!mine.isEmpty() && ThreadLocalRandom.current().nextInt(3) == 0) {
                            String victim = mine.remove(ThreadLocalRandom.current().nextInt(mine.size()));
                            s.edit("Delete " + victim, api -> api.delete(Kind.SERVICE, "default", victim));
                        } else {
                            String name = "t" + id + "-" + i;
                            s.edit("Create " + name, api -> api.create(service(name)));
                            mine.add(name);
                        }
                        checkInvariants(s.current());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertTrue(failures.isEmpty(), failures.toString());
        checkInvariants(s.current());
        assertEquals(threads * perThread, heard.size(), "one change heard per command");
        for (int i = 1; i < heard.size(); i++) {
            assertEquals(heard.get(i - 1).newRevision(), heard.get(i).oldRevision(), "changes are heard in order");
        }
        int steps = 0;
        while (s.undoLabel().isPresent()) {
            s.undo();
            steps++;
        }
        assertEquals(threads * perThread, steps, "one undo step per command");
        assertEquals(start.contentVersion(), s.revision());
        assertEquals(objects(start), objects(s.current()), "undo restores exactly");
        assertEquals(start.now(), s.current().now());
    }

    private static List<KubeObject> objects(ClusterState st) {
        return List.copyOf(st.all());
    }

    private static void checkInvariants(ClusterState st) {
        Set<String> ips = new HashSet<>();
        for (Service svc : st.<Service>list(Kind.SERVICE)) {
            for (String ip : svc.spec().clusterIPsOrEmpty()) {
                if (ip.equals("None")) {
                    continue;
                }
                assertTrue(ips.add(ip), "ClusterIP " + ip + " is held twice");
                IpAddressObject o = st.<IpAddressObject>get(Kind.IP_ADDRESS, null, ip).orElseThrow(
                        () -> new AssertionError("no IPAddress for " + ip));
                assertEquals(svc.name(), o.parentRef().name());
            }
        }
        for (IpAddressObject o : st.<IpAddressObject>list(Kind.IP_ADDRESS)) {
            assertTrue(st.get(Kind.SERVICE, o.parentRef().namespace(), o.parentRef().name()).isPresent(),
                    "IPAddress " + o.name() + " has no Service");
        }
    }

    @Test
    void theRecoveryCopyIsThisWindowsOwnAndBelongsToThePlanFile() throws Exception {
        Path config = dir.resolve("config");
        Path planFile = dir.resolve("mine.cidrplan.yaml");
        PlanSession first = PlanSession.demo(config);
        first.saveAs(planFile);
        first.edit("team", api -> api.create(new Namespace(ObjectMeta.named("team"), "Active")));
        assertTrue(first.autosave());
        PlanSession second = PlanSession.demo(config);
        second.edit("other", api -> api.create(new Namespace(ObjectMeta.named("other"), "Active")));
        assertTrue(second.autosave());
        assertNotEquals(first.recoveryFile().orElseThrow(), second.recoveryFile().orElseThrow(),
                "each window has its own copy");
        second.saveAs(dir.resolve("second.cidrplan.yaml"));
        assertTrue(Files.exists(first.recoveryFile().orElseThrow()), "a save removes only its own window's copy");
        assertTrue(second.orphanedRecoveries().isEmpty(), "a running window's copy is never offered");

        // The first window "crashes": what it leaves is its copy, written by a process that is gone, and no lock.
        Path copy = first.recoveryFile().orElseThrow();
        Path info = copy.resolveSibling(copy.getFileName().toString().replace(PlanSession.EXTENSION, ".properties"));
        Path leftCopy = copy.resolveSibling("999999999-0" + PlanSession.EXTENSION);
        Files.copy(copy, leftCopy);
        Files.writeString(leftCopy.resolveSibling("999999999-0.properties"),
                Files.readString(info).replaceAll("pid=\\d+", "pid=999999999"));
        first.close();
        assertFalse(Files.exists(copy), "a window that closes removes its own copy");
        PlanSession third = PlanSession.demo(config);
        List<RecoveryStore.Copy> orphans = third.orphanedRecoveries();
        assertEquals(1, orphans.size(), orphans.toString());
        third.recover(orphans.get(0));
        assertEquals(planFile.toAbsolutePath().normalize(), third.file().orElseThrow());
        assertTrue(third.dirty());
        assertTrue(third.view().find(Kind.NAMESPACE, null, "team").isPresent());
        third.saveAs(third.file().orElseThrow());
        assertTrue(third.orphanedRecoveries().isEmpty());
        assertTrue(PlanLoader.load("p", Files.readString(planFile)).api().find(Kind.NAMESPACE, null, "team")
                .isPresent(), "saved to the plan's own path");
    }

    @Test
    void aPlanOpenInOneWindowIsRefusedInAnother() throws Exception {
        Path planFile = dir.resolve("shared.cidrplan.yaml");
        PlanSession first = PlanSession.demo(dir.resolve("a"));
        first.saveAs(planFile);
        PlanSession second = PlanSession.demo(dir.resolve("b"));
        var e = assertThrows(java.io.IOException.class, () -> second.open(planFile));
        assertTrue(e.getMessage().contains("already open in another CIDR Studio window"), e.getMessage());
        assertEquals(DemoPlan.NAME, second.name(), "the second window keeps its plan");
        first.close();
        second.open(planFile);
        assertEquals(planFile, second.file().orElseThrow());
    }
}
