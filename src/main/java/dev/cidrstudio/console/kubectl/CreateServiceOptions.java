package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.field.GoValue;
import dev.cidrstudio.model.service.ServiceValidation;
import dev.cidrstudio.model.validation.NameValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code kubectl create service clusterip|nodeport|loadbalancer|externalname NAME}. */
final class CreateServiceOptions implements Command {

    /** Each subcommand's own flags; cobra refuses the others before anything runs. */
    private static final Map<String, List<String>> OWN_FLAGS = Map.of("ClusterIP", List.of("tcp", "clusterip"),
            "NodePort", List.of("tcp", "node-port"), "LoadBalancer", List.of("tcp"), "ExternalName",
            List.of("tcp", "external-name"));

    private final Factory f;
    private final Parsed flags;
    private final DryRun dryRun;
    private final Output format;
    private String type;
    private String name;
    private String clusterIp;
    private String externalName;
    private final List<ServicePort> ports = new ArrayList<>();

    CreateServiceOptions(Factory f, Parsed flags, DryRun dryRun, Output format) {
        this.f = f;
        this.flags = flags;
        this.dryRun = dryRun;
        this.format = format;
    }

    /** {@code args}: the subcommand (the Service type) and the name. */
    @Override
    public void complete(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("error: unknown command \"\" for \"kubectl create service\"");
        }
        String sub = args.get(0);
        type = switch (sub) {
            case "clusterip" -> "ClusterIP";
            case "nodeport" -> "NodePort";
            case "loadbalancer" -> "LoadBalancer";
            case "externalname" -> "ExternalName";
            default -> throw new UsageException("error: unknown command \"" + sub + "\" for \"kubectl create "
                    + "service\"");
        };
        for (String flag : List.of("tcp", "clusterip", "node-port", "external-name")) {
            if (flags.has(flag) && !OWN_FLAGS.get(type).contains(flag)) {
                throw new UsageException("error: unknown flag: --" + flag + "\nSee 'kubectl create service " + sub
                        + " --help' for usage.");
            }
        }
        if ("ExternalName".equals(type) && !flags.has("external-name")) {
            throw new UsageException("error: required flag(s) \"external-name\" not set");
        }
        List<String> names = args.subList(1, args.size());
        if (names.size() != 1) {
            throw new UsageException("error: exactly one NAME is required, got " + names.size() + "\n"
                    + String.format(CreateOptions.HELP_HINT, "create service " + sub));
        }
        name = names.get(0);
        clusterIp = flags.string("clusterip", null);
        externalName = flags.string("external-name", "");
    }

    @Override
    public void validate() throws UsageException {
        List<String> tcps = flags.strings("tcp");
        if ("None".equals(clusterIp) && !"ClusterIP".equals(type)) {
            throw new UsageException("error: ClusterIP=None can only be used with ClusterIP service type");
        }
        if (!"None".equals(clusterIp) && tcps.isEmpty() && !"ExternalName".equals(type)) {
            throw new UsageException("error: at least one tcp port specifier must be provided");
        }
        if ("ExternalName".equals(type) && !NameValidation.isDns1123Subdomain(externalName).isEmpty()) {
            throw new UsageException("error: invalid service external name " + externalName);
        }
        for (String tcp : tcps) {
            ports.add(servicePort(tcp));
        }
    }

    /** One {@code --tcp port[:targetPort]}. */
    private ServicePort servicePort(String tcp) throws UsageException {
        String[] pt = tcp.split(":", -1);
        String portError = parseUint16(pt[0]);
        if (portError != null) {
            throw new UsageException("error: " + portError);
        }
        int port = Integer.parseInt(pt[0]);
        String target = Integer.toString(port);
        boolean numeric = true;
        if (pt.length > 1) {
            target = pt[1];
            if (!target.matches("[+-]?[0-9]+") || target.length() > 18) {
                List<String> bad = ServiceValidation.portNameProblems(target);
                if (!bad.isEmpty()) {
                    throw new UsageException("error: " + String.join(",", bad));
                }
                numeric = false;
            } else {
                long n = Long.parseLong(target);
                if (n < 1 || n > 65535) {
                    throw new UsageException("error: must be between 1 and 65535, inclusive");
                }
                target = Long.toString(n);
            }
        }
        Integer nodePort = null;
        if ("NodePort".equals(type) && flags.has("node-port")) {
            nodePort = Integer.parseInt(flags.string("node-port", "0"));
        }
        return new ServicePort(tcp.replace(':', '-'), "TCP", port, target, numeric, nodePort, null);
    }

    /** Go's {@code strconv.ParseUint(s, 10, 16)} as {@code utilsnet.ParsePort} reports it; null when it parses. */
    private static String parseUint16(String s) {
        String head = "strconv.ParseUint: parsing " + GoValue.quote(s) + ": ";
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
            return head + "invalid syntax";
        }
        String digits = s.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 5 || Integer.parseInt(digits) > 65535) {
            return head + "value out of range";
        }
        return null;
    }

    @Override
    public Result run() {
        Map<String, String> labels = Map.of("app", name);
        ServiceSpec spec = ServiceSpec.empty().withType(type).withPorts(ports.isEmpty() ? null : ports)
                .withSelector(labels);
        if ("ExternalName".equals(type)) {
            spec = spec.withExternalName(externalName);
        }
        if (clusterIp != null && !clusterIp.isEmpty()) {
            spec = spec.withClusterIPs(clusterIp, null);
        }
        Service svc = new Service(ObjectMeta.named(flags.namespace(), name).withLabels(labels), spec, List.of());
        try {
            KubeObject created = dryRun.create(f.api(), svc);
            boolean keepNamespace = dryRun != DryRun.CLIENT || flags.has("namespace");
            return Result.ok(format.isDefault() ? "service/" + created.name() + " created" + dryRun.suffix()
                    + "\n" : format.renderTyped(created, keepNamespace, f.api().settings().kubernetesVersion()));
        } catch (ApiException e) {
            return Result.error("error: failed to create " + type + " service: " + e.status().message(), 1);
        }
    }
}
