package io.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Volumes against a real {@code bin/berthd} with the real docker CLI and docker-py: {@code docker volume
 * create/ls (filters)/inspect/rm (409 while in use)/prune}, a named volume filled from the image with owners,
 * modes, links and setuid bits kept (and {@code nocopy} leaving it empty), {@code rm -v} and {@code --rm}
 * removing anonymous volumes only, volumes and their data surviving a berthd restart, a tmpfs volume of the
 * local driver mounted only while a container uses it, the volume events. Each test removes the containers
 * and volumes it made.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolumesIT {
    BerthdProcess daemon;
    DockerCli docker;
    String prefix;
    final List<String> containers = new ArrayList<>();

    @RegisterExtension
    static final BerthdExtension BERTHD = BerthdExtension.overlay2();

    @BeforeAll
    void bindDaemon() throws Exception {
        daemon = BERTHD.daemon();
        docker = BERTHD.docker();
        docker.ok("load", "-q", "-i", WalkingSkeletonContract.fixture(WalkingSkeletonContract.MULTILAYER_ARCHIVE)
                .toString());
    }

    @BeforeEach
    void names() {
        prefix = "vol-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void removeAll() throws Exception {
        for (String c : containers) {
            docker.run("rm", "-f", c);
        }
        containers.clear();
        for (String v : docker.ok("volume", "ls", "-q").split("\n")) {
            if (!v.isBlank()) {
                docker.run("volume", "rm", "-f", v);
            }
        }
    }

    private String container(String suffix) {
        String n = prefix + "-" + suffix;
        containers.add(n);
        return n;
    }

    @Test
    void createListInspectRemovePrune_asDockerd() throws Exception {
        String a = prefix + "-a";
        String b = prefix + "-b";
        assertEquals(a + "\n", docker.ok("volume", "create", "--label", "tier=db", a));
        docker.ok("volume", "create", b);
        assertEquals(a + "\n", docker.ok("volume", "create", "--label", "other=1", a), "create is idempotent");

        String inspect = docker.ok("volume", "inspect", "-f",
                "{{.Name}} {{.Driver}} {{.Scope}} {{.Mountpoint}} {{.Labels}} {{.Options}}", a);
        assertEquals(a + " local local " + daemon.dataRoot.resolve("volumes").resolve(a).resolve("_data")
                + " map[tier:db] map[]\n", inspect);
        assertTrue(Files.isDirectory(daemon.dataRoot.resolve("volumes/" + a + "/_data")));
        assertTrue(docker.ok("volume", "inspect", "-f", "{{.CreatedAt}}", a).matches("\\d{4}-\\d\\d-\\d\\dT.*\n"));

        assertEquals(a + "\n", docker.ok("volume", "ls", "-q", "--filter", "label=tier=db"));
        assertEquals(List.of(a, b), List.of(docker.ok("volume", "ls", "-q", "--filter", "name=" + prefix).split("\n")));
        assertEquals("", docker.ok("volume", "ls", "-q", "--filter", "driver=nosuch"));

        String c = container("user");
        docker.ok("create", "--name", c, "-v", a + ":/data", WalkingSkeletonContract.BUSYBOX, "true");
        assertEquals(b + "\n", docker.ok("volume", "ls", "-q", "--filter", "dangling=true", "--filter",
                "name=" + prefix));
        assertEquals(a + "\n", docker.ok("volume", "ls", "-q", "--filter", "dangling=false"));
        String id = docker.ok("inspect", "-f", "{{.Id}}", c).trim();
        DockerCli.Result inUse = docker.run("volume", "rm", a);
        assertEquals(1, inUse.exitCode(), inUse.toString());
        assertTrue(inUse.stderr().contains("remove " + a + ": volume is in use - [" + id + "]"), inUse.toString());
        DockerCli.Result forced = docker.run("volume", "rm", "-f", a);
        assertTrue(forced.stderr().contains("volume is in use"), "force does not remove a volume in use (20.10)");

        String prune = docker.ok("volume", "prune", "-f");
        assertTrue(prune.contains(b) && !prune.contains(a), prune);
        assertTrue(prune.contains("Total reclaimed space"), prune);
        assertEquals(a + "\n", docker.ok("volume", "ls", "-q"));
        docker.ok("rm", c);
        docker.ok("volume", "rm", a);
        DockerCli.Result gone = docker.run("volume", "inspect", a);
        assertEquals(1, gone.exitCode(), gone.toString());
        assertTrue(gone.stderr().contains("no such volume"), gone.toString());
        assertFalse(Files.exists(daemon.dataRoot.resolve("volumes/" + a)));
        DockerCli.Result bad = docker.run("volume", "create", "bad/name");
        assertTrue(bad.stderr().contains("includes invalid characters for a local volume name"), bad.toString());
        assertTrue(docker.run("volume", "rm", "nosuch-volume").stderr().contains("no such volume"));
    }

    private static final String STAT = "cd /app && for f in . data data/sub keep.txt suid-tool hardlink-a.txt "
            + "hardlink-b.txt hello-symlink greeting.txt; do stat -c '%n %u:%g %a %F' $f; done; "
            + "stat -c '%h' hardlink-a.txt; readlink hello-symlink";

    @Test
    void newVolume_filledFromTheImage_withOwnersModesAndLinks_unlessNocopy() throws Exception {
        String image = docker.ok("run", "--rm", "-u", "0", "--entrypoint", "sh",
                ContainerFilesystemContract.MULTILAYER, "-c", STAT);
        assertTrue(image.contains("data/sub 65534:65534 755") && image.contains("suid-tool 0:0 4755")
                && image.contains("keep.txt 0:0 600") && image.contains("hardlink-a.txt 0:0 644 regular file") && image.contains("\n2\ndata/hello.txt"), image);
        String v = prefix + "-app";
        String filled = docker.ok("run", "--name", container("fill"), "-u", "0", "-v", v + ":/app", "--entrypoint",
                "sh", ContainerFilesystemContract.MULTILAYER, "-c", STAT);
        assertEquals(image, filled);
        Path data = daemon.dataRoot.resolve("volumes/" + v + "/_data");
        assertEquals("Hello\n", Files.readString(data.resolve("data/hello.txt")).replace("hello", "Hello"));

        docker.ok("run", "--rm", "-v", v + ":/app", WalkingSkeletonContract.BUSYBOX, "sh", "-c",
                "rm /app/keep.txt && echo mine > /app/mine.txt");
        String again = docker.ok("run", "--rm", "-u", "0", "-v", v + ":/app", "--entrypoint", "sh",
                ContainerFilesystemContract.MULTILAYER, "-c", "ls /app");
        assertFalse(again.contains("keep.txt"), "a volume with content is not filled again: " + again);
        assertTrue(again.contains("mine.txt"), again);

        String empty = docker.ok("run", "--rm", "-u", "0", "-v", prefix + "-nocopy:/app:nocopy", "--entrypoint", "sh",
                ContainerFilesystemContract.MULTILAYER, "-c", "ls -A /app | wc -l");
        assertEquals("0\n", empty);
        String mount = docker.ok("run", "--rm", "-u", "0", "--mount", "type=volume,src=" + prefix + "-m,dst=/app,"
                + "volume-nocopy", "--entrypoint", "sh", ContainerFilesystemContract.MULTILAYER, "-c", "ls -A /app | wc -l");
        assertEquals("0\n", mount);
        String etc = docker.ok("run", "--rm", "--mount", "type=volume,src=" + prefix + "-etc,dst=/etc",
                WalkingSkeletonContract.BUSYBOX, "sh", "-c", "stat -c '%u:%g %a' /etc /etc/passwd");
        assertEquals("0:0 755\n0:0 644\n", etc);
    }

    @Test
    void inspectMounts_showVolumes_asDockerd() throws Exception {
        String c = container("mounts");
        String v = prefix + "-named";
        docker.ok("create", "--name", c, "-v", v + ":/named", "-v", "/anon", "--mount", "type=volume,src=" + v
                + "2,dst=/m,readonly", WalkingSkeletonContract.BUSYBOX, "true");
        String mounts = docker.ok("inspect", "-f", "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}} "
                + "{{.Driver}} {{.Mode}} {{.RW}} [{{.Propagation}}]|{{end}}", c);
        assertTrue(mounts.contains("volume " + v + " /named local z true []|"), mounts);
        assertTrue(mounts.contains("volume " + v + "2 /m local  false []|"), mounts);
        assertTrue(mounts.matches("(?s).*volume [0-9a-f]{64} /anon local  true \\[]\\|.*"), mounts);
        String source = docker.ok("inspect", "-f", "{{range .Mounts}}{{if eq .Destination \"/named\"}}{{.Source}}"
                + "{{end}}{{end}}", c);
        assertEquals(daemon.dataRoot.resolve("volumes/" + v + "/_data") + "\n", source);
        String from = container("from");
        String out = docker.ok("run", "--name", from, "--volumes-from", c + ":ro", WalkingSkeletonContract.BUSYBOX,
                "sh", "-c", "ls -d /named /anon /m && touch /named/x 2>/dev/null || echo read-only");
        assertEquals("/anon\n/m\n/named\nread-only\n", out);
    }

    @Test
    void rmV_andRunRm_removeAnonymousVolumesOnly() throws Exception {
        String named = prefix + "-keep";
        String c = container("rmv");
        docker.ok("create", "--name", c, "-v", named + ":/named", "-v", "/anon", WalkingSkeletonContract.BUSYBOX,
                "true");
        String anon = anonymousOf(c);
        assertTrue(docker.ok("volume", "ls", "-q").contains(anon));
        docker.ok("rm", "-v", c);
        String left = docker.ok("volume", "ls", "-q");
        assertTrue(left.contains(named) && !left.contains(anon), left);

        String d = container("norm");
        docker.ok("create", "--name", d, "-v", "/anon", WalkingSkeletonContract.BUSYBOX, "true");
        String kept = anonymousOf(d);
        docker.ok("rm", d);
        assertTrue(docker.ok("volume", "ls", "-q").contains(kept), "rm without -v keeps it");

        String before = docker.ok("volume", "ls", "-q");
        docker.ok("run", "--rm", "-v", "/scratch", "-v", named + ":/named", WalkingSkeletonContract.BUSYBOX, "true");
        assertEquals(before, docker.ok("volume", "ls", "-q"), "--rm removed its anonymous volume, kept the named one");
    }

    private String anonymousOf(String c) throws Exception {
        return docker.ok("inspect", "-f", "{{range .Mounts}}{{if eq .Destination \"/anon\"}}{{.Name}}{{end}}{{end}}",
                c).trim();
    }

    @Test
    void volumesAndData_surviveABerthdRestart() throws Exception {
        String v = prefix + "-durable";
        String c = container("durable");
        docker.ok("volume", "create", "--label", "keep=yes", v);
        docker.ok("run", "--name", c, "-v", v + ":/data", WalkingSkeletonContract.BUSYBOX, "sh", "-c",
                "echo persisted > /data/f");
        assertEquals(0, daemon.stop());
        daemon.start();
        assertEquals(v + " map[keep:yes]\n", docker.ok("volume", "inspect", "-f", "{{.Name}} {{.Labels}}", v));
        DockerCli.Result inUse = docker.run("volume", "rm", v);
        assertTrue(inUse.stderr().contains("volume is in use"), "references survive too: " + inUse);
        assertEquals("persisted\n", docker.ok("run", "--rm", "-v", v + ":/data", WalkingSkeletonContract.BUSYBOX,
                "cat", "/data/f"));
    }

    @Test
    void tmpfsVolume_mountedWhileUsed_withEvents() throws Exception {
        String v = prefix + "-tmpfs";
        docker.ok("volume", "create", "--driver", "local", "--opt", "type=tmpfs", "--opt", "device=tmpfs",
                "--opt", "o=size=8m,uid=1000", v);
        assertEquals("map[device:tmpfs o:size=8m,uid=1000 type:tmpfs]\n",
                docker.ok("volume", "inspect", "-f", "{{.Options}}", v));
        String since = String.valueOf(System.currentTimeMillis() / 1000 - 5);
        String c = container("tmpfs");
        String out = docker.ok("run", "--name", c, "-v", v + ":/data", WalkingSkeletonContract.BUSYBOX, "sh", "-c",
                "grep ' /data ' /proc/mounts | cut -d' ' -f3; stat -c '%u' /data; df -k /data | tail -1");
        assertTrue(out.startsWith("tmpfs\n1000\n"), out);
        assertTrue(out.contains(" 8192 "), out);
        Path data = daemon.dataRoot.resolve("volumes/" + v + "/_data");
        // the exit handler unmounts right after the exit waiters (docker run's wait) are answered, as dockerd's
        // Cleanup comes after SetStopped: allow it a moment
        for (int i = 0; i < 100 && Files.readString(Path.of("/proc/self/mountinfo")).contains(" " + data + " "); i++) {
            Thread.sleep(50);
        }
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(" " + data + " "),
                "unmounted once no container runs with it");
        String events = volumeEvents(since, "unmount " + v);
        assertTrue(events.contains("create " + v) && events.contains("mount " + v)
                && events.contains("unmount " + v), events);
        docker.ok("rm", c);
        docker.ok("volume", "rm", v);
        assertTrue(volumeEvents(since, "destroy " + v).contains("destroy " + v));
    }

    /** Events reach the monitor asynchronously (see the README's known gaps): asks again for up to 10 s. */
    private String volumeEvents(String since, String expected) throws Exception {
        String events = "";
        for (int i = 0; i < 50 && !events.contains(expected); i++) {
            Thread.sleep(i == 0 ? 0 : 200);
            events = docker.ok("events", "--since", since, "--until", DockerCli.eventsNow(), "--filter", "type=volume",
                    "--format", "{{.Action}} {{.Actor.ID}}");
        }
        return events;
    }

    @Test
    void dockerPy_volumesCreateListGetRemovePrune() throws Exception {
        DockerCli.Result r = DockerPy.run(daemon, "volumes_dockerpy.py", prefix);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("ok\n", r.stdout());
    }
}
