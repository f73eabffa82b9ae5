package dev.cidrstudio.model.validation;

import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.ParentReference;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.field.GoValue;
import dev.cidrstudio.model.net.IpParsing;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code ValidateIPAddress}, {@code ValidateIPAddressName} and {@code ValidateIPAddressUpdate}. */
public final class IpAddressValidation {

    private IpAddressValidation() {
    }

    /** The name must be a strictly valid, canonical IP. */
    public static List<FieldError> validateIPAddressName(String name) {
        List<FieldError> errs = new ArrayList<>();
        if (name == null || name.isEmpty()) {
            errs.add(FieldError.required("metadata.name", "name or generateName is required"));
            return errs;
        }
        for (String d : IpParsing.ipProblems(name)) {
            errs.add(FieldError.invalidString("metadata.name", name, d));
        }
        return errs;
    }

    /** {@code ValidateIPAddressName} as a {@code ValidateNameFunc}: a generateName prefix is judged as a name. */
    public static final ObjectMetaValidation.NameFunc NAME_FUNC = (name, prefix) -> IpParsing.ipProblems(name);

    public static List<FieldError> validateIPAddress(IpAddressObject ip) {
        List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.validateObjectMeta(ip.meta(), false, NAME_FUNC));
        errs.addAll(validateParentReference(ip.parentRef()));
        return errs;
    }

    static List<FieldError> validateParentReference(ParentReference ref) {
        List<FieldError> errs = new ArrayList<>();
        String path = "spec.parentRef";
        if (ref == null) {
            errs.add(FieldError.required(path, ""));
            return errs;
        }
        if (ref.group() != null && !ref.group().isEmpty()) {
            NameValidation.addAll(errs, path + ".group", ref.group(), NameValidation.isDns1123Subdomain(ref.group()));
        }
        if (ref.resource() == null || ref.resource().isEmpty()) {
            errs.add(FieldError.required(path + ".resource", ""));
        } else {
            NameValidation.addAll(errs, path + ".resource", ref.resource(),
                    NameValidation.isValidPathSegmentName(ref.resource()));
        }
        if (ref.name() == null || ref.name().isEmpty()) {
            errs.add(FieldError.required(path + ".name", ""));
        } else {
            NameValidation.addAll(errs, path + ".name", ref.name(), NameValidation.isValidPathSegmentName(ref.name()));
        }
        if (ref.namespace() != null && !ref.namespace().isEmpty()) {
            NameValidation.addAll(errs, path + ".namespace", ref.namespace(),
                    NameValidation.isValidPathSegmentName(ref.namespace()));
        }
        return errs;
    }

    public static List<FieldError> validateIPAddressUpdate(IpAddressObject updated, IpAddressObject old) {
        List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.validateObjectMetaUpdate(updated.meta()));
        if (!Objects.equals(updated.parentRef(), old.parentRef())) {
            errs.add(FieldError.invalid("spec.parentRef", goParentRef(updated.parentRef()),
                    ServiceCidrValidation.IMMUTABLE));
        }
        return errs;
    }

    private static GoValue.Rendered goParentRef(ParentReference r) {
        if (r == null) {
            return new GoValue.Rendered("null", "null");
        }
        return new GoValue.Rendered("networking.ParentReference{Group:" + GoValue.quote(nz(r.group())) + ", Resource:"
                + GoValue.quote(nz(r.resource())) + ", Namespace:" + GoValue.quote(nz(r.namespace())) + ", Name:"
                + GoValue.quote(nz(r.name())) + "}", "{\"Group\":" + GoValue.json(nz(r.group()), true)
                + ",\"Resource\":" + GoValue.json(nz(r.resource()), true) + ",\"Namespace\":"
                + GoValue.json(nz(r.namespace()), true) + ",\"Name\":" + GoValue.json(nz(r.name()), true) + "}");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
