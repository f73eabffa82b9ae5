package dev.cidrstudio.model.nodeipam;

/** An error of kube-controller-manager's node IPAM, with its message exactly as Go formats it. */
public final class NodeIpamException extends Exception {

    private static final long serialVersionUID = 1L;

    public NodeIpamException(String message) {
        super(message);
    }
}
