package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.manifest.ManifestDecoder;
import dev.cidrstudio.io.manifest.ManifestException;
import dev.cidrstudio.io.manifest.Plain;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.policy.PolicyAdmission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inspector's Apply: the edited YAML of one object written back through the API server, as {@code kubectl
 * apply} would (update when it exists, create when not), with the server's own validation and admission; a
 * policy or binding is validated as on create and replaces the old one. The caller wraps it in an undoable edit.
 */
public final class InspectorEdit {

    private InspectorEdit() {
    }

    /** Why the edit was refused: the decoder's or the API server's messages, each with its line when known. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> messages;

        Refused(List<String> messages) {
            super(String.join("\n", messages), null, false, false);
            this.messages = List.copyOf(messages);
        }

        public List<String> messages() {
            return messages;
        }
    }

    /** Applies the YAML of exactly one object; returns what kubectl would print ("servicecidr.../x configured"). */
    public static String apply(ApiServer api, String yaml) throws Refused {
        List<Decoded> docs;
        try {
            docs = ManifestDecoder.decodeAll("inspector", yaml);
        } catch (ManifestException e) {
            List<String> out = new ArrayList<>();
            e.problems().forEach(p -> out.add(ManifestImport.problem(p).describe()));
            throw new Refused(out);
        }
        if (docs.size() != 1) {
            throw new Refused(List.of("inspector: error: the inspector applies exactly one object, found "
                    + docs.size()));
        }
        Decoded d = docs.get(0);
        if (d instanceof Decoded.Object o) {
            KubeObject obj = o.object();
            try {
                boolean exists = api.find(obj.kind(), obj.namespace(), obj.name()).isPresent();
                KubeObject result = exists ? api.update(obj) : api.create(obj);
                return obj.kind().groupKindLower() + "/" + result.name() + (exists ? " configured" : " created");
            } catch (ApiException e) {
                throw new Refused(Refusals.of(o, e).stream().map(Finding::describe).toList());
            }
        }
        if (d instanceof Decoded.Other other && PolicyAdmission.isPolicyKind(other.apiVersion(), other.kind())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> content = (Map<String, Object>) Plain.toPlain(other.raw());
            List<Finding> problems = Refusals.ofPolicy(other, content, api.state()).stream()
                    .filter(f -> f.severity() == Finding.Severity.ERROR).toList();
            if (!problems.isEmpty()) {
                throw new Refused(problems.stream().map(Finding::describe).toList());
            }
            java.util.Map<String, Object> existing = api.state().kept().stream().filter(k -> k.kind().equals(
                    other.kind()) && k.name().equals(other.name())).findFirst().map(KeptObject::content).orElse(null);
            api.keep(new KeptObject(other.apiVersion(), other.kind(), null, other.name(),
                    dev.cidrstudio.model.policy.PolicyStorage.stored(api, content, existing)));
            return other.kind().toLowerCase(java.util.Locale.ROOT) + "." + PolicyAdmission.GROUP + "/"
                    + other.name() + " configured";
        }
        throw new Refused(List.of("inspector: error: " + (d instanceof Decoded.Other o ? o.kind()
                : "this document") + " cannot be edited here; ServiceCIDRs, Services, IPAddresses, Namespaces and "
                        + "admission policies can"));
    }
}
