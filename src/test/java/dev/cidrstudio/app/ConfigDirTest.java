package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings live in each system's per-user config directory, nowhere else. */
class ConfigDirTest {

    @Test
    void linuxFollowsXdgConfigHome() {
        assertEquals(Path.of("/home/ana/.config/cidrstudio"), PlanSession.configDirFor("Linux", Map.of(), "/home/ana"));
        assertEquals(Path.of("/srv/cfg/cidrstudio"),
                PlanSession.configDirFor("Linux", Map.of("XDG_CONFIG_HOME", "/srv/cfg"), "/home/ana"));
        // A relative XDG_CONFIG_HOME is invalid by the spec and ignored.
        assertEquals(Path.of("/home/ana/.config/cidrstudio"),
                PlanSession.configDirFor("Linux", Map.of("XDG_CONFIG_HOME", "cfg"), "/home/ana"));
    }

    @Test
    void macAndWindowsUseTheirOwnPlaces() {
        assertEquals(Path.of("/Users/ana/Library/Application Support/CIDR Studio"),
                PlanSession.configDirFor("Mac OS X", Map.of(), "/Users/ana"));
        assertEquals(Path.of("C:\\Users\\ana\\AppData\\Roaming", "CIDR Studio"),
                PlanSession.configDirFor("Windows 11", Map.of("APPDATA", "C:\\Users\\ana\\AppData\\Roaming"),
                        "C:\\Users\\ana"));
    }
}
