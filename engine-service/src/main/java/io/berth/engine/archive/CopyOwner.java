package io.berth.engine.archive;

import io.berth.engine.container.ContainerRecord;
import io.berth.engine.runtime.ExecUser;
import io.berth.engine.runtime.UserResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The owner {@code copyUIDGID} gives extracted entries: the container's configured user resolved in the
 * container's own /etc/passwd and /etc/group (dockerd 20.10 looks the name up on the host, a bug); no
 * user configured keeps the tar's ownership, as dockerd does. The two files are read through the scoped
 * root into a private temporary directory, so a link planted as /etc/passwd cannot make the engine read a
 * host file.
 */
final class CopyOwner {
    private CopyOwner() {
    }

    /**
     * @param root the container's root
     * @param r the container
     * @return the owner, or null to keep the tar's
     * @throws IOException if the copy fails
     * @throws io.berth.common.errors.InvalidArgumentException for a user name the container does not know
     */
    static TarExtractor.Owner of(ScopedRoot root, ContainerRecord r) throws IOException {
        String user = r.config().getUser();
        if (user.isEmpty()) {
            return null;
        }
        Path tmp = Files.createTempDirectory("berth-cp-user");
        try {
            Files.createDirectory(tmp.resolve("etc"));
            for (String f : new String[] {"passwd", "group"}) {
                byte[] b = ContainerArchives.readSmallFile(root, "/etc/" + f);
                if (b != null) {
                    Files.write(tmp.resolve("etc").resolve(f), b);
                }
            }
            ExecUser u = UserResolver.resolve(tmp, user);
            return new TarExtractor.Owner(u.uid(), u.gid());
        } finally {
            for (String f : new String[] {"etc/passwd", "etc/group", "etc"}) {
                Files.deleteIfExists(tmp.resolve(f));
            }
            Files.deleteIfExists(tmp);
        }
    }
}
