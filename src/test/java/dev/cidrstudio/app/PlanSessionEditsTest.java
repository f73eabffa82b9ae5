package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ServiceCidr;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits through the session: all or nothing, undo without a limit, imports that can be cancelled. */
class PlanSessionEditsTest {

    @TempDir
    Path dir;

    @Test
    void everyEditUndoesAndRedoesWithoutALimit() throws Exception {
        PlanSession s = PlanSession.demo(dir);
        int before = s.view().list(Kind.SERVICE_CIDR, null).size();
        for (int i = 0; i < 120; i++) {
            String name = "c" + i;
            String cidr = "10.100." + i + ".0/24";
            s.edit("Create " + name, api -> api.create(new ServiceCidr(ObjectMeta.named(name), List.of(cidr),
                    List.of())));
        }
        assertEquals(before + 120, s.view().list(Kind.SERVICE_CIDR, null).size());
        for (int i = 0; i < 120; i++) {
            s.undo();
        }
        assertEquals(before, s.view().list(Kind.SERVICE_CIDR, null).size());
        assertTrue(s.undoLabel().isEmpty());
        s.redo();
        assertEquals("Create c0", s.undoLabel().orElseThrow());
        assertTrue(s.dirty());
    }

    @Test
    void undoingBackToTheSavedPlanMakesItSavedAgain() throws Exception {
        PlanSession s = PlanSession.demo(dir);
        Path file = dir.resolve("p.cidrplan.yaml");
        s.edit("Create a", api -> api.create(new ServiceCidr(ObjectMeta.named("a"), List.of("10.100.0.0/24"),
                List.of())));
        s.saveAs(file);
        assertFalse(s.dirty());
        s.edit("Create b", api -> api.create(new ServiceCidr(ObjectMeta.named("b"), List.of("10.100.1.0/24"),
                List.of())));
        assertTrue(s.dirty());
        assertTrue(s.autosave(), "a recovery copy of the unsaved change");
        s.undo();
        assertFalse(s.dirty(), "back where it was saved");
        assertFalse(s.title().endsWith("*"), s.title());
        assertTrue(s.recoveryFile().isEmpty(), "nothing left to recover");
        s.undo();
        assertTrue(s.dirty(), "before the save is not what the file holds");
        s.redo();
        assertFalse(s.dirty());
        s.redo();
        assertTrue(s.dirty());
        // A new edit after an undo past the save point: the saved state cannot come back by redo.
        s.undo();
        s.undo();
        s.edit("Create c", api -> api.create(new ServiceCidr(ObjectMeta.named("c"), List.of("10.100.2.0/24"),
                List.of())));
        s.undo();
        assertTrue(s.dirty(), "the plan before the save, not the saved one");
    }

    @Test
    void aRefusedEditLeavesThePlanAsItWas() {
        PlanSession s = PlanSession.demo(dir);
        int before = s.view().state().all().size();
        var e = assertThrows(dev.cidrstudio.model.cluster.ApiException.class, () -> s.edit("Two", api -> {
            api.create(new ServiceCidr(ObjectMeta.named("ok"), List.of("10.100.0.0/24"), List.of()));
            api.create(new ServiceCidr(ObjectMeta.named("bad"), List.of("10.100.1.0/33"), List.of()));
        }));
        assertTrue(e.status().message().contains("spec.cidrs[0]"), e.status().message());
        assertEquals(before, s.view().state().all().size());
        assertTrue(s.undoLabel().isEmpty());
    }

    @Test
    void aCancelledImportChangesNothing() {
        PlanSession s = PlanSession.demo(dir);
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            yaml.append("apiVersion: v1\nkind: Service\nmetadata: {name: s").append(i)
                    .append(", namespace: default}\nspec: {ports: [{port: 80}]}\n---\n");
        }
        int before = s.view().list(Kind.SERVICE, null).size();
        var e = assertThrows(ManifestImport.ImportException.class, () -> s.importFiles(List.of(
                new ManifestImport.Source("many.yaml", yaml.toString())), () -> true));
        assertEquals(List.of(ManifestImport.CANCELLED), e.findings());
        assertEquals(before, s.view().list(Kind.SERVICE, null).size());
    }

    @Test
    void aCancelledBulkCreateChangesNothing() {
        PlanSession s = PlanSession.demo(dir);
        int before = s.view().list(Kind.SERVICE, null).size();
        var r = new CapacityPlanner.Request(500, "bulk", "SingleStack", dev.cidrstudio.model.net.IpFamily.IPv4, "b");
        int[] asked = {0};
        assertThrows(java.util.concurrent.CancellationException.class, () -> s.edit("Add", api ->
                CapacityPlanner.apply(api, r, () -> ++asked[0] > 2)));
        assertEquals(before, s.view().list(Kind.SERVICE, null).size());
        assertTrue(s.view().find(Kind.NAMESPACE, null, "bulk").isEmpty());
        assertTrue(s.undoLabel().isEmpty());
    }
}
