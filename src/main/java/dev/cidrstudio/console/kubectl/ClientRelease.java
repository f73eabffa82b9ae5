package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.model.cluster.KubeVersion;

/**
 * The kubectl build the console answers as for a plan's Kubernetes minor: what {@code kubectl version --client}
 * reports, and the source lines its klog warnings name (klog prints {@code file:line}, which moves between releases).
 */
record ClientRelease(String gitVersion, String gitCommit, String buildDate, String goVersion,
        String kustomizeVersion, int dryRunFlagLine, int dryRunTrueLine) {

    static ClientRelease of(KubeVersion version) {
        return switch (version) {
            case V1_33 -> new ClientRelease("v1.33.9", "69220b617523ac1ba5d070e74c12b5daf5e6c572",
                    "2026-02-26T20:22:38Z", "go1.24.13", "v5.6.0", 703, 717);
            case V1_34 -> new ClientRelease("v1.34.5", "ebfac057369b21558006b8815821ab2fb1e29f2d",
                    "2026-02-26T20:06:18Z", "go1.24.13", "v5.7.1", 731, 745);
            case V1_35 -> new ClientRelease("v1.35.2", "fdc9d74cbf2da6754ebf81d56f80ae2948cd6425",
                    "2026-02-26T20:05:34Z", "go1.25.7", "v5.7.1", 719, 733);
        };
    }

    /** {@code GetDryRunStrategy}'s warning for {@code --dry-run=false} comes three lines after the one for true. */
    int dryRunFalseLine() {
        return dryRunTrueLine + 3;
    }

    String major() {
        return gitVersion.substring(1, gitVersion.indexOf('.'));
    }

    String minor() {
        String rest = gitVersion.substring(gitVersion.indexOf('.') + 1);
        return rest.substring(0, rest.indexOf('.'));
    }
}
