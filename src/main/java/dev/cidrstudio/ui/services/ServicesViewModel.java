package dev.cidrstudio.ui.services;

import dev.cidrstudio.app.CapacityPlanner;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.ui.workspace.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Services tab: the plan's Services and IPAddress objects, filtered as the user types (by IP, name or
 * namespace), created one or many at a time, deleted, and shown on the map. Every change is an undoable edit.
 */
public final class ServicesViewModel {

    /** One Service. */
    public record ServiceRow(String namespace, String name, String type, String clusterIps, String families,
            String ports) {
        String text() {
            return (namespace + "/" + name + " " + clusterIps + " " + type).toLowerCase(Locale.ROOT);
        }
    }

    /** One IPAddress object. */
    public record AddressRow(String ip, String family, String parent, String managedBy) {
        String text() {
            return (ip + " " + parent).toLowerCase(Locale.ROOT);
        }
    }

    private PlanSession session;
    /** How long edits run: off the UI thread with Cancel (the window's runner), or here for tests. */
    private TaskRunner runner = TaskRunner.inPlace();

    public void setRunner(TaskRunner r) {
        this.runner = r;
    }
    private final ObservableList<ServiceRow> services = FXCollections.observableArrayList();
    private final ObservableList<AddressRow> addresses = FXCollections.observableArrayList();
    private final FilteredList<ServiceRow> shownServices = new FilteredList<>(services);
    private final FilteredList<AddressRow> shownAddresses = new FilteredList<>(addresses);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private Consumer<String> showOnMap = ip -> { };

    public ServicesViewModel() {
        filter.addListener((o, a, b) -> applyFilter());
    }

    public void setShowOnMap(Consumer<String> action) {
        this.showOnMap = action;
    }

    public void load(PlanSession s) {
        this.session = s;
        List<ServiceRow> rows = new ArrayList<>();
        for (Service svc : s.view().<Service>list(Kind.SERVICE, null)) {
            var spec = svc.spec();
            rows.add(new ServiceRow(svc.namespace(), svc.name(), spec.type(), spec.clusterIPsOrEmpty().isEmpty()
                    ? "<none>" : String.join(", ", spec.clusterIPsOrEmpty()), spec.ipFamilyPolicy() == null ? "-"
                            : spec.ipFamilyPolicy() + " " + String.join(",", spec.ipFamiliesOrEmpty()),
                    spec.portsOrEmpty().isEmpty() ? "<none>" : String.join(", ", spec.portsOrEmpty().stream()
                            .map(p -> p.port() + "/" + p.protocol()).toList())));
        }
        services.setAll(rows);
        List<AddressRow> ips = new ArrayList<>();
        for (IpAddressObject ip : s.view().<IpAddressObject>list(Kind.IP_ADDRESS, null)) {
            ips.add(new AddressRow(ip.name(), ip.meta().labels().getOrDefault(IpAddressObject.LABEL_IP_FAMILY, ""),
                    ip.parentRef() == null ? "" : ip.parentRef().printable(), ip.meta().labels()
                            .getOrDefault(IpAddressObject.LABEL_MANAGED_BY, "")));
        }
        addresses.setAll(ips);
        applyFilter();
    }

    private void applyFilter() {
        String f = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        shownServices.setPredicate(f.isEmpty() ? null : r -> r.text().contains(f));
        shownAddresses.setPredicate(f.isEmpty() ? null : r -> r.text().contains(f));
        counts.set(String.format(Locale.ROOT, "%,d of %,d Services, %,d of %,d IPAddresses", shownServices.size(),
                services.size(), shownAddresses.size(), addresses.size()));
    }

    /**
     * Creates {@code count} ClusterIP Services named {@code name} (or {@code name-1} ... when more than one), as
     * one undoable edit; stops at the first refusal and says why.
     */
    public void create(String namespace, String name, String ipFamilyPolicy, IpFamily family, int count) {
        String ns = namespace == null || namespace.isBlank() ? "default" : namespace.strip();
        String n = name == null || name.isBlank() ? "svc" : name.strip();
        try {
            if (count <= 1) {
                session.edit("Create Service " + ns + "/" + n, api -> api.create(CapacityPlanner.service(
                        new CapacityPlanner.Request(1, ns, ipFamilyPolicy, family, n), n)));
                message.set("service/" + n + " created");
            } else {
                runner.run("Creating " + count + " Services", cancelled -> {
                    CapacityPlanner.WhatIf[] done = new CapacityPlanner.WhatIf[1];
                    session.edit("Create " + count + " Services", api -> done[0] = CapacityPlanner.apply(api,
                            new CapacityPlanner.Request(count, ns, ipFamilyPolicy, family, n), cancelled));
                    return done[0].describe();
                }, message::set);
            }
        } catch (ApiException e) {
            message.set(e.status().message());
        }
    }

    /** Deletes Services (their cluster IPs are released) as one undoable edit. */
    public void delete(List<ServiceRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            session.edit(rows.size() == 1 ? "Delete Service " + rows.get(0).namespace() + "/" + rows.get(0).name()
                    : "Delete " + rows.size() + " Services", api -> {
                        for (ServiceRow r : rows) {
                            api.delete(Kind.SERVICE, r.namespace(), r.name());
                        }
                    });
            message.set(rows.size() == 1 ? "service \"" + rows.get(0).name() + "\" deleted"
                    : rows.size() + " Services deleted");
        } catch (ApiException e) {
            message.set(e.status().message());
        }
    }

    /** Shows a Service's (first) cluster IP on the map. */
    public void showOnMap(ServiceRow row) {
        if (row != null && !row.clusterIps().startsWith("<")) {
            showOnMap.accept(row.clusterIps().split(",\\s*")[0]);
        }
    }

    public void showOnMap(AddressRow row) {
        if (row != null) {
            showOnMap.accept(row.ip());
        }
    }

    public FilteredList<ServiceRow> services() {
        return shownServices;
    }

    public FilteredList<AddressRow> addresses() {
        return shownAddresses;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
