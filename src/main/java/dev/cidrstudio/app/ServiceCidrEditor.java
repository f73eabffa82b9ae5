package dev.cidrstudio.app;

import dev.cidrstudio.model.api.Condition;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.model.validation.ServiceCidrValidation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the ServiceCIDR editor shows while a user types: Kubernetes' validation (create, or update with its
 * immutability rules), the capacity of each typed prefix against the plan's allocations, the admission policies'
 * verdict, planning warnings (public ranges, overlaps), and what deleting a ServiceCIDR would do.
 */
public final class ServiceCidrEditor {

    private static final List<Cidr> RFC1918 = List.of(cidr("10.0.0.0/8"), cidr("172.16.0.0/12"),
            cidr("192.168.0.0/16"));
    private static final Cidr ULA = cidr("fc00::/7");

    private ServiceCidrEditor() {
    }

    private static Cidr cidr(String s) {
        return IpParsing.parseCidrSloppy(s).orElseThrow().masked();
    }

    /** The editor's verdict on a name and CIDR list. */
    public record Preview(boolean update, List<FieldError> errors, List<CapacityReport.Row> capacity,
            PolicyWorkbench.Verdict verdict, List<String> warnings) {

        /** Whether Create / Update would go through (validation and policies both pass). */
        public boolean acceptable() {
            return errors.isEmpty() && verdict.outcome() != PolicyWorkbench.Outcome.DENIED
                    && verdict.outcome() != PolicyWorkbench.Outcome.INVALID;
        }
    }

    /** Splits the text of the CIDRs field the way the editor takes it: commas or whitespace between entries. */
    public static List<String> cidrs(String text) {
        return Arrays.stream(text.strip().split("[,\\s]+")).filter(c -> !c.isEmpty()).toList();
    }

    public static Preview preview(ClusterState state, String name, List<String> cidrs) {
        Optional<ServiceCidr> old = state.get(Kind.SERVICE_CIDR, null, name);
        ServiceCidr candidate = new ServiceCidr(ObjectMeta.named(name), cidrs, List.of());
        List<FieldError> errors = old.isPresent()
                ? ServiceCidrValidation.validateServiceCIDRUpdate(candidate.withMeta(old.get().meta()), old.get())
                : ServiceCidrValidation.validateServiceCIDR(candidate);
        List<CapacityReport.Row> capacity = new ArrayList<>();
        for (String c : cidrs) {
            CapacityReport.forCidr(state, name, old.isPresent() ? "existing" : "new", c).ifPresent(capacity::add);
        }
        PolicyWorkbench.Verdict verdict = PolicyWorkbench.serviceCidr(state, name, cidrs);
        return new Preview(old.isPresent(), errors, capacity, verdict, errors.isEmpty() ? warnings(state, name,
                cidrs) : List.of());
    }

    /**
     * Planning warnings: a range that is not private (RFC 1918 for IPv4, ULA for IPv6), one that overlaps the
     * cluster's Pod range (clusterCIDR), and overlaps with the plan's other ServiceCIDRs.
     */
    public static List<String> warnings(ClusterState state, String name, List<String> cidrs) {
        List<String> out = new ArrayList<>();
        List<Cidr> podRanges = new ArrayList<>();
        for (String p : state.settings().clusterCIDR() == null ? List.<String>of()
                : cidrs(state.settings().clusterCIDR())) {
            IpParsing.parseCidrSloppy(p).ifPresent(w -> podRanges.add(w.masked()));
        }
        for (String text : cidrs) {
            Optional<IpParsing.WrittenCidr> w = IpParsing.parseCidrSloppy(text);
            if (w.isEmpty()) {
                continue;
            }
            Cidr c = w.get().masked();
            boolean v4 = c.family() == IpFamily.IPv4;
            boolean privateRange = v4 ? RFC1918.stream().anyMatch(r -> r.containsCidr(c)) : ULA.containsCidr(c);
            if (!privateRange) {
                out.add(text + " is not a private range (" + (v4 ? "RFC 1918: 10.0.0.0/8, 172.16.0.0/12, "
                        + "192.168.0.0/16" : "unique local: fc00::/7") + "): Pods could no longer reach public "
                        + "hosts at those addresses");
            }
            for (Cidr p : podRanges) {
                if (p.overlaps(c)) {
                    out.add(text + " overlaps the cluster's Pod range " + p + " (clusterCIDR)");
                }
            }
            for (ServiceCidr other : state.<ServiceCidr>list(Kind.SERVICE_CIDR)) {
                if (other.name().equals(name)) {
                    continue;
                }
                for (String o : other.cidrsOrEmpty()) {
                    IpParsing.parseCidrSloppy(o).map(IpParsing.WrittenCidr::masked).filter(oc -> oc.overlaps(c))
                            .ifPresent(oc -> out.add(text + " overlaps ServiceCIDR " + other.name() + " (" + o
                                    + "): an address in both is allocated from the more specific prefix"));
                }
            }
        }
        return out;
    }

    /** What deleting a ServiceCIDR leads to: gone, or kept pending with the controller's condition. */
    public record DeletePreview(boolean pending, String message) {
    }

    public static DeletePreview deletePreview(ApiServer api, String name) {
        // A copy rather than a rolled-back transaction: a preview must never write to the plan a background task
        // (an import, a script) may be writing at the same time.
        ApiServer copy = api.fork();
        try {
            copy.delete(Kind.SERVICE_CIDR, null, name);
        } catch (ApiException e) {
            return new DeletePreview(false, e.status().message());
        }
        copy.advanceClock(ApiServer.DEFAULT_CONTROLLER_PERIOD.plus(Duration.ofSeconds(1)));
        Optional<ServiceCidr> after = copy.find(Kind.SERVICE_CIDR, null, name);
        if (after.isEmpty()) {
            return new DeletePreview(false, "ServiceCIDR " + name + " will be gone: no Service IP depends on it.");
        }
        String why = after.get().conditions().stream().filter(c -> ServiceCidr.CONDITION_READY.equals(c.type()))
                .map(Condition::message).findFirst().orElse("");
        return new DeletePreview(true, "ServiceCIDR " + name + " will stay, pending deletion"
                + (why.isEmpty() ? "" : ": " + why));
    }
}
