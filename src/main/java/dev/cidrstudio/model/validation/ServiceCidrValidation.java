package dev.cidrstudio.model.validation;

import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.field.GoValue;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code ValidateServiceCIDR} and {@code ValidateServiceCIDRUpdate}. */
public final class ServiceCidrValidation {

    public static final String AT_LEAST_ONE = "at least one CIDR required";
    public static final String UP_TO_TWO = "may only hold up to 2 values";
    public static final String ONE_PER_FAMILY =
            "may specify no more than one IP for each IP family, i.e 192.168.0.0/24 and 2001:db8::/64";
    public static final String IMMUTABLE = "field is immutable";

    private ServiceCidrValidation() {
    }

    /** The spec struct, the bad value of the "up to 2 values" error (the internal type has no JSON tags). */
    static GoValue.Rendered specValue(List<String> cidrs) {
        return new GoValue.Rendered("networking.ServiceCIDRSpec{CIDRs:" + GoValue.stringSlice(cidrs) + "}",
                "{\"CIDRs\":" + GoValue.jsonStrings(cidrs) + "}");
    }

    public static List<FieldError> validateServiceCIDR(ServiceCidr sc) {
        List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.validateObjectMeta(sc.meta(), false,
                ObjectMetaValidation.NAME_IS_DNS_SUBDOMAIN));
        errs.addAll(validateServiceCIDRSpec(sc.cidrs()));
        return errs;
    }

    public static List<FieldError> validateServiceCIDRSpec(List<String> cidrs) {
        List<FieldError> errs = new ArrayList<>();
        List<String> list = cidrs == null ? List.of() : cidrs;
        if (list.isEmpty()) {
            errs.add(FieldError.required("spec.cidrs", AT_LEAST_ONE));
            return errs;
        }
        if (list.size() > 2) {
            errs.add(FieldError.invalid("spec.cidrs", specValue(cidrs), UP_TO_TWO));
            return errs;
        }
        for (int i = 0; i < list.size(); i++) {
            for (String detail : IpParsing.cidrProblems(list.get(i))) {
                errs.add(FieldError.invalidString("spec.cidrs[" + i + "]", list.get(i), detail));
            }
        }
        if (list.size() == 2) {
            Optional<IpFamily> a = sloppyFamily(list.get(0));
            Optional<IpFamily> b = sloppyFamily(list.get(1));
            if (a.isPresent() && b.isPresent() && a.get() == b.get()) {
                errs.add(FieldError.invalid("spec.cidrs", GoValue.strings(list), ONE_PER_FAMILY));
            }
        }
        return errs;
    }

    private static Optional<IpFamily> sloppyFamily(String cidr) {
        return IpParsing.parseCidrSloppy(cidr).map(w -> IpParsing.goFamily(w.address()));
    }

    public static List<FieldError> validateServiceCIDRUpdate(ServiceCidr updated, ServiceCidr old) {
        List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.validateObjectMetaUpdate(updated.meta()));
        List<String> n = updated.cidrsOrEmpty();
        List<String> o = old.cidrsOrEmpty();
        if (n.size() == o.size()) {
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).equals(o.get(i))) {
                    errs.add(FieldError.invalidString("spec.cidrs[" + i + "]", n.get(i), IMMUTABLE));
                }
            }
        } else if (o.size() == 1 && n.size() == 2) {
            if (!n.get(0).equals(o.get(0))) {
                errs.add(FieldError.invalidString("spec.cidrs[0]", n.get(0), IMMUTABLE));
            }
            errs.addAll(validateServiceCIDRSpec(n));
        } else {
            errs.add(FieldError.invalid("spec.cidrs", GoValue.strings(updated.cidrs()), IMMUTABLE));
        }
        return errs;
    }
}
