package dev.cidrstudio.ui.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.app.PolicyWorkbench;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.ui.capacity.CapacityViewModel;
import dev.cidrstudio.ui.console.ConsoleViewModel;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import dev.cidrstudio.ui.map.MapViewModel;
import dev.cidrstudio.ui.navigator.NavigatorViewModel;
import dev.cidrstudio.ui.policies.PoliciesViewModel;
import dev.cidrstudio.ui.servicecidrs.ServiceCidrsViewModel;
import dev.cidrstudio.ui.services.ServicesViewModel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The view-models on their own, with no view: each test body runs on the FX application thread (headless), as
 * the views call them, with long work run in line.
 */
class ViewModelsTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // another test class started it
        }
    }

    interface Body {
        void run() throws Exception;
    }

    private static void onFx(Body body) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                body.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            done.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw (Exception) e.getCause();
        }
    }

    @Test
    void theServiceCidrEditorValidatesAtTheFieldAndOnlyOffersWhatTheServerWouldTake() throws Exception {
        onFx(() -> {
            ServiceCidrsViewModel vm = new ServiceCidrsViewModel();
            vm.load(PlanSession.demo(dir));
            vm.nameProperty().set("Bad_Name");
            vm.cidrsProperty().set("10.96.1.0/24");
            assertTrue(vm.nameErrorProperty().get().startsWith("metadata.name: Invalid value: \"Bad_Name\""),
                    vm.nameErrorProperty().get());
            assertFalse(vm.canApplyProperty().get());
            vm.nameProperty().set("good");
            assertEquals("", vm.nameErrorProperty().get());
            assertTrue(vm.canApplyProperty().get());
            assertEquals("Create", vm.applyTextProperty().get());
            vm.cidrsProperty().set("10.96.1.0/24, 10.96.2.0/24");
            assertTrue(vm.cidrsErrorProperty().get().contains("spec.cidrs"), vm.cidrsErrorProperty().get());
            vm.edit("kubernetes");
            assertEquals("Update", vm.applyTextProperty().get());
            assertFalse(vm.canApplyProperty().get(), "unchanged");
            vm.cidrsProperty().set("10.96.0.0/23, fd00:10:96::/112");
            assertTrue(vm.cidrsErrorProperty().get().contains("field is immutable"), vm.cidrsErrorProperty().get());
        });
    }

    @Test
    void thePoliciesTryItBoxGivesTheApiServersVerdict() throws Exception {
        onFx(() -> {
            PoliciesViewModel vm = new PoliciesViewModel();
            vm.load(PlanSession.demo(dir));
            vm.tryCidrsProperty().set("192.168.0.0/24");
            assertEquals(PolicyWorkbench.Outcome.DENIED, vm.outcomeProperty().get());
            vm.tryCidrsProperty().set("10.100.0.0/24");
            assertEquals(PolicyWorkbench.Outcome.ALLOWED, vm.outcomeProperty().get());
            vm.expressionProperty().set("object.spec.cidrs.all(c, ");
            assertTrue(vm.compileMessageProperty().get().startsWith("compilation failed: ERROR: <input>:1:"),
                    vm.compileMessageProperty().get());
            assertTrue(vm.errorColumnProperty().get() > 0);
        });
    }

    @Test
    void capacityAnswersHowManyMoreFitAndWhatToAdd() throws Exception {
        onFx(() -> {
            CapacityViewModel vm = new CapacityViewModel(Runnable::run);
            PlanSession s = PlanSession.demo(dir);
            vm.load(s);
            vm.countProperty().set(100);
            assertTrue(vm.fitProperty().get().startsWith("4,342 more SingleStack IPv4 Services fit"));
            assertTrue(vm.suggestionProperty().get().contains("The plan has room"), vm.suggestionProperty().get());
            assertFalse(vm.canAddSuggestionProperty().get());
            vm.policyProperty().set("RequireDualStack");
            vm.countProperty().set(70_000);
            assertFalse(vm.canAddSuggestionProperty().get(), "the what-if count is not the sizing target");
            vm.moreWantedProperty().set(70_000);
            assertTrue(vm.suggestionProperty().get().startsWith("IPv4: 6 in use, 4,342 free. Target: room for 70,000 "
                    + "more and 25% growth (2 more): 70,002 more. Short by 65,660: add a ServiceCIDR of at least /15."), vm.suggestionProperty().get());
            assertTrue(vm.canAddSuggestionProperty().get());
            vm.run();
            assertTrue(vm.resultProperty().get().startsWith("4,342 of 70,000 fit"), vm.resultProperty().get());
            assertEquals(9, s.view().list(Kind.SERVICE, null).size(), "a what-if leaves the plan alone");
        });
    }

    @Test
    void servicesFilterAndCount() throws Exception {
        onFx(() -> {
            ServicesViewModel vm = new ServicesViewModel();
            vm.load(PlanSession.demo(dir));
            assertEquals("9 of 9 Services, 8 of 8 IPAddresses", vm.countsProperty().get());
            vm.filterProperty().set("MONITORING");
            assertEquals("2 of 9 Services, 2 of 8 IPAddresses", vm.countsProperty().get());
            vm.filterProperty().set("fd00:");
            assertEquals(2, vm.services().size());
        });
    }

    @Test
    void theNavigatorGroupsAndTheMapBuildsOffTheUiThread() throws Exception {
        onFx(() -> {
            PlanSession s = PlanSession.demo(dir);
            NavigatorViewModel nav = new NavigatorViewModel();
            nav.load(s);
            assertEquals("2 ServiceCIDRs · 9 Services · 8 IPAddresses · 1 policy, 1 binding, all valid",
                    nav.totalsProperty().get());
            var services = nav.treeProperty().get().children().get(1);
            assertEquals(java.util.List.of("default (2)", "kube-system (1)", "monitoring (2)", "shop (4)"),
                    services.children().stream().map(NavigatorViewModel.Node::label).toList());
            MapViewModel map = new MapViewModel(Runnable::run);
            map.load(s);
            assertEquals(3, map.mapProperty().get().spaces().size());
            assertEquals(java.util.List.of("default", "kube-system", "monitoring", "shop"),
                    map.mapProperty().get().namespaces());
        });
    }

    @Test
    void theConsoleRunsKubectlAndRecordsOnlyRealWrites() throws Exception {
        onFx(() -> {
            PlanSession s = PlanSession.demo(dir);
            ConsoleViewModel vm = new ConsoleViewModel();
            vm.load(s);
            vm.inputProperty().set("kubectl get svc -n kube-system");
            vm.run();
            assertTrue(vm.transcript().stream().anyMatch(l -> l.text().startsWith("kube-dns ")));
            assertTrue(s.undoLabel().isEmpty());
            vm.inputProperty().set("kubectl delete svc cart -n shop");
            vm.run();
            assertEquals("kubectl delete svc cart -n shop", s.undoLabel().orElseThrow());
            vm.history(-1);
            assertEquals("kubectl delete svc cart -n shop", vm.inputProperty().get());
        });
    }

    @Test
    void aConsoleLoopRunsOffTheUiThreadAndCanBeCancelledLeavingThePlanAsItWas() throws Exception {
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<MainWindowViewModel> main = new java.util.concurrent.atomic
                .AtomicReference<>();
        onFx(() -> {
            main.set(new MainWindowViewModel(PlanSession.demo(dir), queued::add));
            ConsoleViewModel console = main.get().console();
            console.inputProperty().set("for i in $(seq 1 50); do kubectl create service clusterip \"loop-$i\" "
                    + "--tcp=80; done");
            int before = queued.size();
            console.run();
            assertTrue(main.get().busyProperty().get(), "the loop waits on the worker");
            assertEquals(before + 1, queued.size());
            main.get().cancel();
        });
        // The worker: stops before the first command, and the edit is rolled back.
        for (Runnable r : java.util.List.copyOf(queued)) {
            r.run();
        }
        onFx(() -> {
            ConsoleViewModel console = main.get().console();
            assertFalse(main.get().busyProperty().get());
            assertEquals("^C (the script was cancelled; the plan is as it was)",
                    console.transcript().get(console.transcript().size() - 1).text());
            assertTrue(main.get().session().view().find(dev.cidrstudio.model.api.Kind.SERVICE, "default", "loop-1")
                    .isEmpty());
            assertTrue(main.get().session().undoLabel().isEmpty());
        });
    }
}
