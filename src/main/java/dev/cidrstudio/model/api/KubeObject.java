package dev.cidrstudio.model.api;

/** An object of one of the kinds the model knows. */
public sealed interface KubeObject permits Namespace, Service, ServiceCidr, IpAddressObject, Event {

    ObjectMeta meta();

    Kind kind();

    KubeObject withMeta(ObjectMeta meta);

    default String name() {
        return meta().name();
    }

    default String namespace() {
        return meta().namespace();
    }
}
