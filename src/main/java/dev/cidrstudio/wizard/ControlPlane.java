package dev.cidrstudio.wizard;

/** The console's {@code control-plane} commands the scenarios use, for what happens on the control-plane nodes. */
final class ControlPlane {

    static final String STATUS = "control-plane status";
    static final String RESTART = "control-plane restart-apiserver";
    static final String SET_KUBELET_DNS = "control-plane set-kubelet-cluster-dns";

    private ControlPlane() {
    }
}
