package io.berth.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What the gateway reports about its own build in Docker Engine API 1.41 {@code GET /version} and
 * {@code GET /info} (Version, ServerVersion, GitCommit, BuildTime) and in the {@code Server} header.
 * Values come from {@code io/berth/gateway/build.properties}, filtered by Maven.
 */
public final class BuildInfo {
    /** berth's version without a "-SNAPSHOT" suffix, e.g. "0.1.0". */
    public static final String VERSION;
    /** Build time, RFC 3339 in UTC, e.g. "2026-11-29T10:00:00Z" ("unknown" outside a Maven build). */
    public static final String BUILD_TIME;
    /** The git commit berth was built from; berth's build does not record it yet. */
    public static final String GIT_COMMIT = "unknown";

    static {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Defaults below.
        }
        VERSION = clean(p.getProperty("version"), "0.0.0").replace("-SNAPSHOT", "");
        BUILD_TIME = clean(p.getProperty("buildTime"), "unknown");
    }

    private BuildInfo() {
    }

    private static String clean(String value, String fallback) {
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : value.trim();
    }

    /** @return the Java version the gateway runs on, shown where Docker shows its Go version, e.g. "java17.0.15" */
    public static String runtimeVersion() {
        return "java" + System.getProperty("java.version");
    }
}
