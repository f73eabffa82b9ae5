package dev.cidrstudio.app;

/** Cluster dumps shaped like {@code kubectl get servicecidrs,ipaddresses,services -A -o yaml}. */
final class DumpFixtures {

    private DumpFixtures() {
    }

    static String service(String ns, String name, String ip, int i) {
        return """
                - apiVersion: v1
                  kind: Service
                  metadata:
                    creationTimestamp: "2026-03-02T10:%02d:00Z"
                    labels:
                      app: %s
                    name: %s
                    namespace: %s
                    resourceVersion: "%d"
                    uid: 0b7a6c1e-0000-4000-8000-%012d
                  spec:
                    clusterIP: %s
                    clusterIPs:
                    - %s
                    internalTrafficPolicy: Cluster
                    ipFamilies:
                    - IPv4
                    ipFamilyPolicy: SingleStack
                    ports:
                    - name: http
                      port: 80
                      protocol: TCP
                      targetPort: 8080
                    selector:
                      app: %s
                    sessionAffinity: None
                    type: ClusterIP
                  status:
                    loadBalancer: {}
                """.formatted(i % 60, name, name, ns, 5000 + i, i, ip, ip, name);
    }

    static String ipAddress(String ip, String ns, String svc, int i) {
        return """
                - apiVersion: networking.k8s.io/v1
                  kind: IPAddress
                  metadata:
                    creationTimestamp: "2026-03-02T10:%02d:00Z"
                    labels:
                      ipaddress.kubernetes.io/ip-family: IPv4
                      ipaddress.kubernetes.io/managed-by: ipallocator.k8s.io
                    name: %s
                    resourceVersion: "%d"
                    uid: 1c8b7d2f-0000-4000-8000-%012d
                  spec:
                    parentRef:
                      group: ""
                      name: %s
                      namespace: %s
                      resource: services
                """.formatted(i % 60, ip, 9000 + i, i, svc, ns);
    }

    /** A small cluster: a /24, eleven Services, one IP outside every range, one leaked IPAddress. */
    static String smallDump() {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nitems:\n");
        sb.append("""
                - apiVersion: networking.k8s.io/v1
                  kind: ServiceCIDR
                  metadata:
                    creationTimestamp: "2026-03-01T08:00:00Z"
                    finalizers:
                    - networking.k8s.io/service-cidr-finalizer
                    name: kubernetes
                    resourceVersion: "210"
                    uid: 5ffd8afe-c78f-4e60-ae76-cec448a8af40
                  spec:
                    cidrs:
                    - 10.96.0.0/24
                  status:
                    conditions:
                    - lastTransitionTime: "2026-03-01T08:00:01Z"
                      message: Kubernetes Service CIDR is ready
                      reason: ""
                      status: "True"
                      type: Ready
                """);
        sb.append(ipAddress("10.96.0.1", "default", "kubernetes", 0));
        sb.append(service("default", "kubernetes", "10.96.0.1", 0).replace("name: http\n      port: 80",
                "name: https\n      port: 443").replace("targetPort: 8080", "targetPort: 6443"));
        for (int i = 1; i <= 10; i++) {
            String ip = "10.96.0." + (100 + i);
            sb.append(ipAddress(ip, "shop", "svc-" + i, i));
            sb.append(service("shop", "svc-" + i, ip, i));
        }
        sb.append(service("shop", "stray", "10.200.0.5", 11));
        sb.append(ipAddress("10.96.0.77", "shop", "gone", 12));
        sb.append("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
        return sb.toString();
    }
}
