package io.berth.storage.snapshot.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * User and group names of numeric IDs from the host's {@code /etc/passwd} and {@code /etc/group}, as Go's
 * {@code archive/tar.FileInfoHeader} fills in Uname and Gname (so dockerd's exports name the host's users).
 * An ID without an entry has the empty name.
 */
final class HostNames {
    private final Map<Integer, String> users;
    private final Map<Integer, String> groups;

    private HostNames(Map<Integer, String> users, Map<Integer, String> groups) {
        this.users = users;
        this.groups = groups;
    }

    /** @return the names the host's files give (empty maps if they cannot be read) */
    static HostNames load() {
        return new HostNames(read(Path.of("/etc/passwd")), read(Path.of("/etc/group")));
    }

    String user(int uid) {
        return users.getOrDefault(uid, "");
    }

    String group(int gid) {
        return groups.getOrDefault(gid, "");
    }

    /** Reads "name:x:id:..." lines; the first name of an ID wins. */
    private static Map<Integer, String> read(Path file) {
        Map<Integer, String> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && !f[0].isEmpty()) {
                    try {
                        m.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                    } catch (NumberFormatException ignored) {
                        // not an entry
                    }
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return m;
    }
}
