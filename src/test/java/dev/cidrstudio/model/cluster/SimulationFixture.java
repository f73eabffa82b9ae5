package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ParentReference;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.model.controller.RepairIpController;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small cluster and a workload that touches every part of the simulation: objects, timers, events, audit. */
final class SimulationFixture {

    private SimulationFixture() {
    }

    /** Annotates every Service write for the audit log, and denies Services whose name starts with "denied". */
    static final Admission AUDITING = new Admission() {
        @Override
        public boolean active(ClusterState state) {
            return true;
        }

        @Override
        public Admitted admit(ClusterState state, Object object, Object oldObject, String operation)
                throws ApiException {
            Object target = object != null ? object : oldObject;
            if (!(target instanceof Service svc)) {
                return Admitted.CLEAN;
            }
            if (svc.name().startsWith("denied")) {
                throw new ApiException(Status.forbidden("services \"" + svc.name() + "\" is forbidden: denied"),
                        List.of("a denial's warning"));
            }
            return new Admitted(List.of("audited " + svc.name()), Map.of("test/operation", operation));
        }
    };

    static ApiServer cluster() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults()
                .withServiceClusterIPRange("10.0.0.0/16,2001:db8::/64"));
        api.setAdmission(AUDITING);
        api.create(new Namespace(ObjectMeta.named("app"), null));
        api.create(service("web", "ClusterIP"));
        // An IPAddress whose Service does not exist: the repair loop queues a re-check for when its grace ends.
        api.create(new IpAddressObject(ObjectMeta.named("10.0.9.9").withLabels(IpAddressObject.allocatorLabels(
                "IPv4")), ParentReference.service("app", "gone")));
        api.takeWarnings();
        return api;
    }

    static Service service(String name, String type) {
        ServiceSpec spec = ServiceSpec.empty().withType(type).withIpFamilyPolicy("PreferDualStack")
                .withSelector(Map.of("app", name)).withPorts(List.of(ServicePort.tcp(80)));
        return new Service(ObjectMeta.named("app", name), spec, List.of());
    }

    static ServiceCidr serviceCidr(String name, String cidr) {
        return new ServiceCidr(ObjectMeta.named(name), List.of(cidr), List.of());
    }

    /** Writes, a refused write, deletes, kept objects and clock steps that fire the queued re-check. */
    static void workload(ApiServer api) throws Exception {
        api.create(service("api", "NodePort"));
        api.create(serviceCidr("extra", "10.1.0.0/24"));
        try {
            api.create(service("denied-one", "ClusterIP"));
        } catch (ApiException expected) {
            // refused by admission: nothing of it stays
        }
        api.delete(Kind.SERVICE, "app", "web");
        api.keep(new KeptObject("v1", "Pod", "app", "p", Map.of("kind", "Pod")));
        api.advanceClock(RepairIpController.LEAK_GRACE.plusSeconds(1));
        api.delete(Kind.SERVICE_CIDR, null, "extra");
        api.advanceClock(Duration.ofMinutes(4));
        api.create(service("late", "LoadBalancer"));
    }

    /** Everything a run leaves behind that a user or a later request can see, as comparable values. */
    static List<Object> fingerprint(ApiServer api) {
        ClusterState s = api.state();
        List<Object> out = new ArrayList<>();
        out.add(new ArrayList<KubeObject>(s.all()));
        out.add(api.list(Kind.EVENT, null).stream().map(e -> (Event) e).toList());
        out.add(api.auditLog());
        out.add(s.kept());
        out.add(List.of(s.now, s.resourceVersion, s.uidCounter, s.randomDraws, s.nextDefaultControllerSync,
                s.nextRepair, String.valueOf(s.earliestRequeue), String.valueOf(s.firstRecheck())));
        out.add(s.apiServers());
        out.add(s.settings());
        out.add(s.nodePorts.clone());
        out.add(s.used(dev.cidrstudio.model.net.IpFamily.IPv4).size());
        out.add(s.used(dev.cidrstudio.model.net.IpFamily.IPv6).size());
        return out;
    }
}
