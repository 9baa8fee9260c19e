package io.berth.engine.runtime;

import io.berth.common.errors.InvalidArgumentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Resolves Docker's {@code User} ("", "nobody", "1000", "1000:1000", "nobody:nogroup", "0:wheel") against
 * the container's own /etc/passwd and /etc/group, as runc's libcontainer/user {@code GetExecUser} does:
 * a name must exist in the file; a number need not (its group then defaults to 0); without an explicit
 * group, the passwd entry's group plus every group listing the user as a member.
 */
public final class UserResolver {
    private record Passwd(String name, int uid, int gid) {
    }

    private record Group(String name, int gid, List<String> members) {
    }

    private UserResolver() {
    }

    /**
     * @param rootfs the container's root filesystem
     * @param spec the User value
     * @return the resolved identity
     * @throws InvalidArgumentException with runc's text when a name is not found or an ID is out of range
     */
    public static ExecUser resolve(Path rootfs, String spec) {
        String s = spec == null ? "" : spec.trim();
        String userPart = s.contains(":") ? s.substring(0, s.indexOf(':')) : s;
        String groupPart = s.contains(":") ? s.substring(s.indexOf(':') + 1) : "";
        List<Passwd> passwd = readPasswd(rootfs);
        int uid = 0;
        int gid = 0;
        String userName = "root";
        if (!userPart.isEmpty()) {
            Optional<Passwd> p = passwd.stream().filter(e -> e.name().equals(userPart)
                    || (isNumber(userPart) && e.uid() == parseId(userPart, "user"))).findFirst();
            if (p.isEmpty() && !isNumber(userPart)) {
                throw new InvalidArgumentException("unable to find user " + userPart
                        + ": no matching entries in passwd file");
            }
            uid = p.map(Passwd::uid).orElseGet(() -> parseId(userPart, "user"));
            gid = p.map(Passwd::gid).orElse(0);
            userName = p.map(Passwd::name).orElse(null);
        } else {
            Optional<Passwd> root = passwd.stream().filter(e -> e.uid() == 0).findFirst();
            gid = root.map(Passwd::gid).orElse(0);
        }
        List<Group> groups = readGroups(rootfs);
        if (!groupPart.isEmpty()) {
            Optional<Group> g = groups.stream().filter(e -> e.name().equals(groupPart)
                    || (isNumber(groupPart) && e.gid() == parseId(groupPart, "group"))).findFirst();
            if (g.isEmpty() && !isNumber(groupPart)) {
                throw new InvalidArgumentException("unable to find group " + groupPart
                        + ": no matching entries in group file");
            }
            return new ExecUser(uid, g.map(Group::gid).orElseGet(() -> parseId(groupPart, "group")), List.of());
        }
        List<Integer> extra = new ArrayList<>();
        for (Group g : groups) {
            if (userName != null && g.members().contains(userName) && g.gid() != gid && !extra.contains(g.gid())) {
                extra.add(g.gid());
            }
        }
        return new ExecUser(uid, gid, extra);
    }

    /**
     * Adds Docker's {@code GroupAdd} to a resolved user's supplementary groups (libcontainer's
     * {@code GetAdditionalGroupsPath}): a name is looked up in the container's {@code /etc/group}, a number is
     * taken as it is.
     *
     * @param user the resolved user
     * @param rootfs the container's root filesystem
     * @param groupAdd group names or IDs
     * @return the user with those groups added (each once)
     * @throws InvalidArgumentException "Unable to find group x" for an unknown name, or an ID out of range
     */
    public static ExecUser withGroups(ExecUser user, Path rootfs, List<String> groupAdd) {
        if (groupAdd.isEmpty()) {
            return user;
        }
        List<Group> groups = readGroups(rootfs);
        List<Integer> extra = new ArrayList<>(user.additionalGids());
        for (String g : groupAdd) {
            Optional<Group> found = groups.stream().filter(e -> e.name().equals(g)).findFirst();
            if (found.isEmpty() && !isNumber(g)) {
                throw new InvalidArgumentException("Unable to find group " + g);
            }
            int gid = found.map(Group::gid).orElseGet(() -> parseId(g, "group"));
            if (!extra.contains(gid)) {
                extra.add(gid);
            }
        }
        return new ExecUser(user.uid(), user.gid(), extra);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private static int parseId(String s, String what) {
        try {
            long v = Long.parseLong(s);
            if (v >= 0 && v <= Integer.MAX_VALUE) {
                return (int) v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new InvalidArgumentException(what + " ID " + s + " is out of range");
    }

    private static List<Passwd> readPasswd(Path rootfs) {
        List<Passwd> out = new ArrayList<>();
        for (String[] f : readColonFile(rootfs, "/etc/passwd")) {
            if (f.length >= 4 && isNumber(f[2]) && isNumber(f[3])) {
                out.add(new Passwd(f[0], parseId(f[2], "user"), parseId(f[3], "group")));
            }
        }
        return out;
    }

    private static List<Group> readGroups(Path rootfs) {
        List<Group> out = new ArrayList<>();
        for (String[] f : readColonFile(rootfs, "/etc/group")) {
            if (f.length >= 3 && isNumber(f[2])) {
                List<String> members = f.length >= 4 && !f[3].isEmpty() ? Arrays.asList(f[3].split(",")) : List.of();
                out.add(new Group(f[0], parseId(f[2], "group"), members));
            }
        }
        return out;
    }

    private static List<String[]> readColonFile(Path rootfs, String path) {
        List<String[]> out = new ArrayList<>();
        try {
            Path file = RootfsPaths.resolve(rootfs, path);
            if (!RootfsPaths.isFile(file)) {
                return out;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.trim();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    out.add(l.split(":", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " of the container", e);
        }
        return out;
    }
}
