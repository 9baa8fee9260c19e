package io.berth.gateway.types.system;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * SystemInfo.ContainerdCommit, RuncCommit and InitCommit (Docker Engine API 1.41, swagger Commit).
 *
 * @param id the commit the component reports
 * @param expected the commit expected; the CLI flags a mismatch
 */
public record Commit(@JsonProperty("ID") String id, @JsonProperty("Expected") String expected) {
    /** @return a commit berth does not know ("" and ""), so the CLI flags no mismatch */
    public static Commit unknown() {
        return new Commit("", "");
    }
}
