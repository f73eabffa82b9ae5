package dev.cidrstudio.console;

import dev.cidrstudio.console.kubectl.TabWriter;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ApiServerInstance;
import dev.cidrstudio.model.cluster.ClusterConfigException;
import dev.cidrstudio.model.net.IpParsing;
import java.util.List;

/**
 * The console's stand-in for what an operator does on the control-plane nodes themselves, where kubectl cannot
 * reach: restarting a kube-apiserver with new {@code --service-cluster-ip-range} flags, starting or stopping one,
 * and changing the kubelets' {@code clusterDNS}. A runbook script defines a shell function of the same name that
 * tells the operator what to do on a real cluster, so one script runs in both places.
 */
final class ControlPlaneCommand {

    static final String NAME = "control-plane";
    static final String FLAG = "--service-cluster-ip-range";
    static final String USAGE = """
            Usage: control-plane COMMAND
              status                                   the apiservers, their flags and the kubelets' clusterDNS
              restart-apiserver NAME --service-cluster-ip-range=RANGE[,RANGE]
              add-apiserver NAME --service-cluster-ip-range=RANGE[,RANGE]
              stop-apiserver NAME
              set-kubelet-cluster-dns IP               every kubelet's clusterDNS (the nodes restart their kubelet)
            """;

    private ControlPlaneCommand() {
    }

    static CommandResult run(ApiServer api, List<String> args) {
        if (args.isEmpty()) {
            return CommandResult.error(USAGE, 2);
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "status" -> CommandResult.ok(status(api));
                case "restart-apiserver" -> {
                    String[] nameAndRange = nameAndRange(rest);
                    api.restartApiServer(nameAndRange[0], nameAndRange[1]);
                    yield CommandResult.ok(nameAndRange[0] + " restarted with " + FLAG + "=" + nameAndRange[1] + "\n");
                }
                case "add-apiserver" -> {
                    String[] nameAndRange = nameAndRange(rest);
                    if (api.state().apiServers().stream().anyMatch(a -> a.name().equals(nameAndRange[0]))) {
                        yield CommandResult.error(NAME + ": " + nameAndRange[0] + " is already running", 1);
                    }
                    api.addApiServer(nameAndRange[0], nameAndRange[1]);
                    yield CommandResult.ok(nameAndRange[0] + " started with " + FLAG + "=" + nameAndRange[1] + "\n");
                }
                case "stop-apiserver" -> {
                    if (rest.size() != 1) {
                        yield CommandResult.error(USAGE, 2);
                    }
                    api.removeApiServer(rest.get(0));
                    yield CommandResult.ok(rest.get(0) + " stopped\n");
                }
                case "set-kubelet-cluster-dns" -> {
                    if (rest.size() != 1) {
                        yield CommandResult.error(USAGE, 2);
                    }
                    if (IpParsing.parseIpStrict(rest.get(0)).isEmpty()) {
                        yield CommandResult.error(NAME + ": " + rest.get(0) + ": " + IpParsing.INVALID_IP, 1);
                    }
                    api.setKubeletClusterDns(rest.get(0));
                    yield CommandResult.ok("kubelets restarted with clusterDNS " + rest.get(0) + "\n");
                }
                default -> CommandResult.error(NAME + ": unknown command \"" + args.get(0) + "\"\n" + USAGE, 2);
            };
        } catch (UsageException e) {
            return CommandResult.error(USAGE, 2);
        } catch (ClusterConfigException e) {
            return CommandResult.error(NAME + ": " + String.join("; ", e.errors()), 1);
        }
    }

    static String status(ApiServer api) {
        StringBuilder sb = new StringBuilder("NAME\tSERVICE-CLUSTER-IP-RANGE\n");
        for (ApiServerInstance a : api.state().apiServers()) {
            sb.append(a.name()).append('\t').append(a.flags().text()).append('\n');
        }
        String table = TabWriter.KUBECTL_TABLE.format(sb.toString());
        return table + "kubelet clusterDNS: " + api.kubeletClusterDns().orElse("<none>") + "\n";
    }

    private static String[] nameAndRange(List<String> args) throws UsageException {
        String name = null;
        String range = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith(FLAG + "=")) {
                range = a.substring(FLAG.length() + 1);
            } else if (a.equals(FLAG) && i + 1 < args.size()) {
                range = args.get(++i);
            } else if (!a.startsWith("-") && name == null) {
                name = a;
            } else {
                throw new UsageException();
            }
        }
        if (name == null || range == null) {
            throw new UsageException();
        }
        return new String[] {name, range};
    }

    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
