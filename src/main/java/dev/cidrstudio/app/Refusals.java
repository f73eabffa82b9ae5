package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.manifest.PathLocator;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.field.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Turns an API refusal of a decoded document into findings at the lines of the fields it names. */
final class Refusals {

    private Refusals() {
    }

    static List<Finding> of(Decoded.Object d, ApiException e) {
        var status = e.status();
        List<Finding> out = new ArrayList<>();
        if (status.causes().isEmpty()) {
            out.add(new Finding(Finding.Severity.ERROR, d.source(), d.mark(), status.message()));
            return out;
        }
        KubeObject obj = d.object();
        String qualified = obj.kind().group().isEmpty() ? obj.kind().kindName()
                : obj.kind().kindName() + "." + obj.kind().group();
        for (FieldError fe : status.causes()) {
            var mark = d.raw() == null ? d.mark() : PathLocator.find(d.raw(), fe.field());
            out.add(new Finding(Finding.Severity.ERROR, d.source(), mark,
                    qualified + " \"" + obj.name() + "\" is invalid: " + fe));
        }
        return out;
    }
}
