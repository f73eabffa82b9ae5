package dev.cidrstudio.model.cluster;

import static dev.cidrstudio.model.cluster.SimulationFixture.cluster;
import static dev.cidrstudio.model.cluster.SimulationFixture.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.Service.LoadBalancerIngress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who owns a Service's {@code status} ({@code pkg/registry/core/service/strategy.go}): {@code PrepareForCreate} resets
 * it, {@code PrepareForUpdate} keeps the stored one on an update of the Service itself, and the status subresource's
 * strategy does the reverse (the stored spec stays, the status is written and validated).
 */
class ServiceStatusStrategyTest {

    private static final List<LoadBalancerIngress> INGRESS = List.of(new LoadBalancerIngress("192.0.2.10", null));

    private static Service stored(ApiServer api, String name) {
        return api.<Service>find(Kind.SERVICE, "app", name).orElseThrow();
    }

    @Test
    void aCreateWithAStatusIsStoredWithout() throws Exception {
        ApiServer api = cluster();
        Service lb = service("lb", "LoadBalancer");
        api.create(new Service(lb.meta(), lb.spec(), INGRESS));
        assertEquals(List.of(), stored(api, "lb").loadBalancerIngress());
    }

    @Test
    void anUpdateThatChangesTheStatusLeavesItAsStored() throws Exception {
        ApiServer api = cluster();
        api.create(service("lb", "LoadBalancer"));
        api.updateStatus(new Service(stored(api, "lb").meta(), stored(api, "lb").spec(), INGRESS));
        Service current = stored(api, "lb");
        api.update(new Service(current.meta(), current.spec(), List.of(new LoadBalancerIngress("192.0.2.99", null))));
        assertEquals(INGRESS, stored(api, "lb").loadBalancerIngress());
        api.update(new Service(current.meta(), current.spec(), List.of()));
        assertEquals(INGRESS, stored(api, "lb").loadBalancerIngress());
    }

    @Test
    void aStatusUpdateWritesTheStatusAndKeepsTheSpec() throws Exception {
        ApiServer api = cluster();
        api.create(service("lb", "LoadBalancer"));
        Service before = stored(api, "lb");
        Service request = new Service(before.meta(), before.spec().withType("ClusterIP").withSelector(
                java.util.Map.of("app", "other")), INGRESS);
        api.updateStatus(request);
        Service after = stored(api, "lb");
        assertEquals(before.spec(), after.spec());
        assertEquals(INGRESS, after.loadBalancerIngress());
        assertEquals(before.meta().generation(), after.meta().generation());
    }

    private record Refused(String name, String type, LoadBalancerIngress ingress, String error) {
    }

    private static final List<Refused> REFUSED = List.of(
            new Refused("an ingress on a ClusterIP Service", "ClusterIP", new LoadBalancerIngress("192.0.2.10", null),
                    "Service \"s\" is invalid: status.loadBalancer.ingress: Forbidden: may only be used when "
                            + "`spec.type` is 'LoadBalancer'"),
            new Refused("an ingress IP that is no IP", "LoadBalancer", new LoadBalancerIngress("nope", null),
                    "Service \"s\" is invalid: status.loadBalancer.ingress[0].ip: Invalid value: \"nope\": must be "
                            + "a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
            new Refused("an ingress hostname that is an IP", "LoadBalancer", new LoadBalancerIngress(null, "1.2.3.4"),
                    "Service \"s\" is invalid: status.loadBalancer.ingress[0].hostname: Invalid value: \"1.2.3.4\": "
                            + "must be a DNS name, not an IP address"),
            new Refused("an ingress hostname that is no DNS name", "LoadBalancer",
                    new LoadBalancerIngress(null, "Bad_Host"),
                    "Service \"s\" is invalid: status.loadBalancer.ingress[0].hostname: Invalid value: \"Bad_Host\": "
                            + "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' "
                            + "or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
                            + "regex used for validation is "
                            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));

    @Test
    void aStatusUpdateIsValidated() throws Exception {
        for (Refused c : REFUSED) {
            ApiServer api = cluster();
            api.create(service("s", c.type()));
            Service s = stored(api, "s");
            ApiException e = assertThrows(ApiException.class,
                    () -> api.updateStatus(new Service(s.meta(), s.spec(), List.of(c.ingress()))), c.name());
            assertEquals(c.error(), e.getMessage(), c.name());
            assertEquals(List.of(), stored(api, "s").loadBalancerIngress(), c.name());
        }
    }
}
