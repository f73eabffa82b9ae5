package dev.cidrstudio.ui.overview;

import dev.cidrstudio.app.CapacityReport;
import dev.cidrstudio.app.CapacitySizing;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.cluster.ApiServer;
import java.math.BigInteger;
import java.text.NumberFormat;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The overview's state as JavaFX properties, rebuilt from the plan; it never touches controls. */
public final class OverviewViewModel {

    /** One ServiceCIDR prefix row. */
    public record CidrRow(String serviceCidr, String cidr, String status, String total, String usable,
            String allocated, String free, String used) {
    }

    /** One Service row. */
    public record ServiceRow(String namespace, String name, String type, String clusterIps, String families,
            String ports) {
    }

    private final ObservableList<CidrRow> cidrs = FXCollections.observableArrayList();
    private final ObservableList<ServiceRow> services = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper planName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper capacityWarning = new ReadOnlyStringWrapper("");

    /** A prefix at or over {@link CapacitySizing#WARN_PERCENT} allocated, one line each; empty when none is. */
    public ReadOnlyStringProperty capacityWarningProperty() {
        return capacityWarning.getReadOnlyProperty();
    }

    public ObservableList<CidrRow> cidrs() {
        return cidrs;
    }

    public ObservableList<ServiceRow> services() {
        return services;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty planNameProperty() {
        return planName.getReadOnlyProperty();
    }

    static String number(BigInteger n) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(n);
    }

    public void load(String name, ApiServer api) {
        planName.set(name);
        cidrs.clear();
        for (CapacityReport.Row r : CapacityReport.of(api.state())) {
            if (r.note() != null) {
                cidrs.add(new CidrRow(r.serviceCidr(), r.cidr(), r.status() + " - " + r.note(), number(r.total()),
                        "0", "0", "0", "-"));
            } else {
                cidrs.add(new CidrRow(r.serviceCidr(), r.cidr(), r.status(), number(r.total()), number(r.usable()),
                        number(BigInteger.valueOf(r.allocated())), number(r.free()),
                        CapacitySizing.percent(BigInteger.valueOf(r.allocated()), r.usable())));
            }
        }
        capacityWarning.set(String.join("\n", CapacitySizing.thresholdWarnings(api.state())));
        services.clear();
        for (Service s : api.<Service>list(Kind.SERVICE, null)) {
            var spec = s.spec();
            String ips = spec.clusterIPsOrEmpty().isEmpty() ? "<none>" : String.join(", ", spec.clusterIPsOrEmpty());
            String ports = spec.portsOrEmpty().isEmpty() ? "<none>" : String.join(", ", spec.portsOrEmpty().stream()
                    .map(p -> p.nodePort() != null ? p.port() + ":" + p.nodePort() + "/" + p.protocol()
                            : p.port() + "/" + p.protocol()).toList());
            String families = spec.ipFamilyPolicy() == null ? "-"
                    : spec.ipFamilyPolicy() + " " + String.join(",", spec.ipFamiliesOrEmpty());
            services.add(new ServiceRow(s.namespace(), s.name(), spec.type(), ips, families, ports));
        }
        summary.set(cidrs.size() + " ServiceCIDR prefixes, " + services.size() + " Services, "
                + api.list(Kind.IP_ADDRESS, null).size() + " IPAddresses, Kubernetes "
                + api.settings().kubernetesVersion().text());
    }
}
