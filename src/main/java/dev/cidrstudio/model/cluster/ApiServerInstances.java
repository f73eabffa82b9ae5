package dev.cidrstudio.model.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The kube-apiservers of the control plane, each with its own {@code --service-cluster-ip-range}: starting,
 * restarting and stopping one, after which every apiserver's periodic controllers run at once. The plan's settings
 * follow the apiserver that answers requests (the first).
 */
final class ApiServerInstances {

    private final ApiServer api;
    private final ControllerManager manager;

    ApiServerInstances(ApiServer api, ControllerManager manager) {
        this.api = api;
        this.manager = manager;
    }

    void add(String name, String serviceClusterIPRange) throws ClusterConfigException {
        ServiceIpRangeFlag flags = parseFlags(serviceClusterIPRange);
        api.transaction(() -> {
            api.state().addApiServer(new ApiServerInstance(name, flags, false));
            restartControllers();
            return null;
        });
    }

    void restart(String name, String serviceClusterIPRange) throws ClusterConfigException {
        ServiceIpRangeFlag flags = parseFlags(serviceClusterIPRange);
        int index = indexOf(name);
        api.transaction(() -> {
            api.state().setApiServer(index, new ApiServerInstance(name, flags, false));
            restartControllers();
            return null;
        });
    }

    void remove(String name) throws ClusterConfigException {
        int index = indexOf(name);
        if (api.state().apiServers.size() == 1) {
            throw new ClusterConfigException(List.of("cannot stop " + name + ": it is the only kube-apiserver"));
        }
        api.transaction(() -> {
            api.state().removeApiServer(index);
            restartControllers();
            return null;
        });
    }

    private ServiceIpRangeFlag parseFlags(String serviceClusterIPRange) throws ClusterConfigException {
        ServiceIpRangeFlag flags = ServiceIpRangeFlag.parse(serviceClusterIPRange,
                api.settings().kubernetesVersion());
        if (!flags.valid()) {
            throw new ClusterConfigException(flags.errors());
        }
        return flags;
    }

    private int indexOf(String name) throws ClusterConfigException {
        List<ApiServerInstance> servers = api.state().apiServers;
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new ClusterConfigException(List.of("no kube-apiserver named " + name));
    }

    private void restartControllers() {
        followActiveFlags();
        manager.runPeriodicControllers();
        manager.reconcile();
    }

    /**
     * Keeps the plan's settings on the running apiservers: the shared flag is the one of the apiserver that answers.
     * The kubelets' {@code clusterDNS} is a fixed address on a real node: when it was derived from the old range it
     * stays on the old address.
     */
    private void followActiveFlags() {
        ClusterState state = api.state();
        ClusterSettings s = state.settings;
        String flag = api.activeApiServer().flags().text();
        if (!flag.equals(s.serviceClusterIPRange())) {
            if (ClusterSettings.DNS_AUTO.equals(s.clusterDNS())) {
                s = s.withClusterDNS(api.kubeletClusterDns().orElseThrow());
            }
            s = s.withServiceClusterIPRange(flag);
        }
        List<ClusterSettings.ApiServerSetting> servers = new ArrayList<>();
        for (ApiServerInstance a : state.apiServers) {
            servers.add(new ClusterSettings.ApiServerSetting(a.name(), a.flags().text().equals(flag) ? null
                    : a.flags().text()));
        }
        boolean plain = servers.size() == 1 && servers.get(0).name().equals(ApiServer.KUBE_APISERVER);
        state.setSettings(s.withApiServers(plain ? List.of() : servers));
    }
}
