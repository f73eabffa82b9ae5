package dev.cidrstudio.io.manifest;

import dev.cidrstudio.io.yaml.Mark;
import dev.cidrstudio.io.yaml.PNode;
import dev.cidrstudio.io.yaml.PNode.PList;
import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.model.hosts.HostAlias;
import dev.cidrstudio.model.hosts.PodHostsInput;
import java.util.ArrayList;
import java.util.List;

/** Reads, from a Pod document, what decides its hosts file: names, hostNetwork, hostAliases and status IPs. */
public final class PodHostsReader {

    private PodHostsReader() {
    }

    /** The Pod's hosts inputs, its IPs from {@code status.podIPs} (or {@code status.podIP}), and where fields are. */
    public record PodDocument(PodHostsInput pod, List<String> statusPodIps, List<String> containersMountingHosts,
            boolean windowsHostProcess, PMap raw, String source, Mark mark) {
    }

    /** A Windows Pod with a hostProcess container (set on the Pod or on any container). */
    private static boolean hostProcess(PMap spec) {
        if (spec == null) {
            return false;
        }
        if (hostProcessIn(spec.get("securityContext"))) {
            return true;
        }
        for (String key : List.of("initContainers", "containers")) {
            if (spec.get(key) instanceof PList list) {
                for (PNode c : list.items()) {
                    if (c instanceof PMap m && hostProcessIn(m.get("securityContext"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean hostProcessIn(PNode securityContext) {
        return securityContext instanceof PMap sc && sc.get("windowsOptions") instanceof PMap w
                && w.get("hostProcess") instanceof PNode.PScalar hp && "true".equals(hp.value());
    }

    /** The containers (and init containers) that mount something of their own at {@code /etc/hosts}. */
    private static List<String> mountingHosts(PMap spec) {
        List<String> out = new ArrayList<>();
        if (spec == null) {
            return out;
        }
        for (String key : List.of("initContainers", "containers")) {
            if (!(spec.get(key) instanceof PList list)) {
                continue;
            }
            for (PNode c : list.items()) {
                if (!(c instanceof PMap container) || !(container.get("volumeMounts") instanceof PList mounts)) {
                    continue;
                }
                for (PNode m : mounts.items()) {
                    if (m instanceof PMap mount && mount.get("mountPath") instanceof PNode.PScalar path
                            && "/etc/hosts".equals(path.value())) {
                        out.add(container.get("name") instanceof PNode.PScalar n ? n.value() : "?");
                    }
                }
            }
        }
        return out;
    }

    public static PodDocument read(Decoded.Other doc) throws ManifestException {
        PMap root = doc.raw();
        Fields f = new Fields(doc.source(), "Pod in version \"v1\" cannot be handled as a Pod: ");
        PMap meta = f.map(root, "metadata", "", "Pod");
        String name = meta == null ? null : f.str(meta, "name", "metadata", "ObjectMeta");
        String namespace = meta == null ? null : f.str(meta, "namespace", "metadata", "ObjectMeta");
        PMap spec = f.map(root, "spec", "", "Pod");
        String hostname = null;
        String subdomain = null;
        String override = null;
        boolean hostNetwork = false;
        List<HostAlias> aliases = new ArrayList<>();
        if (spec != null) {
            hostname = f.str(spec, "hostname", "spec", "PodSpec");
            subdomain = f.str(spec, "subdomain", "spec", "PodSpec");
            override = f.str(spec, "hostnameOverride", "spec", "PodSpec");
            hostNetwork = Boolean.TRUE.equals(f.bool(spec, "hostNetwork", "spec", "PodSpec"));
            PList list = f.list(spec, "hostAliases", "spec", "PodSpec", "[]v1.HostAlias");
            if (list != null) {
                for (int i = 0; i < list.items().size(); i++) {
                    PNode item = list.items().get(i);
                    String path = "spec.hostAliases[" + i + "]";
                    if (!(item instanceof PMap m)) {
                        f.problem(item.mark(), path, "expected a mapping, got " + PNode.goTypeName(item),
                                "json: cannot unmarshal " + PNode.goTypeName(item)
                                        + " into Go struct field PodSpec.spec.hostAliases of type v1.HostAlias");
                        continue;
                    }
                    String ip = f.str(m, "ip", path, "HostAlias");
                    List<String> names = f.strList(m, "hostnames", path, "HostAlias");
                    aliases.add(new HostAlias(ip, names));
                }
            }
        }
        List<String> ips = new ArrayList<>();
        PMap status = f.map(root, "status", "", "Pod");
        if (status != null) {
            PList podIps = f.list(status, "podIPs", "status", "PodStatus", "[]v1.PodIP");
            if (podIps != null) {
                for (int i = 0; i < podIps.items().size(); i++) {
                    if (podIps.items().get(i) instanceof PMap m) {
                        String ip = f.str(m, "ip", "status.podIPs[" + i + "]", "PodIP");
                        if (ip != null) {
                            ips.add(ip);
                        }
                    }
                }
            }
            String podIp = f.str(status, "podIP", "status", "PodStatus");
            if (ips.isEmpty() && podIp != null && !podIp.isEmpty()) {
                ips.add(podIp);
            }
        }
        if (name == null || name.isEmpty()) {
            f.problem(meta == null ? doc.mark() : meta.mark(), "metadata.name", "a Pod needs a name", null);
        }
        if (!f.problems.isEmpty()) {
            throw new ManifestException(f.problems);
        }
        return new PodDocument(new PodHostsInput(name, namespace, hostname, subdomain, override, hostNetwork, aliases),
                ips, mountingHosts(spec), hostProcess(spec), root, doc.source(), doc.mark());
    }
}
