package io.berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of the berth CLI: that of its jar (Maven's pom.properties), "dev" when run from classes. */
final class CliVersion {
    private CliVersion() {
    }

    static String version() {
        try (InputStream in = CliVersion.class.getResourceAsStream("/META-INF/maven/io.berth/berth-cli/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev").replace("-SNAPSHOT", ""); // as the server reports it
            }
        } catch (IOException e) {
            // fall through
        }
        return "dev";
    }
}
