package dev.cidrstudio.model.hosts;

import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.model.validation.NameValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code ValidateHostAliases}: each IP with the legacy-field IP check, each hostname as a DNS-1123 subdomain. */
public final class HostAliasValidation {

    private HostAliasValidation() {
    }

    /**
     * @param strictIpCidrValidation the {@code StrictIPCIDRValidation} feature gate (default off in 1.33-1.35):
     *                               when on, leading zeros and IPv4-mapped IPv6 addresses are refused too
     */
    public static List<FieldError> validate(List<HostAlias> aliases, String path, boolean strictIpCidrValidation) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < aliases.size(); i++) {
            HostAlias a = aliases.get(i);
            String at = path + "[" + i + "]";
            for (String detail : ipProblems(a.ip(), strictIpCidrValidation)) {
                errs.add(FieldError.invalidString(at + ".ip", a.ip(), detail));
            }
            for (int j = 0; j < a.hostnames().size(); j++) {
                String h = a.hostnames().get(j);
                NameValidation.addAll(errs, at + ".hostnames[" + j + "]", h, NameValidation.isDns1123Subdomain(h));
            }
        }
        return errs;
    }

    /** {@code IsValidIPForLegacyField}: parseable at all; with strict validation, no leading 0s and not mapped. */
    static List<String> ipProblems(String ip, boolean strict) {
        Optional<IpAddress> sloppy = IpParsing.parseIpSloppy(ip);
        if (sloppy.isEmpty()) {
            return List.of(IpParsing.INVALID_IP);
        }
        if (strict) {
            if (IpParsing.parseIpStrict(ip).isEmpty()) {
                return List.of(IpParsing.IP_LEADING_ZEROS);
            }
            if (sloppy.get().isIpv4Mapped()) {
                return List.of(IpParsing.IP_MAPPED);
            }
        }
        return List.of();
    }
}
