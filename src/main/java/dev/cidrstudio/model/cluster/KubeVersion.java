package dev.cidrstudio.model.cluster;

/** The Kubernetes minor versions CIDR Studio models, and the behaviour that differs between them. */
public enum KubeVersion {
    V1_33("1.33"),
    V1_34("1.34"),
    V1_35("1.35");

    private final String text;

    KubeVersion(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static KubeVersion parse(String s) {
        for (KubeVersion v : values()) {
            if (v.text.equals(s)) {
                return v;
            }
        }
        return null;
    }

    /**
     * {@code DisableAllocatorDualWrite}: Beta and off in 1.33, GA and on from 1.34. While it is off the new allocator
     * mirrors into the legacy bitmap, and the apiserver keeps the legacy flag size limit.
     */
    public boolean allocatorDualWrite() {
        return this == V1_33;
    }

    /**
     * Whether kubectl prints the missing creation time of an object it built itself as {@code creationTimestamp: null}
     * (1.33); kubectl 1.34 and later leave the field out.
     */
    public boolean printsNullCreationTimestamp() {
        return this == V1_33;
    }

    /** The kube-apiserver checks {@code --service-cluster-ip-range} against the legacy 20-host-bit limit. */
    public boolean flagSizeLimit() {
        return allocatorDualWrite();
    }

    /**
     * apimachinery's {@code field.Error} prints list and struct values with {@code json.Marshal} from 1.34
     * ({@code ["10.96.0.51"]}); 1.33 prints them with Go's {@code %#v} ({@code []string{"10.96.0.51"}}).
     */
    public boolean jsonFieldValues() {
        return this != V1_33;
    }
}
