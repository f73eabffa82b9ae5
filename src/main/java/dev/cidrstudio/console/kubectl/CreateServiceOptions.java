package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
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

/**
 * {@code kubectl create service clusterip|nodeport|loadbalancer|externalname NAME}: each Service type is a subcommand
 * with its own flags; {@code create service} alone prints its usage.
 */
final class CreateServiceOptions implements Command {

    /** What {@code kubectl create service} prints (to standard error) when no type follows it. */
    static final String USAGE = """
            Create a service using a specified subcommand.

            Aliases:
            service, svc

            Available Commands:
              clusterip      Create a ClusterIP service
              externalname   Create an ExternalName service
              loadbalancer   Create a LoadBalancer service
              nodeport       Create a NodePort service

            Usage:
              kubectl create service [flags] [options]

            Use "kubectl create service <command> --help" for more information about a given command.
            Use "kubectl options" for a list of global command-line options (applies to all commands).
            """;

    /** Each subcommand's own flags besides those every create command has. */
    private static final Map<String, List<String>> OWN_FLAGS = Map.of("clusterip", List.of("tcp", "clusterip"),
            "nodeport", List.of("tcp", "node-port"), "loadbalancer", List.of("tcp"), "externalname",
            List.of("tcp", "external-name"));

    private final Factory f;
    private Parsed flags;
    private DryRun dryRun;
    private Output format;
    private String type;
    private String name;
    private String clusterIp;
    private String externalName;
    private final List<ServicePort> ports = new ArrayList<>();

    CreateServiceOptions(Factory f) {
        this.f = f;
    }

    /** {@code args}: the subcommand (the Service type), the name and the flags. */
    @Override
    public void complete(List<String> args) throws FlagException, UsageException {
        KubectlFlags parent = new KubectlFlags("create service").add("namespace", "n", KubectlFlags.Type.STRING,
                null);
        List<String> words = parent.positionals(args);
        String sub = words.isEmpty() ? null : words.get(0);
        if (sub == null || !OWN_FLAGS.containsKey(sub)) {
            List<String> rest = parent.parse(args).args();
            if (!rest.isEmpty()) {
                throw new UsageException("error: unknown command " + GoValue.quote(String.join(" ", rest)) + "\n"
                        + String.format(CreateOptions.HELP_HINT, "create service"));
            }
            throw new UsageException(USAGE);
        }
        type = switch (sub) {
            case "clusterip" -> "ClusterIP";
            case "nodeport" -> "NodePort";
            case "loadbalancer" -> "LoadBalancer";
            default -> "ExternalName";
        };
        KubectlFlags own = CreateOptions.writeFlags("create service " + sub);
        for (String flag : OWN_FLAGS.get(sub)) {
            own.add(flag, null, flag.equals("tcp") ? KubectlFlags.Type.STRINGS : flag.equals("node-port")
                    ? KubectlFlags.Type.INT : KubectlFlags.Type.STRING, flag.equals("node-port") ? "0" : null);
        }
        List<String> rest = new ArrayList<>(args);
        rest.remove(sub);
        flags = own.parse(rest);
        if ("ExternalName".equals(type) && !flags.has("external-name")) {
            throw new UsageException("error: required flag(s) \"external-name\" not set");
        }
        List<String> names = flags.args();
        if (names.size() != 1) {
            throw new UsageException("error: exactly one NAME is required, got " + names.size() + "\n"
                    + String.format(CreateOptions.HELP_HINT, "create service " + sub));
        }
        name = names.get(0);
        dryRun = DryRun.of(flags, f);
        format = Output.parseForWrite(flags.string("output", ""), flags.string("template", null),
                f.api().settings().kubernetesVersion());
        CreateOptions.validationDirective(flags);
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
