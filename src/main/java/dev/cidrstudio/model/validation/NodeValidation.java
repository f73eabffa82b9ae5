package dev.cidrstudio.model.validation;

import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.field.GoValue;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code spec.podCIDRs} part of {@code ValidateNode}. */
public final class NodeValidation {

    private NodeValidation() {
    }

    /**
     * The v1 conversion of {@code spec.podCIDR} and {@code spec.podCIDRs}: when {@code podCIDR} is set and differs
     * from {@code podCIDRs[0]}, it wins and the list becomes just it.
     */
    public static List<String> convertPodCidrs(String podCidr, List<String> podCidrs) {
        List<String> list = podCidrs == null ? List.of() : podCidrs;
        if (podCidr != null && !podCidr.isEmpty() && (list.isEmpty() || !list.get(0).equals(podCidr))) {
            return List.of(podCidr);
        }
        return list;
    }

    /**
     * Each entry a CIDR (the legacy check), more than one only as a dual-stack pair, no duplicates. A list with an
     * unparseable entry also gets the internal error {@code IsDualStackCIDRStrings} reports.
     */
    public static List<FieldError> validatePodCidrs(List<String> cidrs) {
        List<FieldError> errs = new ArrayList<>();
        if (cidrs.isEmpty()) {
            return errs;
        }
        String path = "spec.podCIDRs";
        List<IpFamily> families = new ArrayList<>();
        int firstBad = -1;
        for (int i = 0; i < cidrs.size(); i++) {
            var parsed = IpParsing.parseCidrSloppy(cidrs.get(i));
            if (parsed.isEmpty()) {
                errs.add(FieldError.invalidString(path + "[" + i + "]", cidrs.get(i), IpParsing.INVALID_CIDR));
                families.add(null);
                firstBad = firstBad < 0 ? i : firstBad;
            } else {
                families.add(IpParsing.goFamily(parsed.get().address()));
            }
        }
        if (cidrs.size() > 1) {
            if (firstBad >= 0) {
                errs.add(FieldError.internal(path, "invalid PodCIDRs. failed to check with dual stack with error:"
                        + "invalid CIDR[" + firstBad + "]: <nil> (invalid CIDR address: " + cidrs.get(firstBad) + ")"));
            }
            boolean dualStack = firstBad < 0 && new HashSet<>(families).size() > 1;
            if (!dualStack || cidrs.size() > 2) {
                errs.add(FieldError.invalid(path, GoValue.strings(cidrs),
                        "may specify no more than one CIDR for each IP family"));
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < cidrs.size(); i++) {
                if (!seen.add(cidrs.get(i))) {
                    errs.add(FieldError.duplicate(path + "[" + i + "]", GoValue.quote(cidrs.get(i))));
                }
            }
        }
        return errs;
    }
}
