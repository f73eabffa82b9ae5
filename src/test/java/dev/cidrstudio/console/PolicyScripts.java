package dev.cidrstudio.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The manifests of scripts/servicecidr-policy.sh as one multi-document file. */
public final class PolicyScripts {

    private PolicyScripts() {
    }

    public static String documents() throws IOException {
        String script = ConsoleReplayTest.resource("/dev/cidrstudio/console/docs/servicecidr-policy.sh");
        Matcher m = Pattern.compile("cat <<EOF \\| kubectl apply -f -\\n(.*?)EOF\\n", Pattern.DOTALL).matcher(script);
        List<String> docs = new ArrayList<>();
        while (m.find()) {
            docs.add(m.group(1));
        }
        return String.join("---\n", docs);
    }
}
