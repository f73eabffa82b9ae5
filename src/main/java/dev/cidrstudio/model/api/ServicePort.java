package dev.cidrstudio.model.api;

/**
 * One entry of {@code spec.ports}. {@code targetPort} is an int-or-string; it is kept as the text it was written
 * as, with {@code targetPortIsNumber} telling which.
 */
public record ServicePort(String name, String protocol, int port, String targetPort, boolean targetPortIsNumber,
        Integer nodePort, String appProtocol) {

    public static ServicePort tcp(int port) {
        return new ServicePort(null, "TCP", port, null, true, null, null);
    }

    public ServicePort withNodePort(Integer np) {
        return new ServicePort(name, protocol, port, targetPort, targetPortIsNumber, np, appProtocol);
    }

    public ServicePort withProtocol(String p) {
        return new ServicePort(name, p, port, targetPort, targetPortIsNumber, nodePort, appProtocol);
    }

    public ServicePort withTargetPort(String tp, boolean isNumber) {
        return new ServicePort(name, protocol, port, tp, isNumber, nodePort, appProtocol);
    }
}
