package io.berth.gateway.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The optional {@code /vX.Y} prefix of a Docker Engine API path (API 1.41: every route is also served
 * under {@code /v{version:[0-9.]+}}). Unprefixed paths mean the current version, 1.41.
 * Accepted: 1.12 to 1.41. Newer: 400 "client version 1.50 is too new. Maximum supported API version is
 * 1.41" (Testcontainers relies on this to fall back to 1.32). Older: 400 "client version 1.11 is too old.
 * Minimum supported API version is 1.12, please upgrade your client to a newer version".
 *
 * @param version the version from the prefix, or {@link ResponseHeaders#API_VERSION} if there was none
 * @param path the path without the prefix, starting with "/"
 */
public record ApiVersion(String version, String path) {
    private static final Pattern PREFIX = Pattern.compile("^/v([0-9][0-9.]*)(/.*)?$");

    /**
     * Splits and checks the version prefix.
     *
     * @param path the decoded request path, e.g. "/v1.41/containers/json" or "/_ping"
     * @return the version and the rest of the path ("/" if the prefix was all there was)
     * @throws UnsupportedApiVersionException if the version is outside 1.12..1.41
     */
    public static ApiVersion strip(String path) {
        Matcher m = PREFIX.matcher(path);
        if (!m.matches()) {
            return new ApiVersion(ResponseHeaders.API_VERSION, path);
        }
        String v = m.group(1);
        String rest = m.group(2) == null ? "/" : m.group(2);
        if (compare(v, ResponseHeaders.API_VERSION) > 0) {
            throw new UnsupportedApiVersionException("client version " + v
                    + " is too new. Maximum supported API version is " + ResponseHeaders.API_VERSION, false);
        }
        if (compare(v, ResponseHeaders.MIN_API_VERSION) < 0) {
            throw new UnsupportedApiVersionException("client version " + v
                    + " is too old. Minimum supported API version is " + ResponseHeaders.MIN_API_VERSION
                    + ", please upgrade your client to a newer version", true);
        }
        return new ApiVersion(v, rest);
    }

    /**
     * Compares dotted versions numerically, component by component ("1.9" &lt; "1.12"); missing
     * components count as 0.
     *
     * @param a a version such as "1.41"
     * @param b another version
     * @return negative, zero or positive as a is older, equal or newer
     */
    public static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? parse(x[i]) : 0;
            long q = i < y.length ? parse(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long parse(String component) {
        if (component.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(component);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
