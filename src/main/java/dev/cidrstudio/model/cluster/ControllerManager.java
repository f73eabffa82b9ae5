package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.controller.DefaultServiceCidrController;
import dev.cidrstudio.model.controller.RepairIpController;
import dev.cidrstudio.model.controller.ServiceCidrController;
import dev.cidrstudio.model.nodeipam.NodeIpamController;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The simulated clock and the controllers it drives: the level-triggered ones after every write, the periodic
 * ones of each apiserver ({@link ApiServer#DEFAULT_CONTROLLER_PERIOD}, {@link ApiServer#REPAIR_PERIOD}), and the
 * re-checks controllers queued for later. Its timers and queues live in {@link ClusterState}, so a snapshot holds
 * them too.
 */
final class ControllerManager {

    private final ApiServer api;
    private final ServiceRest services;
    private final ControllerContext ctx;
    private boolean deferReconcile;

    ControllerManager(ApiServer api, ServiceRest services, ControllerContext ctx) {
        this.api = api;
        this.services = services;
        this.ctx = ctx;
    }

    private ClusterState state() {
        return api.state();
    }

    /** Holds the controllers back while {@code work} runs, then lets them catch up once. */
    <E extends Exception> void batch(ApiServer.BatchWork<E> work) throws E {
        boolean outer = !deferReconcile;
        deferReconcile = true;
        try {
            work.run();
        } finally {
            if (outer) {
                deferReconcile = false;
                reconcile();
            }
        }
    }

    /** Runs the level-triggered controllers until nothing changes. */
    void reconcile() {
        if (deferReconcile) {
            return;
        }
        for (int pass = 0; pass < 8; pass++) {
            ClusterState s = state();
            long before = s.resourceVersion;
            for (ServiceCidr sc : s.<ServiceCidr>list(Kind.SERVICE_CIDR)) {
                ServiceCidrController.sync(ctx, s.<ServiceCidr>get(Kind.SERVICE_CIDR, null, sc.name()).orElse(sc));
            }
            repairQueued();
            syncNodeIpamIfDue();
            if (state().resourceVersion == before) {
                return;
            }
        }
    }

    /** kube-controller-manager's node IPAM controller, one step. */
    void syncNodeIpam() {
        NodeIpamController.sync(ctx);
        state().nodeIpamLooked();
    }

    /** The node IPAM step, when a Node object or the settings changed or a retry is due (its informer's events). */
    private void syncNodeIpamIfDue() {
        if (state().nodeIpamDue()) {
            syncNodeIpam();
        }
    }

    /**
     * The repair loop's informer-driven part: Services and IPAddresses written since the last pass are checked
     * one by one; the periodic pass ({@link ApiServer#REPAIR_PERIOD}) checks everything.
     */
    private void repairQueued() {
        ClusterState s = state();
        for (int round = 0; round < 4 && s.hasDirty(); round++) {
            for (String k : s.takeDirty()) {
                int slash = k.indexOf('/');
                String kind = k.substring(0, slash);
                String key = k.substring(slash + 1);
                if (kind.equals(Kind.SERVICE.name())) {
                    int s2 = key.indexOf('/');
                    s.<Service>get(Kind.SERVICE, key.substring(0, s2), key.substring(s2 + 1))
                            .ifPresent(svc -> RepairIpController.syncService(ctx, svc));
                } else {
                    s.<IpAddressObject>get(Kind.IP_ADDRESS, null, key)
                            .ifPresent(ip -> RepairIpController.syncIpAddress(ctx, ip));
                }
            }
        }
        s.takeDirty();
    }

    /** The controllers that run on a timer in every apiserver: the default ServiceCIDR and kubernetes.default. */
    void runPeriodicControllers() {
        ClusterState s = state();
        for (int i = 0; i < s.apiServers.size(); i++) {
            ApiServerInstance a = s.apiServers.get(i);
            List<String> flagCidrs = a.flags().ranges().stream().map(Object::toString).toList();
            var outcome = DefaultServiceCidrController.sync(ctx, flagCidrs, a.inconsistencyReported());
            if (outcome == DefaultServiceCidrController.Outcome.INCONSISTENT) {
                s.setApiServer(i, s.apiServers.get(i).reported());
            }
        }
        services.ensureKubernetesService(api.activeApiServer());
        s.nextDefaultControllerSync = s.now.plus(ApiServer.DEFAULT_CONTROLLER_PERIOD);
        if (!s.nextRepair.isAfter(s.now)) {
            RepairIpController.runOnce(ctx);
            s.nextRepair = s.now.plus(ApiServer.REPAIR_PERIOD);
        }
    }

    /** Moves the simulated clock forward, running every controller step that falls due on the way. */
    void advanceClock(Duration d) {
        if (d.isNegative()) {
            return;
        }
        ClusterState s = state();
        Instant target = s.now.plus(d);
        while (true) {
            Instant timer = s.earliestRequeue;
            Instant recheck = s.firstRecheck();
            if (recheck != null && (timer == null || recheck.isBefore(timer))) {
                timer = recheck;
            }
            Instant due = s.nextDefaultControllerSync;
            if (timer != null && timer.isBefore(due)) {
                due = timer;
            }
            if (due.isAfter(target)) {
                break;
            }
            // A long quiet stretch (a restored dump's clock jump): the periodic controllers are level-triggered,
            // so they run once and the clock skips to just before the next moment anything is due.
            Instant quietUntil = (timer == null || timer.isAfter(target) ? target : timer)
                    .minus(ApiServer.DEFAULT_CONTROLLER_PERIOD);
            if (due.equals(s.nextDefaultControllerSync)
                    && quietUntil.isAfter(due.plus(ApiServer.DEFAULT_CONTROLLER_PERIOD))) {
                s.now = due.isBefore(s.now) ? s.now : due;
                runPeriodicControllers();
                reconcile();
                s.now = quietUntil;
                s.nextDefaultControllerSync = quietUntil;
                // A resync that fell due during the stretch runs at its end.
                if (!s.nextRepair.isAfter(quietUntil)) {
                    s.nextRepair = quietUntil;
                }
                continue;
            }
            s.now = due.isBefore(s.now) ? s.now : due;
            s.earliestRequeue = null;
            s.queueDueRechecks();
            if (!s.nextDefaultControllerSync.isAfter(s.now)) {
                runPeriodicControllers();
            }
            reconcile();
        }
        s.now = target;
        reconcile();
    }
}
