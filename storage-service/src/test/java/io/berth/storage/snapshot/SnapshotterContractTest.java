package io.berth.storage.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.AlreadyExistsException;
import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotFoundException;
import io.berth.common.fs.AtomicFiles;
import io.berth.storage.diff.LayerApplier;
import io.berth.storage.testing.Fixtures;
import io.berth.storage.testing.Mounted;
import io.berth.storage.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link StorageDriver} must have (after containerd's snapshotter testsuite and moby's
 * graphtest), run on a fresh temp root per test. Trees are checked through real mounts of what the driver
 * returns; every mount is undone in a finally block (try-with-resources).
 */
public abstract class SnapshotterContractTest {
    @TempDir
    Path tmp;
    protected StorageDriver sn;
    private final LayerApplier applier = new LayerApplier();

    /** @return a driver on {@code root} */
    protected abstract StorageDriver open(Path root);

    /**
     * Builds a chain of empty committed layers {@code layer0} (bottom) .. {@code layer<depth-1>} (top) with the
     * driver's API. A driver whose limit is in the hundreds may build it more cheaply (every prepare and commit
     * rewrites the metadata file, quadratic in the depth) as long as the driver then sees the same chain.
     *
     * @param depth the number of layers
     * @return the top layer's name
     */
    protected String deepChain(int depth) {
        String parent = "";
        for (int i = 0; i < depth; i++) {
            String name = "layer" + i;
            sn.prepare("k" + i, parent, Map.of());
            sn.commit(name, "k" + i);
            parent = name;
        }
        return parent;
    }

    /** @return the driver's root for this test; drivers that need a special filesystem put it there */
    protected Path driverRoot() {
        return tmp.resolve("driver");
    }

    /** @return the most parents a snapshot may have, if the driver has a limit */
    protected abstract OptionalInt maxParents();

    @BeforeEach
    void openDriver() {
        Fixtures.requireRoot();
        sn = open(driverRoot());
    }

    @AfterEach
    void closeDriver() {
        if (sn != null) {
            sn.close();
        }
    }

    /** Prepares {@code key} on {@code parent}, applies {@code tar} and commits it as {@code name}. */
    protected void layer(String name, String parent, byte[] tar) {
        String key = "extract-" + name;
        List<Mount> m = sn.prepare(key, parent, Map.of());
        applier.apply(new ByteArrayInputStream(tar), m);
        sn.commit(name, key);
    }

    private Set<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void prepare_withoutParent_givesAnEmptyWritableTree() throws IOException {
        List<Mount> m = sn.prepare("a", "", Map.of("k", "v"));

        try (Mounted root = Mounted.mount(m, tmp.resolve("mnt"))) {
            assertEquals(Set.of(), list(root.root()));
            Files.writeString(root.root().resolve("file"), "data");
        }
        SnapshotInfo info = sn.stat("a");
        assertEquals(SnapshotKind.ACTIVE, info.kind());
        assertEquals("", info.parent());
        assertEquals(Map.of("k", "v"), info.labels());
        assertEquals(4, sn.usage("a").sizeBytes());
    }

    @Test
    void commit_activeSnapshot_isRenamedAndCommitted() {
        sn.prepare("a", "", Map.of());

        sn.commit("layer1", "a", Map.of("berth.test", "1"));

        assertFalse(sn.exists("a"));
        assertThrows(NotFoundException.class, () -> sn.stat("a"));
        assertEquals(SnapshotKind.COMMITTED, sn.stat("layer1").kind());
        assertEquals("1", sn.stat("layer1").labels().get("berth.test"));
        assertThrows(InvalidArgumentException.class, () -> sn.mounts("layer1"));
    }

    @Test
    void prepare_onParent_showsParentContentAndKeepsChangesApart() throws IOException {
        layer("base", "", new TarBuilder().file("a", "from base", 0644).build());
        List<Mount> m1 = sn.prepare("c1", "base", Map.of());
        List<Mount> m2 = sn.prepare("c2", "base", Map.of());

        try (Mounted r1 = Mounted.mount(m1, tmp.resolve("m1")); Mounted r2 = Mounted.mount(m2, tmp.resolve("m2"))) {
            assertEquals("from base", Files.readString(r1.root().resolve("a")));
            Files.writeString(r1.root().resolve("b"), "only in c1");
            Files.writeString(r1.root().resolve("a"), "changed in c1");
            assertFalse(Files.exists(r2.root().resolve("b")));
            assertEquals("from base", Files.readString(r2.root().resolve("a")));
        }
        assertEquals("base", sn.stat("c1").parent());
        assertEquals(m1, sn.mounts("c1"));
    }

    @Test
    void prepare_errors_areCategorised() {
        layer("base", "", new TarBuilder().build());
        sn.prepare("active", "", Map.of());

        assertThrows(AlreadyExistsException.class, () -> sn.prepare("active", "", Map.of()));
        assertThrows(AlreadyExistsException.class, () -> sn.prepare("base", "", Map.of()));
        assertThrows(NotFoundException.class, () -> sn.prepare("x", "no-such-parent", Map.of()));
        assertThrows(InvalidArgumentException.class, () -> sn.prepare("x", "active", Map.of()));
        assertThrows(InvalidArgumentException.class, () -> sn.commit("y", "base"));
        assertThrows(AlreadyExistsException.class, () -> sn.commit("base", "active"));
        assertFalse(sn.exists("x"));
    }

    @Test
    void view_ofCommitted_isReadOnly() throws IOException {
        layer("base", "", new TarBuilder().file("a", "x", 0644).build());
        layer("top", "base", new TarBuilder().file("b", "y", 0644).build());

        List<Mount> m = sn.view("v", "top", Map.of());

        assertEquals(SnapshotKind.VIEW, sn.stat("v").kind());
        try (Mounted r = Mounted.mount(m, tmp.resolve("v"))) {
            assertEquals(Set.of("a", "b"), list(r.root()));
            assertThrows(IOException.class, () -> Files.writeString(r.root().resolve("c"), "z"));
        }
        assertThrows(InvalidArgumentException.class, () -> sn.commit("v2", "v"));
    }

    @Test
    void remove_parentWithChildren_isAConflictUntilChildrenAreRemoved() {
        layer("base", "", new TarBuilder().file("a", "x", 0644).build());
        sn.prepare("child", "base", Map.of());

        assertThrows(ConflictException.class, () -> sn.remove("base"));
        sn.remove("child");
        sn.remove("base");

        assertFalse(sn.exists("base"));
        assertThrows(NotFoundException.class, () -> sn.remove("base"));
        List<SnapshotInfo> all = new ArrayList<>();
        sn.walk(all::add);
        assertEquals(List.of(), all);
    }

    @Test
    void remove_deletesTheDirectoriesAndReopenKeepsTheRest() throws IOException {
        layer("keep", "", new TarBuilder().file("k", "x", 0644).build());
        sn.prepare("gone", "keep", Map.of());
        Path snapshots = driverRoot().resolve("snapshots");
        int before = list(snapshots).size();

        sn.remove("gone");
        sn.close();
        sn = open(driverRoot());

        assertEquals(before - 1, list(snapshots).size());
        assertTrue(sn.exists("keep"));
        assertFalse(sn.exists("gone"));
        assertTrue(list(snapshots).stream().noneMatch(n -> n.startsWith("rm-") || n.startsWith("new-")));
    }

    @Test
    void walk_listsEverySnapshot() {
        layer("base", "", new TarBuilder().build());
        sn.prepare("a", "base", Map.of());
        sn.view("v", "base", Map.of());

        List<String> names = new ArrayList<>();
        sn.walk(i -> names.add(i.name() + ":" + i.kind()));

        assertEquals(Set.of("base:COMMITTED", "a:ACTIVE", "v:VIEW"), Set.copyOf(names));
    }

    @Test
    void whiteouts_hideLowerFilesThroughAMountedTree() throws IOException {
        layer("l1", "", new TarBuilder().file("gone", "x", 0644).dir("d", 0755).file("d/old", "o", 0644)
                .dir("keep", 0755).file("keep/k", "k", 0644).build());
        layer("l2", "l1", new TarBuilder().file(".wh.gone", "", 0600).dir("d", 0755)
                .file("d/.wh..wh..opq", "", 0755).file("d/new", "n", 0644).build());
        List<Mount> m = sn.prepare("container", "l2", Map.of());

        try (Mounted r = Mounted.mount(m, tmp.resolve("c"))) {
            assertEquals(Set.of("d", "keep"), list(r.root()));
            assertEquals(Set.of("new"), list(r.root().resolve("d")));
            assertEquals("k", Files.readString(r.root().resolve("keep/k")));
        }
    }

    @Test
    void prepare_deepChain_isLimitedByTheDriver() throws IOException {
        int max = maxParents().orElse(128);
        String parent = deepChain(max);

        List<Mount> atLimit = sn.prepare("at-limit", parent, Map.of());
        sn.commit("one-more", "at-limit");

        assertEquals(1, atLimit.size());
        if (maxParents().isPresent()) {
            String lower = atLimit.get(0).option("lowerdir=");
            assertEquals(max, lower.split(":").length);
            String bottom = sn.driverData("layer0").get("UpperDir");
            if (bottom != null) {
                Files.writeString(Path.of(bottom, "bottom"), "layer0");
            }
            try (Mounted r = Mounted.mount(atLimit, tmp.resolve("at-limit"))) {
                if (bottom != null) {
                    assertEquals("layer0", Files.readString(r.root().resolve("bottom")));
                }
                Files.writeString(r.root().resolve("top"), "written");
                assertEquals("written", Files.readString(r.root().resolve("top")));
            }
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> sn.prepare("over", "one-more", Map.of()));
            assertTrue(e.getMessage().contains(Integer.toString(max)), e.getMessage());
            if (sn.name().equals("overlay2")) {
                assertTrue(e.getMessage().startsWith("max depth exceeded"), e.getMessage());
            }
            assertFalse(sn.exists("over"));
        } else {
            sn.prepare("over", "one-more", Map.of());
            assertTrue(sn.exists("over"));
        }
    }

    /** A base layer, a second layer on top, and a container snapshot on both (the image's top). */
    @Test
    void prepare_childSeesTheParentsSetuidOwnersAndTimes() throws IOException {
        layer("base", "", new TarBuilder().file("s", "x".getBytes(), 04755, 1000, 1001, TarBuilder.MTIME, Map.of())
                .build());

        try (Mounted r = Mounted.mount(sn.prepare("child", "base", Map.of()), tmp.resolve("child"))) {
            Path s = r.root().resolve("s");
            assertEquals(0104755, Files.getAttribute(s, "unix:mode"));
            assertEquals(1000, Files.getAttribute(s, "unix:uid"));
            assertEquals(1001, Files.getAttribute(s, "unix:gid"));
            assertEquals(TarBuilder.MTIME, Files.getLastModifiedTime(s).toInstant());
        }
    }

    private List<Mount> container() {
        layer("base", "", new TarBuilder().dir("etc", 0755).file("etc/passwd", "root:x:0:0::/root:/bin/sh\n", 0644)
                .file("etc/hosts", "127.0.0.1 image\n", 0644).file("gone", "x", 0644).dir("d", 0755)
                .file("d/old", "o", 0644).file("a", "linked", 0644).hardlink("a-link", "a")
                .symlink("s", "etc/passwd").build());
        layer("top", "base", new TarBuilder().file("lower2", "2", 0644).build());
        return sn.prepare("c", "top", Map.of());
    }

    private static void rmTree(Path p) throws IOException {
        AtomicFiles.deleteTree(p);
    }

    private List<String> changes(boolean init) {
        return sn.changes("c", init).stream().map(Change::toString).toList();
    }

    @Test
    void changes_listAddedModifiedAndDeletedPathsAsDockerDoes() throws IOException {
        List<Mount> m = container();
        try (Mounted r = Mounted.mount(m, tmp.resolve("c"))) {
            Path root = r.root();
            Files.writeString(root.resolve("new"), "n");
            Files.writeString(root.resolve("etc/passwd"), "changed\n");
            Files.writeString(root.resolve("etc/added"), "a");
            Files.delete(root.resolve("gone"));
            rmTree(root.resolve("d"));
            Files.createDirectory(root.resolve("d"));
            Files.writeString(root.resolve("d/new"), "n");
            Files.createDirectories(root.resolve("newdir/sub"));
        }

        assertEquals(List.of("C /d", "A /d/new", "D /d/old", "C /etc", "A /etc/added", "C /etc/passwd", "D /gone",
                "A /new", "A /newdir", "A /newdir/sub"), changes(false));
        assertEquals(List.of(), sn.changes("top", false).stream().filter(c -> !c.path().equals("/lower2")).toList());
        assertThrows(NotFoundException.class, () -> sn.changes("nosuch", false));
    }

    @Test
    void changes_ofAnUntouchedContainer_areEmpty() {
        container();

        assertEquals(List.of(), changes(false));
        assertEquals(List.of("A /lower2"), sn.changes("top", false).stream().map(Change::toString).toList());
    }

    @Test
    void changes_withDockerInitLayer_hideTheMountPointsRuncCreated() throws IOException {
        List<Mount> m = container();
        try (Mounted r = Mounted.mount(m, tmp.resolve("c"))) {
            Path root = r.root();
            Files.createFile(root.resolve("etc/hostname"));
            Files.createFile(root.resolve("etc/resolv.conf"));
            Files.createDirectories(root.resolve("proc"));
            Files.createDirectories(root.resolve("sys"));
            Files.createDirectories(root.resolve("dev"));
            Files.createFile(root.resolve("y"));
        }

        assertEquals(List.of("A /y"), changes(true));
        assertEquals(List.of("A /dev", "C /etc", "A /etc/hostname", "A /etc/resolv.conf", "A /proc", "A /sys",
                "A /y"), changes(false));

        try (Mounted r = Mounted.mount(sn.mounts("c"), tmp.resolve("c"))) {
            Files.createFile(r.root().resolve("etc/mine"));
            Files.createFile(r.root().resolve("dev/mine"));
        }
        assertEquals(List.of("C /dev", "A /dev/mine", "C /etc", "A /etc/mine", "A /y"), changes(true));
    }

    @Test
    void changes_withDockerInitLayer_reportTheMountPointsParentAsEachDifferWould() throws IOException {
        List<Mount> m = container();
        try (Mounted r = Mounted.mount(m, tmp.resolve("c"))) {
            Files.createFile(r.root().resolve("etc/hostname"));
            Files.writeString(r.root().resolve("etc/passwd"), "changed\n");
        }

        // moby's overlay differ reports a parent only for an added or deleted child; its naive differ
        // (vfs, btrfs) for any change below it.
        List<String> expected = !sn.name().equals("overlay2") ? List.of("C /etc", "C /etc/passwd")
                : List.of("C /etc/passwd");
        assertEquals(expected, changes(true));
    }

    private record TarItem(TarArchiveEntry entry, byte[] data) {
    }

    private Map<String, TarItem> export(boolean init, List<String> order) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sn.export("c", init, out);
        Map<String, TarItem> items = entries(out.toByteArray());
        order.addAll(items.keySet());
        return items;
    }

    /** @return a tar's entries with their data, by name in the tar's order */
    private static Map<String, TarItem> entries(byte[] tar) throws IOException {
        Map<String, TarItem> items = new java.util.LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                items.put(e.getName(), new TarItem(e, in.readAllBytes()));
            }
        }
        return items;
    }

    private static final byte[] LATIN1_CAFE = {'c', 'a', 'f', (byte) 0xe9};

    /** Names a container wrote that are not UTF-8 (touch "$(printf 'caf\\351')"), in a new and an old dir. */
    private void writeLatin1Names() throws IOException {
        String cafe = io.berth.common.fs.RawNames.decode(LATIN1_CAFE);
        try (Mounted r = Mounted.mount(container(), tmp.resolve("c"))) {
            Path root = r.root();
            Files.writeString(io.berth.common.fs.RawNames.resolve(root, cafe), "latin-1");
            Path dir = io.berth.common.fs.RawNames.resolve(root.resolve("etc"), cafe);
            Files.createDirectory(dir);
            Files.writeString(dir.resolve("f"), "x");
            Files.createSymbolicLink(root.resolve("to-cafe"), root.getFileSystem().getPath("")
                    .resolve(io.berth.common.fs.RawNames.resolve(root, cafe).getFileName()));
        }
    }

    @Test
    void changes_keepNamesThatAreNotUtf8_asTheirRawBytes() throws IOException {
        writeLatin1Names();

        assertEquals(List.of("A /caf\uDCE9", "C /etc", "A /etc/caf\uDCE9", "A /etc/caf\uDCE9/f", "A /to-cafe"),
                changes(false));
    }

    @Test
    void export_writesNamesThatAreNotUtf8_withTheirRawBytesInPaxRecords() throws Exception {
        writeLatin1Names();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sn.export("c", false, out);
        byte[] tar = out.toByteArray();

        for (String record : List.of("13 path=caf\u00e9\n", "18 path=etc/caf\u00e9/\n", "19 path=etc/caf\u00e9/f\n",
                "17 linkpath=caf\u00e9\n")) {
            byte[] raw = record.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(indexOf(tar, raw) >= 0, "tar holds the raw record " + record.trim());
        }
        List<String> order = new ArrayList<>();
        Map<String, TarItem> t = export(false, order);
        assertEquals("latin-1", new String(t.get("caf\uFFFD").data()));
        assertTrue(order.contains("etc/caf\uFFFD/f"), order.toString());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void export_isTheMergedTreeWithWhiteoutsApplied() throws Exception {
        List<Mount> m = container();
        try (Mounted r = Mounted.mount(m, tmp.resolve("c"))) {
            Path root = r.root();
            Files.writeString(root.resolve("new"), "written by the container");
            Files.delete(root.resolve("gone"));
            rmTree(root.resolve("d"));
            Files.createDirectory(root.resolve("d"));
            Files.writeString(root.resolve("d/new"), "n");
            Files.writeString(root.resolve("suid"), "#!");
            io.berth.common.sys.Sys.lchown(root.resolve("suid"), 1000, 1001);
            io.berth.common.sys.Sys.chmod(root.resolve("suid"), 04755);
            io.berth.common.sys.Sys.mknod(root.resolve("null"), io.berth.common.sys.LibC.S_IFCHR | 0666, 1, 3);
            io.berth.common.sys.Sys.mknod(root.resolve("fifo"), io.berth.common.sys.LibC.S_IFIFO | 0600, 0, 0);
        }
        List<String> order = new ArrayList<>();

        Map<String, TarItem> t = export(false, order);

        assertEquals(List.of("a", "a-link", "d/", "d/new", "etc/", "etc/hosts", "etc/passwd", "fifo", "lower2", "new",
                "null", "s", "suid"), order);
        assertEquals("linked", new String(t.get("a").data()));
        assertTrue(t.get("a-link").entry().isLink());
        assertEquals("a", t.get("a-link").entry().getLinkName());
        assertEquals("written by the container", new String(t.get("new").data()));
        assertEquals("2", new String(t.get("lower2").data()));
        assertEquals(04755, t.get("suid").entry().getMode() & 07777);
        assertEquals(1000, t.get("suid").entry().getLongUserId());
        assertEquals(1001, t.get("suid").entry().getLongGroupId());
        assertTrue(t.get("null").entry().isCharacterDevice());
        assertEquals(1, t.get("null").entry().getDevMajor());
        assertEquals(3, t.get("null").entry().getDevMinor());
        assertTrue(t.get("fifo").entry().isFIFO());
        assertTrue(t.get("s").entry().isSymbolicLink());
        assertEquals("etc/passwd", t.get("s").entry().getLinkName());
        assertEquals(040755, t.get("d/").entry().getMode());
        assertEquals(TarBuilder.MTIME, t.get("etc/passwd").entry().getLastModifiedTime().toInstant());
    }

    @Test
    void export_withDockerInitLayer_hasDockerdsInitEntries() throws Exception {
        container();
        List<String> order = new ArrayList<>();

        Map<String, TarItem> t = export(true, order);

        assertTrue(order.containsAll(List.of(".dockerenv", "dev/", "dev/console", "dev/pts/", "dev/shm/", "proc/",
                "sys/", "etc/hostname", "etc/resolv.conf", "etc/mtab")), order.toString());
        assertEquals(0, t.get("etc/hosts").data().length);
        assertEquals(0100755, t.get("etc/hosts").entry().getMode());
        assertEquals("/proc/mounts", t.get("etc/mtab").entry().getLinkName());
        assertEquals(0, t.get(".dockerenv").entry().getLongUserId());
        assertEquals(040755, t.get("etc/").entry().getMode());
        assertTrue(t.containsKey("etc/passwd"));
        assertFalse(list(driverRoot().resolve("snapshots")).stream().anyMatch(n -> n.startsWith("new-")));
    }

    @Test
    void export_withDockerInitLayer_keepsWhatTheContainerWroteThere() throws Exception {
        List<Mount> m = container();
        try (Mounted r = Mounted.mount(m, tmp.resolve("c"))) {
            Files.writeString(r.root().resolve(".dockerenv"), "mine");
        }

        Map<String, TarItem> t = export(true, new ArrayList<>());

        assertEquals("mine", new String(t.get(".dockerenv").data()));
    }

    /** A file capability (VFS_CAP_REVISION_2, effective, cap_net_bind_service permitted): what setcap writes. */
    private static final byte[] NET_BIND_CAP = {0x01, 0x00, 0x00, 0x02, 0x00, 0x04, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0};
    private static final java.time.Instant NS_TIME = java.time.Instant.ofEpochSecond(1_600_000_000L, 123_456_789);
    private static final java.time.Instant WHITEOUT_TIME = java.time.Instant.ofEpochSecond(1_650_000_000L);

    /** Something a test does to a mounted container tree. */
    private interface TreeWriter {
        void write(Path root) throws IOException;
    }

    /**
     * The commit round trip: a container snapshot {@code rt} on {@code base} (from {@code baseTar}) is written
     * by {@code writer}, its diff tar ({@link Snapshotter#diff}) is applied as a new layer {@code rt-layer} on
     * {@code base}, and a view of that layer is mounted for the caller to compare.
     *
     * @return the view's mount (close it) and the diff tar's entries by name
     */
    private Map.Entry<Mounted, Map<String, TarItem>> roundTrip(byte[] baseTar, TreeWriter writer) throws IOException {
        layer("base", "", baseTar);
        try (Mounted r = Mounted.mount(sn.prepare("rt", "base", Map.of()), tmp.resolve("rt"))) {
            writer.write(r.root());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sn.diff("rt", out, WHITEOUT_TIME);
        Map<String, TarItem> items = entries(out.toByteArray());
        layer("rt-layer", "base", out.toByteArray());
        return Map.entry(Mounted.mount(sn.view("rt-check", "rt-layer", Map.of()), tmp.resolve("rt-check")), items);
    }

    private static Object attr(Path p, String name) throws IOException {
        return Files.getAttribute(p, "unix:" + name, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void diff_appliedAsALayer_keepsSetuidSetgidOwnersAndWholeSecondMtimes() throws IOException {
        byte[] base = new TarBuilder().file("tool", "#!", 0755).dir("shared", 0755).build();

        var rt = roundTrip(base, root -> {
            Path suid = root.resolve("suid");
            Files.writeString(suid, "#!/bin/sh\n");
            io.berth.common.sys.Sys.lchown(suid, 1000, 1001);
            io.berth.common.sys.Sys.chmod(suid, 04755);
            Path both = root.resolve("both");
            Files.writeString(both, "x");
            io.berth.common.sys.Sys.lchown(both, 0, 1001);
            io.berth.common.sys.Sys.chmod(both, 06711);
            io.berth.common.sys.Sys.chmod(root.resolve("tool"), 04755); // a lower file made setuid: copied up
            Path sgid = Files.createDirectory(root.resolve("sgid"));
            Files.writeString(sgid.resolve("f"), "in sgid");
            io.berth.common.sys.Sys.lchown(sgid, 0, 1001);
            io.berth.common.sys.Sys.chmod(sgid, 02775);
            io.berth.common.sys.Sys.chmod(root.resolve("shared"), 01777);
            for (Path p : List.of(suid, both, sgid.resolve("f"), sgid)) {
                io.berth.storage.fs.FileTimes.set(p, java.nio.file.attribute.FileTime.from(NS_TIME));
            }
        });

        try (Mounted v = rt.getKey()) {
            Path r = v.root();
            assertEquals(0104755, attr(r.resolve("suid"), "mode"));
            assertEquals(1000, attr(r.resolve("suid"), "uid"));
            assertEquals(1001, attr(r.resolve("suid"), "gid"));
            assertEquals(0106711, attr(r.resolve("both"), "mode"));
            assertEquals(1001, attr(r.resolve("both"), "gid"));
            assertEquals(0104755, attr(r.resolve("tool"), "mode"));
            assertEquals(042775, attr(r.resolve("sgid"), "mode"));
            assertEquals(1001, attr(r.resolve("sgid"), "gid"));
            assertEquals(041777, attr(r.resolve("shared"), "mode"));
            assertEquals("in sgid", Files.readString(r.resolve("sgid/f")));
            // moby's pkg/archive truncates ModTime to whole seconds in a layer tar, so a commit loses the ns
            java.time.Instant seconds = java.time.Instant.ofEpochSecond(NS_TIME.getEpochSecond());
            for (String name : List.of("suid", "both", "sgid/f", "sgid")) {
                assertEquals(seconds, Files.getLastModifiedTime(r.resolve(name),
                        java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant(), name);
            }
        }
        assertEquals(seconds(rt.getValue().get("suid").entry()), NS_TIME.getEpochSecond());
    }

    private static long seconds(TarArchiveEntry e) {
        return e.getLastModifiedTime().toInstant().getEpochSecond();
    }

    @Test
    void diff_appliedAsALayer_keepsTheFileCapability_andDropsOtherXattrsAsDockerdDoes() throws IOException {
        var rt = roundTrip(new TarBuilder().file("lower", "l", 0755).build(), root -> {
            Path ping = root.resolve("ping");
            Files.writeString(ping, "binary");
            io.berth.common.sys.Sys.lchown(ping, 0, 0);
            io.berth.common.sys.Sys.chmod(ping, 0755);
            io.berth.common.sys.Sys.setXattr(ping, "security.capability", NET_BIND_CAP); // after the write: it kills caps
            io.berth.common.sys.Sys.setXattr(ping, "user.note", "kept on disk only".getBytes());
            io.berth.common.sys.Sys.setXattr(root.resolve("lower"), "security.capability", NET_BIND_CAP);
        });

        try (Mounted v = rt.getKey()) {
            Path r = v.root();
            assertTrue(java.util.Arrays.equals(NET_BIND_CAP,
                    io.berth.common.sys.Sys.getXattrBytes(r.resolve("ping"), "security.capability")));
            assertTrue(java.util.Arrays.equals(NET_BIND_CAP,
                    io.berth.common.sys.Sys.getXattrBytes(r.resolve("lower"), "security.capability")));
            // moby's ReadSecurityXattrToTarHeader reads security.capability alone
            assertEquals(null, io.berth.common.sys.Sys.getXattrBytes(r.resolve("ping"), "user.note"));
            assertEquals("binary", Files.readString(r.resolve("ping")));
        }
        Map<String, String> pax = rt.getValue().get("ping").entry().getExtraPaxHeaders();
        assertEquals(Set.of("SCHILY.xattr.security.capability"), pax.keySet().stream()
                .filter(k -> k.startsWith("SCHILY.xattr.")).collect(Collectors.toSet()));
    }

    @Test
    void diff_appliedAsALayer_keepsHardlinksSymlinksWhiteoutsAndOpaqueDirectories() throws IOException {
        byte[] base = new TarBuilder().file("gone", "x", 0644).dir("d", 0755).file("d/old", "o", 0644)
                .dir("keep", 0755).file("keep/k", "k", 0644).file("target", "t", 0644).build();

        var rt = roundTrip(base, root -> {
            Files.writeString(root.resolve("h1"), "one inode");
            Files.createLink(root.resolve("h2"), root.resolve("h1"));
            Files.createDirectory(root.resolve("sub"));
            Files.createLink(root.resolve("sub/h3"), root.resolve("h1"));
            Files.createSymbolicLink(root.resolve("ln"), Path.of("target"));
            Files.createSymbolicLink(root.resolve("dangling"), Path.of("/no/such"));
            Files.delete(root.resolve("gone"));
            Files.delete(root.resolve("keep/k"));
            rmTree(root.resolve("d"));
            Files.createDirectory(root.resolve("d"));
            Files.writeString(root.resolve("d/new"), "n");
        });

        try (Mounted v = rt.getKey()) {
            Path r = v.root();
            assertEquals(Set.of("d", "dangling", "h1", "h2", "keep", "ln", "sub", "target"), list(r));
            Object ino = attr(r.resolve("h1"), "ino");
            assertEquals(ino, attr(r.resolve("h2"), "ino"));
            assertEquals(ino, attr(r.resolve("sub/h3"), "ino"));
            assertEquals(3, attr(r.resolve("h1"), "nlink"));
            assertEquals("one inode", Files.readString(r.resolve("sub/h3")));
            assertEquals(Path.of("target"), Files.readSymbolicLink(r.resolve("ln")));
            assertEquals("t", Files.readString(r.resolve("ln")));
            assertEquals(Path.of("/no/such"), Files.readSymbolicLink(r.resolve("dangling")));
            assertEquals(Set.of("new"), list(r.resolve("d")));
            assertEquals(Set.of(), list(r.resolve("keep")));
        }
        Map<String, TarItem> t = rt.getValue();
        assertTrue(t.get("h2").entry().isLink(), t.keySet().toString());
        assertEquals("h1", t.get("h2").entry().getLinkName());
        assertEquals("h1", t.get("sub/h3").entry().getLinkName());
        TarItem wh = t.get(".wh.gone");
        assertEquals(WHITEOUT_TIME, wh.entry().getLastModifiedTime().toInstant());
        assertEquals(0, wh.data().length);
        assertTrue(t.containsKey("keep/.wh.k"), t.keySet().toString());
        // overlay2 writes the opaque marker of the remade directory; the naive differs its lost child's whiteout
        assertTrue(t.containsKey(sn.name().equals("overlay2") ? "d/.wh..wh..opq" : "d/.wh.old"),
                t.keySet().toString());
    }

    @Test
    void commit_thenPrepare_childSeesNanosecondTimesXattrsAndSpecialBitsOfTheCommittedLayer() throws IOException {
        try (Mounted r = Mounted.mount(sn.prepare("w", "", Map.of()), tmp.resolve("w"))) {
            Path f = r.root().resolve("f");
            Files.writeString(f, "data");
            io.berth.common.sys.Sys.lchown(f, 1000, 1001);
            io.berth.common.sys.Sys.chmod(f, 06755);
            io.berth.common.sys.Sys.setXattr(f, "security.capability", NET_BIND_CAP);
            io.berth.common.sys.Sys.setXattr(f, "user.note", "n".getBytes());
            Path d = Files.createDirectory(r.root().resolve("d"));
            io.berth.common.sys.Sys.chmod(d, 03775);
            Files.createLink(d.resolve("link"), f);
            Files.createSymbolicLink(r.root().resolve("s"), Path.of("f"));
            for (Path p : List.of(f, d, r.root().resolve("s"))) {
                io.berth.storage.fs.FileTimes.set(p, java.nio.file.attribute.FileTime.from(NS_TIME));
            }
        }
        sn.commit("committed", "w");

        try (Mounted c = Mounted.mount(sn.prepare("child", "committed", Map.of()), tmp.resolve("child"))) {
            Path f = c.root().resolve("f");
            assertEquals(0106755, attr(f, "mode"));
            assertEquals(1000, attr(f, "uid"));
            assertEquals(1001, attr(f, "gid"));
            assertTrue(java.util.Arrays.equals(NET_BIND_CAP,
                    io.berth.common.sys.Sys.getXattrBytes(f, "security.capability")));
            assertEquals("n", io.berth.common.sys.Sys.getXattr(f, "user.note"));
            assertEquals(043775, attr(c.root().resolve("d"), "mode"));
            assertEquals(attr(f, "ino"), attr(c.root().resolve("d/link"), "ino"));
            for (String name : List.of("f", "d", "s")) {
                assertEquals(NS_TIME, Files.getLastModifiedTime(c.root().resolve(name),
                        java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant(), name);
            }
        }
    }
}
